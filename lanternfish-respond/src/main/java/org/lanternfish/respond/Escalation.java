package org.lanternfish.respond;

import java.util.List;

/**
 * Catch and release with growing durations: a target blocked again soon after its last block is held longer each
 * time (by default 10 minutes, 1 hour, 24 hours, 7 days, as Zeek's NetControl does), and starts over once it has
 * stayed clean for the memory period.
 *
 * @param steps durations in microseconds, shortest first; the last repeats
 * @param memoryMicros how long a past action counts towards the next one's step
 */
public record Escalation(List<Long> steps, long memoryMicros) {

  private static final long MINUTE = 60_000_000L;

  /** Checks there is at least one step. */
  public Escalation {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("an escalation needs at least one duration");
    }
  }

  /** 10 minutes, 1 hour, 24 hours, 7 days; a target clean for 30 days starts over. */
  public static Escalation catchAndRelease() {
    return new Escalation(List.of(10 * MINUTE, 60 * MINUTE, 24 * 60 * MINUTE, 7 * 24 * 60 * MINUTE),
        30 * 24 * 60 * MINUTE);
  }

  /** The duration for a target that was acted on {@code recent} times within the memory period. */
  public long duration(int recent) {
    return steps.get(Math.min(recent, steps.size() - 1));
  }
}
