package org.lanternfish.detect;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.lanternfish.breach.Breach;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.event.Event;

/**
 * The detection core on several threads: devices are spread over shards by id, each shard on its own thread, and
 * the shards exchange network-wide knowledge at epoch ends. It finds exactly the breaches a {@link Detector} finds
 * on the same input; they are released in batches rather than one event at a time.
 */
public final class EmbeddedRunner implements AutoCloseable {

  private final Pipeline pipeline;
  private final ExecutorService executor;

  /** A runner with {@code threads} shards and no learned state. */
  public EmbeddedRunner(DetectConfig config, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lanternfish-shard");
      t.setDaemon(true);
      return t;
    });
    this.pipeline = new Pipeline(config, threads, executor);
  }

  /** Takes one event; returns the breaches that became final (empty while a batch is filling). */
  public List<Breach> accept(Event e) {
    return pipeline.accept(e);
  }

  /** Advances event time and returns the breaches of the epochs that closed. */
  public List<Breach> onTime(long eventTimeMicros) {
    return pipeline.advanceTo(eventTimeMicros);
  }

  /** Processes everything buffered, closes the open epoch and returns the remaining breaches. */
  public List<Breach> flush() {
    return pipeline.flush();
  }

  /** The learned state in Lanternfish's versioned binary format (buffered events are processed first). */
  public byte[] snapshot() {
    return pipeline.snapshot();
  }

  /** Replaces the learned state with a snapshot taken by any runner or detector. */
  public void restore(byte[] snapshot) {
    pipeline.restore(snapshot);
  }

  /** Who is behind each address, as learned so far. */
  public DeviceDirectory directory() {
    return pipeline.directory();
  }

  /** Number of events taken since the state began (snapshots carry it over). */
  public long events() {
    return pipeline.events();
  }

  /** Number of devices with learned state. */
  public int devices() {
    return pipeline.devices();
  }

  /** Stops the shard threads. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
