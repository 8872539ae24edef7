package org.lanternfish.detect.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.DeviceShard;
import org.lanternfish.detect.DeviceState;
import org.lanternfish.detect.DeviceTable;
import org.lanternfish.detect.EpochClock;
import org.lanternfish.detect.IdentityStage;
import org.lanternfish.detect.Names;
import org.lanternfish.detect.NetworkDelta;
import org.lanternfish.detect.NetworkView;
import org.lanternfish.detect.OpenEpoch;
import org.lanternfish.detect.RoutedEvent;
import org.lanternfish.detect.SnapshotVersionException;
import org.lanternfish.detect.StateCodecs;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.event.Event;

/**
 * The detection core hosted in one process: the identity stage on the calling thread, devices spread over
 * {@code threads} shards by their id's fingerprint, each shard on its own thread, every device's state in the shard's
 * heap, and the whole learned state in one snapshot. It finds exactly the breaches of one thread on the same input;
 * with more than one, they are released in batches rather than one event at a time.
 *
 * <p>The calling thread resolves and routes the next batch while the shards work on the previous one. When an epoch
 * closes, the shards get its last batch and the calling thread goes on routing the next epoch; the epoch's barrier
 * (each shard ends the epoch, the deltas merge into the {@link NetworkView}, waiting signals settle) runs just before
 * the shards are handed anything of the next, so every shard still sees epoch k, its barrier, then epoch k + 1.
 */
public final class EmbeddedDetector implements AutoCloseable {

  static final int MAGIC = 0x4c464e31;
  private static final int BATCH = 8192;

  private final IdentityStage identity;
  private final NetworkView view = new NetworkView();
  private final DeviceShard[] shards;
  private final DeviceTable[] tables;
  private final EpochClock clock;
  private final ExecutorService executor;
  private final List<List<RoutedEvent>> batches = new ArrayList<>();
  private final List<Future<?>> inFlight = new ArrayList<>();
  /** Breaches found but not yet handed out (by the call in progress, or while taking a snapshot). */
  private final List<Breach> held = new ArrayList<>();
  private final IdentityStage.Sink sink = new IdentityStage.Sink() {
    @Override
    public int partitionOf(long deviceFingerprint) {
      return (int) Math.floorMod(deviceFingerprint, (long) shards.length);
    }

    @Override
    public void accept(int partition, RoutedEvent event) {
      add(partition, event);
    }
  };
  private int batched;
  /**
   * With an executor, an epoch whose events have all been handed to the shards but whose barrier has not run yet
   * ({@link EpochClock#NONE} when none).
   */
  private long closing = EpochClock.NONE;
  private long events;

