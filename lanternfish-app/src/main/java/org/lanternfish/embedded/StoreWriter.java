package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

/**
 * Collects events by log type and stages each type's events in the store's open transaction as one large insert;
 * what is staged is stored by the store's next commit, which the caller chooses ({@link #commit} here, or one that
 * also carries positions, learned state and breaches).
 *
 * <p>Why by type and half a million at a time: every insert ends by compressing and writing its own row groups, so
 * many small inserts cost more than a few large ones. On 1M pre-parsed conn events (one run, 2-core machine with a
 * load of 12) ten inserts of 100,000 took 3.2 to 4.3 CPU seconds, two of 500,000 took 2.6 and one of 1M 2.6 to 2.9;
 * mixed log types would otherwise cut one type's run into many small inserts.
 */
public final class StoreWriter implements Consumer<Event>, AutoCloseable {
  private static final int STAGE_ROWS = 500_000;

  private final DuckDbEventStore store;
  private final Map<LogType, List<Event>> waiting = new EnumMap<>(LogType.class);
  private long stored;

  /** Creates a writer that stages into {@code store}. */
  public StoreWriter(DuckDbEventStore store) {
    this.store = store;
  }

  @Override
  public void accept(Event event) {
    List<Event> batch = waiting.computeIfAbsent(event.logType(), type -> new ArrayList<>());
    batch.add(event);
    if (batch.size() == STAGE_ROWS) {
      stage(batch);
    }
  }

  /** Stages what is buffered, without committing it. */
  public void flush() {
    for (List<Event> batch : waiting.values()) {
      stage(batch);
    }
  }

  private void stage(List<Event> batch) {
    if (!batch.isEmpty()) {
      stored += store.stage(batch);
      batch.clear();
    }
  }

  /** Stages what is buffered and commits everything staged. */
  public void commit() {
    flush();
    store.commit(Commit.of(List.of(), List.of(), Map.of()));
  }

  /** Events staged so far. */
  public long stored() {
    return stored;
  }

  /** Commits what was written: a capture or import stopped half-way keeps what it read. */
  @Override
  public void close() {
    commit();
  }
}
