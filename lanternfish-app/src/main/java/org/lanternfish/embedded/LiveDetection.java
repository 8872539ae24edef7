package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.detect.embedded.LearnedDevices;
import org.lanternfish.detect.SnapshotVersionException;
import org.lanternfish.event.Event;

/**
 * The detection core running on a live feed, with its learned state saved alongside the events it has seen: the
 * caller stores each commit's events, positions and {@link #snapshot()} in one transaction, so a restart (even after
 * {@code kill -9}) restores exactly the state that matches the stored positions and forgets nothing it had learned.
 */
public final class LiveDetection implements AutoCloseable {
  /** The name under which the detector's snapshot is kept in the store. */
  public static final String STATE_NAME = LearnedDevices.STATE_NAME;

  private final EmbeddedDetector runner;
  /** An epoch's length and how late its records may come: together, where event time closes it. */
  private final long epochMicros;
  private final long latenessMicros;
  private final List<Breach> found = new ArrayList<>();
  private final String restoreWarning;

  /**
   * Starts the core with {@code threads} shards, restoring {@code saved} state when there is some. State saved by a
   * Lanternfish with another learned-state format is set aside: the core starts learning afresh and
   * {@link #restoreWarning()} says so.
   */
  public LiveDetection(DetectConfig config, int threads, Optional<byte[]> saved) {
    this.runner = new EmbeddedDetector(config, threads);
    this.epochMicros = config.epochMicros();
    this.latenessMicros = config.allowedLatenessMicros();
    String warning = null;
    if (saved.isPresent()) {
      try {
        runner.restore(saved.get());
      } catch (SnapshotVersionException e) {
        warning = "the learned state in the store was written in format version " + e.found() + ", which this"
            + " version of Lanternfish (format " + e.supported() + ") cannot read: detection starts learning again";
      }
    }
    this.restoreWarning = warning;
  }

  /** Why the saved state was not restored, when it was not; empty after a normal start. */
  public Optional<String> restoreWarning() {
    return Optional.ofNullable(restoreWarning);
  }

  /** Feeds events in order; breaches become available from {@link #takeBreaches()}. */
  public void accept(List<? extends Event> events) {
    for (Event event : events) {
      accept(event);
    }
  }

  /** Feeds one event. */
  public void accept(Event event) {
    found.addAll(runner.onEvent(event));
  }

  /** Moves event time forward to {@code eventTimeMicros} without an event (a heartbeat); never moves it back. */
  public void advanceTo(long eventTimeMicros) {
    found.addAll(runner.onTime(eventTimeMicros));
  }

  /** Where event time closes the epoch that holds {@code eventTimeMicros}: its end plus the allowed lateness. */
  public long epochEnd(long eventTimeMicros) {
    return (Math.floorDiv(eventTimeMicros, epochMicros) + 1) * epochMicros + latenessMicros;
  }

  /** True when breaches wait to be taken. */
  public boolean hasBreaches() {
    return !found.isEmpty();
  }

  /** Ends a finite input: judges what still waits for its epoch to close and releases every breach held. */
  public void finish() {
    found.addAll(runner.flush());
  }

  /**
   * The breaches found since the last call, with everything fed so far processed, so the {@link #snapshot()} taken
   * next matches them (the sharded core otherwise processes its last batch inside the snapshot and holds that batch's
   * breaches for later, unsaved).
   */
  public List<Breach> takeBreaches() {
    found.addAll(runner.settle());
    List<Breach> taken = List.copyOf(found);
    found.clear();
    return taken;
  }

  /** The learned state as it stands after every event fed so far. */
  public byte[] snapshot() {
    return runner.snapshot();
  }

  /** Events the core has learned from, including those before the state it was restored from. */
  public long events() {
    return runner.events();
  }

  /** Devices the core knows. */
  public int devices() {
    return runner.devices();
  }

  @Override
  public void close() {
    runner.close();
  }
}
