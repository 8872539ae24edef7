package org.lanternfish.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/**
 * Where Lanternfish keeps what it has seen: events per log type, ingest progress and problems, and model breaches.
 *
 * <p>The embedded default is {@link DuckDbEventStore}; a server store can implement the same interface later.
 */
public interface EventStore extends AutoCloseable {
  /** Stores {@code events} of any log types in one transaction; returns the number stored. */
  long append(List<? extends Event> events);

  /**
   * Stores {@code events} and moves {@code checkpoint} in one transaction, so after a crash the store holds exactly
   * the events up to the checkpoint it reports.
   */
  long append(List<? extends Event> events, IngestCheckpoint checkpoint);

  /**
   * Streams every event of {@code type} that {@code events} yields into the store as one transaction, the fast path
   * for bulk loads: the store's writer threads pull from the iterator while the producer behind it keeps parsing,
   * and a large transaction lets DuckDB write row groups straight to the file instead of through its log.
   */
  long load(LogType type, Iterator<? extends Event> events);

  /**
   * Stores {@code events}, moves every checkpoint and saves each named piece of learned state (such as the detection
   * core's snapshot) in one transaction, so after a crash the state always matches the events it had seen.
   */
  long append(List<? extends Event> events, List<IngestCheckpoint> checkpoints, Map<String, byte[]> state);

  /** The learned state last saved under {@code name}, if any. */
  Optional<byte[]> state(String name);

  /** The last checkpoint committed for {@code source}, if any. */
  Optional<IngestCheckpoint> checkpoint(String source);

  /** Every committed checkpoint, ordered by source. */
  List<IngestCheckpoint> checkpoints();

  /** Stored events of {@code type} with {@code fromMicros <= ts < toMicros}, oldest first, at most {@code limit}. */
  List<Event> events(LogType type, long fromMicros, long toMicros, int limit);

  /** Drops every day of events older than {@code maxAge} before {@code now}; returns the rows removed. */
  long enforceRetention(Duration maxAge, Instant now);

  /** Counts {@code problems} by class and keeps a few located samples of each. */
  void recordIngestProblems(List<IngestProblem> problems);

  /**
   * Like {@link #recordIngestProblems(List)} for a reader that kept only a few located samples per class: each class
   * is counted as {@code totals} says (at least as many as its samples).
   */
  void recordIngestProblems(List<IngestProblem> samples, Map<String, Long> totals);

  /** Records the summary of one ingest run. */
  void recordIngestRun(IngestRun run);

  /** Rows, time span, devices, ingest problems and size of the store. */
  StoreStats stats();

  /** Stores {@code breaches}; a breach whose id is already stored is left as it was, so replays are idempotent. */
  void appendBreaches(List<Breach> breaches);

  /** Breaches with {@code from <= ts < to} and a score of at least {@code minScore}, newest first. */
  List<Breach> breaches(Instant from, Instant to, int minScore);

  /** Replaces the stored incidents with {@code incidents}, the AI Analyst's current threading of the breaches. */
  void replaceIncidents(List<StoredIncident> incidents);

  /** Stored incidents with a priority of at least {@code minPriority}, highest first. */
  List<StoredIncident> incidents(int minPriority);

  /** Runs a parameterised read-only query, such as one compiled from Advanced Search, and returns its rows. */
  List<Map<String, Object>> query(String sql, List<Object> params);

  /** Closes the store and releases the data directory. */
  @Override
  void close();
}
