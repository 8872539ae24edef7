package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

/**
 * Collects events into large batches and stages each batch in the store's open transaction; what is staged is stored
 * by the store's next commit, which the caller chooses ({@link #commit} here, or one that also carries positions,
 * learned state and breaches).
 */
public final class StoreWriter implements Consumer<Event>, AutoCloseable {
  private static final int BATCH = 100_000;

  private final DuckDbEventStore store;
  private final List<Event> batch = new ArrayList<>(BATCH);
  private long stored;

  /** Creates a writer that stages into {@code store}. */
  public StoreWriter(DuckDbEventStore store) {
    this.store = store;
  }

  @Override
  public void accept(Event event) {
    batch.add(event);
    if (batch.size() == BATCH) {
      flush();
    }
  }

  /** Stages what is buffered, without committing it. */
  public void flush() {
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
