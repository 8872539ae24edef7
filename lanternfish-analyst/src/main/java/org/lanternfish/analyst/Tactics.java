package org.lanternfish.analyst;

import java.util.EnumSet;
import java.util.Set;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Tactic;

/**
 * The kill-chain phases of a breach: its ATT&CK tactics (the model's, or its techniques'), with the phase its kind
 * of step implies.
 */
final class Tactics {

  private Tactics() {}

  /** The phases a breach reached: those of its tactics plus the one its kind of step implies. */
  static Set<Phase> of(Breach breach, Step step) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (Tactic tactic : breach.tactics()) {
      Phase phase = Phase.of(tactic);
      if (phase != null) {
        phases.add(phase);
      }
    }
    if (step.phase() != null) {
      phases.add(step.phase());
    }
    return phases;
  }
}
