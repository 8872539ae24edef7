package org.lanternfish.simulate.truth;

import java.util.List;

/**
 * One injected intrusion and its steps.
 *
 * @param id the scenario id as requested, such as {@code S2} or {@code beaconing}
 * @param name a readable name, such as {@code ShadowPad}
 * @param day the day of the run (0-based) it was injected on
 * @param start time of its first record, microseconds since the epoch
 * @param end end of its last record, microseconds since the epoch
 * @param steps its steps in order
 */
public record ScenarioTruth(String id, String name, int day, long start, long end, List<StepTruth> steps) {

  /** Makes the step list immutable. */
  public ScenarioTruth {
    steps = List.copyOf(steps);
  }
}
