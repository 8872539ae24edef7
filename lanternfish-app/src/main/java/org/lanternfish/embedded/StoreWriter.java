package org.lanternfish.embedded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoreException;

/**
 * Streams events into the store's open transaction while the caller goes on reading: what is staged is stored by the
 * store's next commit, which the caller chooses ({@link #commit} here, or one that also carries positions, learned
 * state and breaches, after {@link #flush}).
 *
 * <p>Events are cut into chunks of DuckDB's vector size per log type and queued; one stager thread runs an INSERT per
 * log type that DuckDB's threads feed from that type's queue for as long as chunks keep coming, so parsing, converting
 * and writing run at once and no event outlives a few chunks. That replaced staging each type 500,000 events at a
 * time on the caller's thread (1M conn events parsed and stored, one run on a 2-core machine with a load of 6: 2.67
 * CPU seconds and 3.9 s against 2.51 and 3.7 s; the half-million events waiting cost young collections copying them
 * into the old generation, and the parser waited while they were written). An INSERT ends when its type's chunks stop
 * coming or other types have {@link #SWITCH_ROWS} waiting: DuckDB merges the INSERTs of one transaction into the same
 * row groups, but each costs a little (1M conn rows in one transaction on one DuckDB thread: 1.57 to 1.80 CPU seconds
 * as 2 INSERTs, 1.75 to 1.87 as 30), while every event waiting meanwhile is copied by each young collection.
 */
public final class StoreWriter implements Consumer<Event>, AutoCloseable {
  /** DuckDB's vector size: the feed fills one vector per chunk. */
  private static final int CHUNK_ROWS = 2048;
  /**
   * Events of other types waiting that end the running INSERT so theirs can start. A simulated day's whole ingest (2.6M
   * records of 16 types; 9 runs each, alternating) took a median 9.6 s, 17.5 CPU seconds and 900 MB at 32,768 against
   * 10.2 s, 18.2 and 1.1 GB at 524,288: its young collections paused 0.5 s in all against 0.9 s, and left 130 to 160
   * MB of heap against 300 (one run each). 65,536 and 131,072 came between; 16,384 and 8,192 were no faster than
   * 524,288.
   */
  private static final int SWITCH_ROWS = 16 * CHUNK_ROWS;
  /** Events queued at most; the caller waits above it, which bounds memory when the store is the slower side. */
  private static final int QUEUED_ROWS = 2 * SWITCH_ROWS;
  /**
   * Chunks queued at most for the type being inserted: the parser outruns the store, and every event still waiting
   * is copied by each young collection (1M conn events: 13 MB survived each one with 16 chunks, 9 MB with 4). With 4,
   * DuckDB's threads sometimes ran dry while the parser waited for a core: bench's parse + store of 5M conn lines
   * with DuckDB on both cores took 4.39 to 4.76 s against 4.58 to 4.83 with 4 (5 rounds of 3 runs, alternating; ratio
   * to read_csv 0.97 to 0.99 against 0.96 to 0.97), and a simulated day's whole ingest was no slower.
   */
  private static final int RUNNING_CHUNKS = 8;
  /** How long an INSERT waits for its next chunk before it ends and lets others use the store. */
  private static final long IDLE_MILLIS = 50;

  private final DuckDbEventStore store;
  /** The chunk being filled per type; touched by the caller's thread only. */
  private final Map<LogType, List<Event>> filling = new EnumMap<>(LogType.class);
  private final Object lock = new Object();
  private final Map<LogType, ArrayDeque<List<Event>>> queued = new EnumMap<>(LogType.class);
  private int queuedRows;
  private boolean flushing;
  private boolean staging;
  /** The type whose INSERT runs, or null. */
  private LogType running;
  private RuntimeException failure;

  /** Creates a writer that stages into {@code store}. */
  public StoreWriter(DuckDbEventStore store) {
    this.store = store;
  }