  /** A detector with {@code threads} shards (one runs inline on the calling thread) and no learned state. */
  public EmbeddedDetector(DetectConfig config, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.identity = new IdentityStage(config);
    this.clock = new EpochClock(config);
    this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lanternfish-shard");
      t.setDaemon(true);
      return t;
    });
    this.shards = new DeviceShard[threads];
    this.tables = new DeviceTable[threads];
    Names names = new Names();
    for (int i = 0; i < threads; i++) {
      tables[i] = new DeviceTable();
      shards[i] = new DeviceShard(config, view, tables[i], names);
      batches.add(new ArrayList<>());
    }
  }

  /** Takes one event; returns the breaches that became final (one thread: at once; several: at batch ends). */
  public List<Breach> onEvent(Event e) {
    events++;
    long ts = e.ts();
    if (ts != Event.NO_TIME) {
      advance(ts);
    }
    identity.route(e, sink);
    if (executor == null) {
      drain();
    } else if (batched >= BATCH) {
      runBatches();
    }
    return takeHeld();
  }

  /**
   * Moves event time forward without an event (a heartbeat while the input is quiet) and returns the breaches of
   * the epoch it closes, if any.
   */
  public List<Breach> onTime(long eventTimeMicros) {
    advance(eventTimeMicros);
    // A quiet input has nothing more to overlap with the closing epoch: settle it now, so its breaches go out; what
    // was routed while it was quiet (a Defender alert polled between silent reads) is judged now too, rather than
    // waiting in a batch for lines that may not come.
    closeEpoch();
    sync();
    return takeHeld();
  }

  /**
   * Processes everything buffered (and an epoch left closing) and returns the breaches that come of it, so a
   * {@link #snapshot} taken next has nothing to process: call it before taking breaches that are to be stored with a
   * snapshot. A snapshot's own processing holds its breaches for the next call, which a process killed after storing
   * the snapshot never makes, and the restored state has those events behind it.
   */
  public List<Breach> settle() {
    sync();
    return takeHeld();
  }

  /** Processes everything buffered and closes the open epoch, as at the end of the input; returns what remains. */
  public List<Breach> flush() {
    sync();
    if (clock.openEpoch() != EpochClock.NONE) {
      barrier(clock.openEpoch());
    }
    parallel(i -> shards[i].endInput());
    drain();
    return takeHeld();
  }

  /** Who is behind each address, as learned so far. */
  public DeviceDirectory directory() {
    return identity.directory();
  }

  /** Number of events taken since the state began (snapshots carry it over). */
  public long events() {
    return events;
  }

  /** Number of devices with learned state. */
  public int devices() {
    int n = 0;
    for (DeviceTable t : tables) {
      n += t.size();
    }
    return n;
  }

  private void advance(long ts) {
    long closed = clock.advance(ts);
    if (closed == EpochClock.NONE) {
      return;
    }
    if (executor == null) {
      sync();
      barrier(closed);
    } else {
      // Hand the shards the rest of this epoch and leave its barrier for when they next need work.
      runBatches();
      closing = closed;
    }
  }

  private void add(int shard, RoutedEvent r) {
    if (executor == null) {
      // Inline: no batching, so a single-threaded detector answers each event at once.
      shards[shard].onEvent(r);
      return;
    }
    batches.get(shard).add(r);
    batched++;
  }

  /** The breaches held, handed out and forgotten (most events find none: no list is made for them). */
  private List<Breach> takeHeld() {
    if (held.isEmpty()) {
      return List.of();
    }
    List<Breach> out = new ArrayList<>(held);
    held.clear();
    return out;
  }

  /** Waits for the batches in flight, then hands the shards their next batches without waiting for them. */
  private void runBatches() {
    await();
    closeEpoch();
    if (batched == 0) {
      return;
    }
    for (int i = 0; i < shards.length; i++) {
      List<RoutedEvent> batch = batches.get(i);
      if (!batch.isEmpty()) {
        DeviceShard shard = shards[i];
        batches.set(i, new ArrayList<>());
        inFlight.add(executor.submit(() -> batch.forEach(shard::onEvent)));
      }
    }
    batched = 0;
  }

  /** Processes everything routed so far and collects its breaches. */
  private void sync() {
    if (executor != null) {
      runBatches();
      await();
    }
  }

  private void await() {
    try {
      for (Future<?> f : inFlight) {
        waitFor(f);
      }
    } finally {
      inFlight.clear();
    }
    drain();
  }

  /** Waits for a shard's task; a failure or interruption there stops detection with its cause. */
  private static void waitFor(Future<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("detection interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a detection shard failed: " + e.getCause(), e.getCause());
    }
  }

  /** Runs the barrier of the epoch left closing, once the shards have finished it. */
  private void closeEpoch() {
    if (closing != EpochClock.NONE) {
      await();
      long e = closing;
      closing = EpochClock.NONE;
      barrier(e);
    }
  }

  /** Ends epoch {@code closed}: the shards' deltas merge into the view and the signals waiting for it settle. */
  private void barrier(long closed) {
    NetworkDelta[] deltas = new NetworkDelta[shards.length];
    parallel(i -> deltas[i] = shards[i].endEpoch());
    view.merge(deltas, closed, clock.endOf(closed));
    parallel(i -> shards[i].settleEpoch());
    drain();
  }

  private void drain() {
    for (DeviceShard s : shards) {
      s.drainTo(held);
    }
  }

  private interface ShardTask {
    void run(int shard);
  }

  private void parallel(ShardTask task) {
    if (executor == null) {
      for (int i = 0; i < shards.length; i++) {
        task.run(i);
      }
      return;
    }
    List<Callable<Void>> calls = new ArrayList<>(shards.length);
    for (int i = 0; i < shards.length; i++) {
      int shard = i;
      calls.add(() -> {
        task.run(shard);
        return null;
      });
    }
    List<Future<Void>> tasks;
    try {
      tasks = executor.invokeAll(calls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("detection interrupted", e);
    }
    tasks.forEach(EmbeddedDetector::waitFor);
  }

  /**
   * The whole learned state in Lanternfish's versioned binary format: the clock, the identity stage, the network
   * view, every device sorted by id and the open epoch (buffered events are processed first), so a snapshot taken at
   * any event loses nothing and restores into any number of threads.
   */
  public byte[] snapshot() {
    sync();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(StateCodecs.VERSION);
      out.writeLong(clock.openEpoch());
      out.writeLong(clock.newest());
      out.writeLong(events);
      identity.write(out);
      StateCodecs.VIEW.write(view, out);
      TreeMap<String, DeviceState> all = new TreeMap<>();
      for (DeviceTable t : tables) {
        t.all().forEach(d -> all.put(d.id(), d));
      }
      out.writeInt(all.size());
      for (DeviceState d : all.values()) {
        StateCodecs.DEVICE.write(d, out);
      }
      OpenEpoch.write(shards, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Replaces the learned state with a snapshot taken by any embedded detector; throws on a bad snapshot. */
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a Lanternfish detection snapshot");
      }
      int version = in.readInt();
      if (version != StateCodecs.VERSION) {
        throw new SnapshotVersionException(version, StateCodecs.VERSION);
      }
      long open = in.readLong();
      clock.restore(open, in.readLong());
      events = in.readLong();
      closing = EpochClock.NONE;
      identity.read(in);
      view.read(in);
      for (DeviceTable t : tables) {
        t.clear();
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        DeviceState d = StateCodecs.DEVICE.read(in);
        tables[sink.partitionOf(Fingerprint.of(d.id()))].put(d);
      }
      OpenEpoch.read(in, shards, sink);
    } catch (IOException e) {
      throw new IllegalArgumentException("snapshot is truncated or corrupt: " + e.getMessage(), e);
    }
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
