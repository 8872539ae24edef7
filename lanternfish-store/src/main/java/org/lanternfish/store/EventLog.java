package org.lanternfish.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/** The stored events, one table per log type: appended in batches or bulk loads, read by time, aged out by day. */
public interface EventLog {
  /** Stores {@code events} of any log types in one transaction; returns the number stored. */
  long append(List<? extends Event> events);

  /**
   * Streams every event of {@code type} that {@code events} yields into the store as one transaction, the fast path
   * for bulk loads: the store's writer threads pull from the iterator while the producer behind it keeps parsing,
   * and a large transaction lets DuckDB write row groups straight to the file instead of through its log.
   */
  long load(LogType type, Iterator<? extends Event> events);

  /** Stored events of {@code type} with {@code fromMicros <= ts < toMicros}, oldest first, at most {@code limit}. */
  List<Event> events(LogType type, long fromMicros, long toMicros, int limit);

  /** Drops every day of events older than {@code maxAge} before {@code now}; returns the rows removed. */
  long enforceRetention(Duration maxAge, Instant now);
}
