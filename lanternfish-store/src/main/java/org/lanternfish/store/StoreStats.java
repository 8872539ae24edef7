package org.lanternfish.store;

import java.util.List;
import java.util.Map;
import org.lanternfish.event.LogType;

/**
 * What the store holds, for the {@code stats} command and the System page.
 *
 * @param rows stored rows per log type (types with no rows are left out)
 * @param firstTs the earliest event time in microseconds, or {@link org.lanternfish.event.Event#NO_TIME}
 * @param lastTs the latest event time in microseconds, or {@link org.lanternfish.event.Event#NO_TIME}
 * @param devices distinct originator and responder addresses over all flow logs
 * @param problems malformed input lines per problem class
 * @param problemSamples a few located examples per problem class
 * @param runs the ingest runs recorded, oldest first
 * @param databaseBytes size of the database files on disk
 */
public record StoreStats(
    Map<LogType, Long> rows,
    long firstTs,
    long lastTs,
    long devices,
    Map<String, Long> problems,
    List<IngestProblem> problemSamples,
    List<IngestRun> runs,
    long databaseBytes) {}
