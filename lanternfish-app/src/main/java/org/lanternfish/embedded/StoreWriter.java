package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.store.EventLog;

/** Collects events into large batches and appends each batch to the store in one transaction. */
public final class StoreWriter implements Consumer<Event>, AutoCloseable {
  private static final int BATCH = 100_000;

  private final EventLog store;
  private final List<Event> batch = new ArrayList<>(BATCH);
  private long stored;

  /** Creates a writer that appends to {@code store}. */
  public StoreWriter(EventLog store) {
    this.store = store;
  }

  @Override
  public void accept(Event event) {
    batch.add(event);
    if (batch.size() == BATCH) {
      flush();
    }
  }

  /** Appends what is buffered. */
  public void flush() {
    if (!batch.isEmpty()) {
      stored += store.append(batch);
      batch.clear();
    }
  }

  /** Events appended so far. */
  public long stored() {
    return stored;
  }

  @Override
  public void close() {
    flush();
  }
}
