package org.lanternfish.analyst;

import java.util.List;

/**
 * One breach on an incident's timeline.
 *
 * @param ts event time in microseconds since the epoch
 * @param breachId the breach
 * @param device the device that breached
 * @param peer the other endpoint, or null
 * @param model the model that fired
 * @param score the breach's score, 0 to 100
 * @param step what the breach means in the story
 * @param phases the kill-chain phases it reached, in order
 */
public record TimelineEntry(long ts, String breachId, String device, String peer, String model, int score, Step step,
    List<Phase> phases) {

  /** Makes the list immutable. */
  public TimelineEntry {
    phases = List.copyOf(phases);
  }
}
