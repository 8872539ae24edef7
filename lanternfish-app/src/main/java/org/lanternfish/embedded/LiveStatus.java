package org.lanternfish.embedded;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a {@link LiveService} stands.
 *
 * @param running whether it is following
 * @param records lines read into events since it started
 * @param eventsPerSecond events read per wall second between the last two commits
 * @param lagMicros wall time now minus the event time it has reached: how far it trails a live sensor
 * @param lastSeq the outbox's last sequence number after the last commit
 * @param lastCommit when the last commit was stored, if any
 * @param breaches breaches it committed since it started
 * @param devices devices the detection core knows
 * @param eventsLearned events the detection core has learned from, including those before a restart
 */
public record LiveStatus(boolean running, long records, double eventsPerSecond, long lagMicros, long lastSeq,
    Optional<Instant> lastCommit, long breaches, int devices, long eventsLearned) {

  /** The same status with {@code running} as given. */
  LiveStatus running(boolean now) {
    return new LiveStatus(now, records, eventsPerSecond, lagMicros, lastSeq, lastCommit, breaches, devices,
        eventsLearned);
  }
}
