package org.lanternfish.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.lanternfish.event.Event;
import org.lanternfish.store.EventStore;
import org.lanternfish.store.StoreStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How ingestion is doing, for the dashboard, the health endpoint and the metrics: what the store holds and its
 * malformed lines (counted over millions of rows, so measured in the background at most every 30 s and never
 * while a page waits), plus the live follower's rate and lag when the process hosts one.
 */
public final class IngestionHealth {
  private static final Duration STALE = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(IngestionHealth.class);

  private final EventStore store;
  private final LiveSource live;
  private final Clock clock;
  private final AtomicReference<Figures> latest = new AtomicReference<>();
  private final AtomicBoolean measuring = new AtomicBoolean();

  /** Health of {@code store}, with the live follower's figures from {@code live}. */
  public IngestionHealth(EventStore store, LiveSource live, Clock clock) {
    this.store = store;
    this.live = live;
    this.clock = clock;
    refreshInBackground();
  }

  /** The latest figures, empty until the first measurement ends; a stale one starts the next in the background. */
  public Optional<Figures> figures() {
    Figures figures = latest.get();
    if (figures == null || figures.measuredAt().plus(STALE).isBefore(clock.instant())) {
      refreshInBackground();
    }
    return Optional.ofNullable(figures).map(f -> f.withLive(live.now().orElse(null)));
  }

  private void refreshInBackground() {
    if (measuring.compareAndSet(false, true)) {
      Thread.ofVirtual().name("lanternfish-ingestion-health").start(() -> {
        try {
          StoreStats stats = store.stats();
          long records = stats.rows().values().stream().mapToLong(Long::longValue).sum();
          long malformed = stats.problems().values().stream().mapToLong(Long::longValue).sum();
          latest.set(new Figures(records, instant(stats.firstTs()), instant(stats.lastTs()), malformed,
              Map.copyOf(stats.problems()), null, clock.instant()));
        } catch (RuntimeException e) {
          // Measured again on the next request; said once here so a store that never measures is noticed.
          LOG.warn("cannot measure the store for the ingestion health: {}", e.toString());
        } finally {
          measuring.set(false);
        }
      });
    }
  }

  private static Instant instant(long micros) {
    return micros == Event.NO_TIME ? null : BreachView.instant(micros);
  }

  /** Where the process's live follower stands, if it hosts one. */
  @FunctionalInterface
  public interface LiveSource {
    /** The follower's figures now; empty when the process follows no live logs. */
    Optional<Live> now();
  }

  /**
   * A live follower's figures.
   *
   * @param eventsPerSecond events read per second between its last two commits
   * @param lagSeconds how far the event time it reached trails the wall clock
   * @param records records it read since it started
   */
  public record Live(double eventsPerSecond, long lagSeconds, long records) {}

  /**
   * What the store holds and how the follower is doing.
   *
   * @param records stored records
   * @param firstEvent the earliest event time, or null
   * @param lastEvent the latest event time, or null
   * @param malformed malformed input lines recorded
   * @param malformedByClass malformed lines per problem class
   * @param live the live follower's figures, or null when the process follows no live logs
   * @param measuredAt when the store was measured
   */
  public record Figures(long records, Instant firstEvent, Instant lastEvent, long malformed,
      Map<String, Long> malformedByClass, Live live, Instant measuredAt) {
    Figures withLive(Live now) {
      return new Figures(records, firstEvent, lastEvent, malformed, malformedByClass, now, measuredAt);
    }
  }
}
