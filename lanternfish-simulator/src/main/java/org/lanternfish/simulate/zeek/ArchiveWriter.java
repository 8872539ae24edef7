package org.lanternfish.simulate.zeek;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes batches of records into a {@link ZeekArchive} on a thread of its own, so formatting and compression run
 * beside the simulation instead of after it. Batches are written in the order they were submitted.
 */
public final class ArchiveWriter implements AutoCloseable {
  private static final List<LogRecord> END = List.of();

  private final ZeekArchive archive;
  // A few minutes of records in flight are enough to keep both threads busy; more only costs memory.
  private final BlockingQueue<List<LogRecord>> batches = new ArrayBlockingQueue<>(4);
  private final Thread thread;
  private volatile RuntimeException failure;

  /** Starts a writer thread for {@code archive}. */
  public ArchiveWriter(ZeekArchive archive) {
    this.archive = archive;
    this.thread = Thread.ofPlatform().name("zeek-archive-writer").daemon().start(this::drain);
  }

  /** Queues a batch of records, already in time order and later than every batch before it. */
  public void submit(List<LogRecord> batch) {
    rethrow();
    if (batch.isEmpty()) {
      return;
    }
    try {
      batches.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing log records", e);
    }
  }

  private void drain() {
    try {
      for (List<LogRecord> batch = batches.take(); batch != END; batch = batches.take()) {
        for (LogRecord record : batch) {
          archive.write(record);
        }
      }
      archive.close();
    } catch (InterruptedException e) {
      failure = new IllegalStateException("log writer interrupted", e);
    } catch (RuntimeException e) {
      failure = e;
      // Keep taking batches so the simulation does not block on a full queue before it sees the failure.
      batches.clear();
    }
  }

  /** Writes what is queued, closes the archive and reports the writer's failure, if any. */
  @Override
  public void close() {
    try {
      if (failure == null) {
        batches.put(END);
      }
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while finishing the logs", e);
    }
    rethrow();
  }

  private void rethrow() {
    if (failure != null) {
      throw failure;
    }
  }
}
