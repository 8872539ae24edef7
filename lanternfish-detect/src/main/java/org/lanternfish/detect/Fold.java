package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Tactic;

/**
 * One act, one breach: the models that fire on the same signal of one device (an executable written to an admin
 * share is a drive write, a new admin-share write and a masquerade at once) are told as the breach of the
 * highest-scoring model, which names the others, their scores and explanations, and carries their techniques,
 * tactics, records and entities, so the analyst reads one breach per act and nothing any of them saw is lost.
 */
final class Fold {

  private Fold() {}

  /** The breaches raised on one signal as one breach; {@code raised} is in catalogue order and not empty. */
  static Breach of(List<Breach> raised) {
    Breach winner = raised.getFirst();
    for (Breach b : raised) {
      // The first of equal scores wins, so the catalogue's order decides ties the same way every time.
      if (b.score() > winner.score()) {
        winner = b;
      }
    }
    if (raised.size() == 1) {
      return winner;
    }
    Set<String> techniques = new LinkedHashSet<>(winner.techniques());
    Set<Tactic> tactics = new LinkedHashSet<>(winner.tactics());
    Set<String> uids = new LinkedHashSet<>(winner.recordUids());
    Map<String, String> entities = new TreeMap<>(winner.entities());
    List<Evidence> evidence = new ArrayList<>(winner.evidence());
    List<String> others = new ArrayList<>();
    for (Breach b : raised) {
      if (b == winner) {
        continue;
      }
      techniques.addAll(b.techniques());
      tactics.addAll(b.tactics());
      uids.addAll(b.recordUids());
      b.entities().forEach(entities::putIfAbsent);
      for (Evidence e : b.evidence()) {
        if (!evidence.contains(e)) {
          evidence.add(e);
        }
      }
      evidence.add(new Evidence(Evidence.FOLDED_MODEL + b.modelId(), b.model() + ": " + b.explanation(), b.score()));
      others.add(b.model() + " (" + b.score() + ")");
    }
    String explanation = winner.explanation() + " The same act also matched " + String.join(", ", others) + ".";
    return new Breach(winner.id(), winner.modelId(), winner.model(), winner.category(), winner.ts(), winner.device(),
        winner.peer(), winner.score(), List.copyOf(techniques), List.copyOf(tactics), explanation, evidence,
        List.copyOf(uids), entities);
  }
}
