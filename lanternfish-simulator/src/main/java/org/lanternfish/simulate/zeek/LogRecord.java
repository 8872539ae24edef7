package org.lanternfish.simulate.zeek;

/**
 * One record of one Zeek log before it is written: values in the log's column order, typed by the column.
 *
 * <p>Values are {@code null} (unset), {@link String}, {@link Long} or {@link Integer} (counts, ports, and times in
 * microseconds), {@link Double} (intervals in seconds), {@link Boolean}, or a {@link java.util.List} for sets and
 * vectors. {@code seq} breaks ties between equal times so the output order never depends on a hash.
 *
 * @param ts event time in microseconds since the Unix epoch; decides the hourly file
 * @param seq creation order, a tie-breaker
 * @param log the log the record belongs to
 * @param values the column values
 */
public record LogRecord(long ts, long seq, ZeekLog log, Object[] values) implements Comparable<LogRecord> {

  @Override
  public int compareTo(LogRecord other) {
    int byTime = Long.compare(ts, other.ts);
    return byTime != 0 ? byTime : Long.compare(seq, other.seq);
  }
}
