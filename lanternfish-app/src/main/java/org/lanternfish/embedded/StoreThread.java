package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoreException;

/**
 * A batch ingest's store on a thread of its own: the events and commits handed over are staged and committed there
 * in the order given, so a commit holds exactly the events handed over before it, while the calling thread goes on
 * reading and detecting. Only this thread touches the store until {@link #finish()}.
 *
 * <p>Why: storing a simulated day of 2,000 devices (2.6M records) took about half the CPU of the whole ingest, and on
 * the reading thread nothing else ran while DuckDB inserted and committed. Events go over in chunks, and at most
 * {@value #QUEUED_CHUNKS} chunks wait, so the reader can be at most that far ahead.
 */
public final class StoreThread implements Consumer<Event>, AutoCloseable {
  private static final int CHUNK = 4096;
  private static final int QUEUED_CHUNKS = 64;
  private static final Runnable END = () -> { };

  private final StoreWriter writer;
  private final BlockingQueue<Runnable> work = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Thread thread;
  private List<Event> chunk = new ArrayList<>(CHUNK);
  private volatile RuntimeException failure;
  private boolean finished;

  /** Starts the thread that stages into {@code store}. */
  public StoreThread(DuckDbEventStore store) {
    this.writer = new StoreWriter(store);
    this.thread = new Thread(this::run, "lanternfish-store");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void accept(Event event) {
    chunk.add(event);
    if (chunk.size() == CHUNK) {
      handOverChunk();
    }
  }

  /**
   * Stages the events handed over so far, then runs {@code commit} on the store's thread: a commit that carries what
   * came of those events (positions, learned state, breaches) stores them with it in one transaction.
   */
  public void commit(Runnable commit) {
    handOverChunk();
    submit(() -> {
      writer.flush();
      commit.run();
    });
  }

  /** Waits until everything handed over has run; a failure on the store's thread is thrown here. */
  public void finish() {
    handOverChunk();
    submit(END);
    join();
    finished = true;
    throwFailure();
  }

  /** Stops the thread without running what still waits (after a failure elsewhere; nothing more is committed). */
  @Override
  public void close() {
    if (!finished) {
      work.clear();
      work.offer(END);
      join();
    }
  }

  private void handOverChunk() {
    if (!chunk.isEmpty()) {
      List<Event> events = chunk;
      chunk = new ArrayList<>(CHUNK);
      submit(() -> events.forEach(writer));
    }
  }

  private void submit(Runnable task) {
    throwFailure();
    try {
      work.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while handing events to the store", e);
    }
  }

  private void run() {
    while (true) {
      Runnable task;
      try {
        task = work.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == END) {
        return;
      }
      if (failure != null) {
        // Drained unrun, so the reader never waits on a queue nobody empties; it hears of the failure next.
        continue;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
  }

  private void join() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the store", e);
    }
  }

  private void throwFailure() {
    RuntimeException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }
}
