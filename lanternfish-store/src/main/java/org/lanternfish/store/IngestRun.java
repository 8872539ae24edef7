package org.lanternfish.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.lanternfish.event.LogType;

/**
 * The summary of one ingest run: what was read and which event times it covered.
 *
 * @param startedAt wall-clock start of the run
 * @param finishedAt wall-clock end of the run
 * @param files the files read
 * @param records records stored per log type
 * @param firstTs the earliest event time in microseconds, or {@link org.lanternfish.event.Event#NO_TIME}
 * @param lastTs the latest event time in microseconds, or {@link org.lanternfish.event.Event#NO_TIME}
 */
public record IngestRun(
    Instant startedAt, Instant finishedAt, List<String> files, Map<LogType, Long> records, long firstTs,
    long lastTs) {
  /** Copies the collections so a run can be kept after the ingest moves on. */
  public IngestRun {
    files = List.copyOf(files);
    records = Map.copyOf(records);
  }
}