  @Override
  public void accept(Event event) {
    List<Event> chunk = filling.computeIfAbsent(event.logType(), type -> new ArrayList<>(CHUNK_ROWS));
    chunk.add(event);
    if (chunk.size() == CHUNK_ROWS) {
      filling.remove(event.logType());
      synchronized (lock) {
        boolean interrupted = false;
        while (failure == null && (queuedRows >= QUEUED_ROWS
            || event.logType() == running && queued.get(running).size() >= RUNNING_CHUNKS)) {
          interrupted |= await(0);
        }
        enqueue(event.logType(), chunk);
        restoreInterrupt(interrupted);
      }
    }
  }

  /** Stages everything accepted so far, without committing it; throws what staging met, if anything. */
  public void flush() {
    synchronized (lock) {
      filling.forEach(this::enqueue);
      filling.clear();
      flushing = true;
      lock.notifyAll();
      boolean interrupted = false;
      while (staging) {
        interrupted |= await(0);
      }
      flushing = false;
      restoreInterrupt(interrupted);
      requireHealthy();
    }
  }

  /** Stages what is buffered and commits everything staged. */
  public void commit() {
    flush();
    store.commit(Commit.of(List.of(), List.of(), Map.of()));
  }

  /** Commits what was written: a capture or import stopped half-way keeps what it read. */
  @Override
  public void close() {
    commit();
  }

  private void enqueue(LogType type, List<Event> chunk) {
    requireHealthy();
    if (chunk.isEmpty()) {
      return;
    }
    queued.computeIfAbsent(type, t -> new ArrayDeque<>()).add(chunk);
    queuedRows += chunk.size();
    if (!staging) {
      staging = true;
      Thread.ofPlatform().daemon().name("lanternfish-store-writer").start(this::stageQueued);
    }
    lock.notifyAll();
  }

  /** The stager thread: one INSERT per run of a type's chunks, the type with most waiting first, until none wait. */
  private void stageQueued() {
    while (true) {
      LogType next;
      synchronized (lock) {
        running = null;
        next = fullestQueue();
        if (next == null || failure != null) {
          staging = false;
          lock.notifyAll();
          return;
        }
        running = next;
        lock.notifyAll();
      }
      try {
        store.stage(next, new Drain(next));
      } catch (RuntimeException | Error e) {
        synchronized (lock) {
          failure = e instanceof RuntimeException runtime ? runtime
              : new StoreException("staging " + next.logName() + " events failed: " + e, e);
          queued.clear();
          queuedRows = 0;
          running = null;
          staging = false;
          lock.notifyAll();
        }
        return;
      }
    }
  }

  private LogType fullestQueue() {
    LogType fullest = null;
    int most = 0;
    for (Map.Entry<LogType, ArrayDeque<List<Event>>> entry : queued.entrySet()) {
      if (entry.getValue().size() > most) {
        most = entry.getValue().size();
        fullest = entry.getKey();
      }
    }
    return fullest;
  }

  private void requireHealthy() {
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Waits on the lock (at most {@code millis}, 0 for no limit); returns whether the wait was interrupted. Callers go
   * on waiting and set the flag again when done: staged events must reach the commit whole.
   */
  private boolean await(long millis) {
    try {
      lock.wait(millis);
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private static void restoreInterrupt(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The events of one type's queue, pulled by DuckDB's threads (one at a time) for one INSERT. */
  private final class Drain implements Iterator<Event> {
    private final LogType type;
    private Iterator<Event> chunk = List.<Event>of().iterator();

    Drain(LogType type) {
      this.type = type;
    }

    @Override
    public boolean hasNext() {
      if (chunk.hasNext()) {
        return true;
      }
      synchronized (lock) {
        boolean waited = false;
        while (true) {
          ArrayDeque<List<Event>> waiting = queued.get(type);
          List<Event> next = waiting == null ? null : waiting.poll();
          if (next != null) {
            queuedRows -= next.size();
            lock.notifyAll();
            chunk = next.iterator();
            return true;
          }
          if (flushing || waited || queuedRows >= SWITCH_ROWS) {
            return false;
          }
          restoreInterrupt(await(IDLE_MILLIS));
          waited = true;
        }
      }
    }

    @Override
    public Event next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return chunk.next();
    }
  }
}
