package org.lanternfish.simulate.eval;

import java.util.List;

/**
 * How one injected scenario fared.
 *
 * @param id the scenario id, such as {@code S2}
 * @param name its readable name
 * @param detected true when at least one step was detected
 * @param timeToDetectSeconds seconds from the scenario's start to its first detected step's breach, or null
 * @param stepsDetected number of steps detected
 * @param breaches breaches citing any of its records
 * @param incidents distinct incidents those breaches were threaded into (1 is ideal; an unthreaded breach counts
 *     as an incident of its own)
 * @param mainIncidentShare share of its breaches in the incident that holds most of them, or null without breaches
 * @param steps per-step results in truth order
 */
public record ScenarioScore(
    String id, String name, boolean detected, Double timeToDetectSeconds, int stepsDetected, int breaches,
    int incidents, Double mainIncidentShare, List<StepScore> steps) {

  /** Makes the step list immutable. */
  public ScenarioScore {
    steps = List.copyOf(steps);
  }
}
