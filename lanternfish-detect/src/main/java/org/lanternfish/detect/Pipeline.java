package org.lanternfish.detect;

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
import java.util.concurrent.Future;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.breach.Breach;
import org.lanternfish.device.DeviceDirectory;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.NetworkEvent;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.model.Signal;

/**
 * The flow every runner shares: resolve devices, route each event to the shards owning its devices, and at each
 * epoch's end merge what the shards learned about the network and settle the signals that waited for it.
 *
 * <p>With an executor, the calling thread resolves and routes the next batch while the shard threads work on the
 * previous one; without, each event is handled at once. Either way every shard sees its events in input order and
 * the epochs end at the same events.
 */
final class Pipeline {

  private static final int MAGIC = 0x4c464e31;
  private static final int VERSION = 8;
  private static final int BATCH = 8192;

  private final DetectConfig config;
  private final DeviceDirectory directory;
  private final NetworkView view = new NetworkView();
  private final DeviceShard[] shards;
  private final List<List<Routed>> batches = new ArrayList<>();
  private final ExecutorService executor;
  private final List<Future<?>> inFlight = new ArrayList<>();
  /** Breaches found but not yet handed out (by the call in progress, or while taking a snapshot). */
  private final List<Breach> held = new ArrayList<>();
  private int batched;
  private long epoch = Long.MIN_VALUE;
  private long watermark = Long.MIN_VALUE;
  /**
   * With an executor, an epoch whose events have all been handed to the shards but whose barrier has not run yet
   * ({@link Long#MIN_VALUE} when none): the calling thread goes on routing the next epoch while the shards finish
   * it, and runs its barrier before handing them anything of the next.
   */
  private long closing = Long.MIN_VALUE;
  private long events;

  Pipeline(DetectConfig config, int shardCount, ExecutorService executor) {
    this.config = config;
    this.directory = new DeviceDirectory(config.devices());
    this.executor = executor;
    this.shards = new DeviceShard[shardCount];
    Names names = new Names();
    for (int i = 0; i < shardCount; i++) {
      shards[i] = new DeviceShard(config, view, names);
      batches.add(new ArrayList<>());
    }
  }

  DeviceDirectory directory() {
    return directory;
  }

  long events() {
    return events;
  }

  int devices() {
    int n = 0;
    for (DeviceShard s : shards) {
      n += s.devices.size();
    }
    return n;
  }

  /** Takes one event; returns the breaches that became final (inline: at once; sharded: at batch ends). */
  List<Breach> accept(Event e) {
    events++;
    long ts = e.ts();
    if (ts != Event.NO_TIME) {
      advance(ts, held);
    }
    directory.observe(e);
    route(e);
    if (executor == null) {
      drain(held);
    } else if (batched >= BATCH) {
      runBatches(held);
    }
    return takeHeld();
  }

  /** Moves event time forward (a heartbeat when input is quiet); closes the epochs it passes. */
  List<Breach> advanceTo(long ts) {
    advance(ts, held);
    // A quiet input has nothing more to overlap with the closing epoch: settle it now, so its breaches go out.
    closeEpoch(held);
    return takeHeld();
  }

  /** Ends the open epoch now, as at the end of the input. */
  List<Breach> flush() {
    sync(held);
    if (epoch != Long.MIN_VALUE) {
      barrier(epoch, held);
    }
    return takeHeld();
  }

  private void advance(long ts, List<Breach> out) {
    // Most events neither move time forward nor cross into the next epoch: settle that without a division.
    if (ts <= watermark || epoch != Long.MIN_VALUE && ts < (epoch + 1) * config.epochMicros()) {
      watermark = Math.max(watermark, ts);
      return;
    }
    watermark = ts;
    long e = Math.floorDiv(watermark, config.epochMicros());
    if (epoch == Long.MIN_VALUE) {
      epoch = e;
    } else if (e > epoch) {
      if (executor == null) {
        sync(out);
        barrier(epoch, out);
      } else {
        // Hand the shards the rest of this epoch and leave its barrier for when they next need work.
        runBatches(out);
        closing = epoch;
      }
      epoch = e;
    }
  }

  private void route(Event e) {
    if (e instanceof DefenderAlertEvent alert) {
      routeAlert(alert);
      return;
    }
    String origHost;
    String respHost;
    if (e instanceof NetworkEvent n && !(e instanceof NoticeEvent) && !(e instanceof WeirdEvent)) {
      FlowId id = n.id();
      if (id == null) {
        return;
      }
      origHost = id.origHost();
      respHost = id.respHost();
    } else if (e instanceof FileEvent f && f.txHosts() != null && !f.txHosts().isEmpty()) {
      origHost = f.txHosts().get(0);
      respHost = f.rxHosts() == null || f.rxHosts().isEmpty() ? null : f.rxHosts().get(0);
    } else {
      return;
    }
    long ts = e.ts();
    // Identity is resolved here, in input order, so every shard count sees the same device and name for a record.
    DeviceDirectory.Identity origId = directory.identify(origHost, ts);
    DeviceDirectory.Identity respId = directory.identify(respHost, ts);
    if (origId == null && respId == null) {
      return;
    }
    String orig = origId == null ? null : origId.device();
    String resp = respId == null ? null : respId.device();
    boolean vpn = origId != null && origId.vpn();
    String origName = origId == null ? null : origId.name();
    String respName = respId == null ? null : respId.name();
    int o = origId == null ? -1 : shardOf(origId.fingerprint());
    int r = respId == null ? -1 : shardOf(respId.fingerprint());
    if (o >= 0 && o == r) {
      add(o, new Routed(e, orig, resp, true, true, vpn, origHost, respHost, origName, respName, origId, respId));
      return;
    }
    if (o >= 0) {
      add(o, new Routed(e, orig, resp, true, false, vpn, origHost, respHost, origName, respName, origId, respId));
    }
    if (r >= 0) {
      add(r, new Routed(e, orig, resp, false, true, vpn, origHost, respHost, origName, respName, origId, respId));
    }
  }

  /**
   * Sends a Defender alert to the device it is about: the first of its evidence addresses that is one of ours,
   * resolved like any record's, or failing that the device known by its DNS host name.
   */
  private void routeAlert(DefenderAlertEvent alert) {
    String device = null;
    String address = null;
    for (String ip : alert.ipAddresses()) {
      device = directory.resolve(ip, alert.ts());
      if (device != null) {
        address = ip;
        break;
      }
    }
    if (device == null) {
      device = directory.deviceNamed(alert.deviceDnsName());
    }
    if (device == null) {
      return;
    }
    boolean vpn = address != null && directory.isVpn(address);
    add(shardOf(device), new Routed(alert, device, null, true, false, vpn, address, null, directory.name(device),
        null, null, null));
  }

  /** The shard owning a device: its fingerprint modulo the shard count, so snapshot entries kept by fingerprint find it. */
  private int shardOf(String device) {
    return shardOf(Fingerprint.of(device));
  }

  private int shardOf(long deviceFingerprint) {
    return (int) Math.floorMod(deviceFingerprint, (long) shards.length);
  }

  private void add(int shard, Routed r) {
    if (executor == null) {
      // Inline: no batching, so a single-threaded detector answers each event at once.
      shards[shard].accept(r);
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
  private void runBatches(List<Breach> out) {
    await(out);
    closeEpoch(out);
    if (batched == 0) {
      return;
    }
    for (int i = 0; i < shards.length; i++) {
      List<Routed> batch = batches.get(i);
      if (!batch.isEmpty()) {
        DeviceShard shard = shards[i];
        batches.set(i, new ArrayList<>());
        inFlight.add(executor.submit(() -> batch.forEach(shard::accept)));
      }
    }
    batched = 0;
  }

  /** Processes everything routed so far and collects its breaches. */
  private void sync(List<Breach> out) {
    runBatches(out);
    await(out);
  }

  private void await(List<Breach> out) {
    try {
      for (Future<?> f : inFlight) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("detection interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a detection shard failed: " + e.getCause(), e.getCause());
    } finally {
      inFlight.clear();
    }
    drain(out);
  }

  /** Runs the barrier of the epoch left closing, once the shards have finished it. */
  private void closeEpoch(List<Breach> out) {
    if (closing != Long.MIN_VALUE) {
      await(out);
      long e = closing;
      closing = Long.MIN_VALUE;
      barrier(e, out);
    }
  }

  /** Ends epoch {@code closed}: the shards' deltas merge into the view and the signals waiting for it settle. */
  private void barrier(long closed, List<Breach> out) {
    long end = (closed + 1) * config.epochMicros();
    parallel(i -> shards[i].prepare(end));
    NetworkDelta[] deltas = new NetworkDelta[shards.length];
    for (int i = 0; i < shards.length; i++) {
      deltas[i] = shards[i].delta;
    }
    view.merge(deltas, closed, DeviceShard.day(end - 1));
    parallel(i -> shards[i].settle());
    drain(out);
  }

  private void drain(List<Breach> out) {
    for (DeviceShard s : shards) {
      s.drainTo(out);
    }
  }

  private interface ShardTask {
    void run(int shard);
  }

  private void parallel(ShardTask task) {
    if (executor == null || shards.length == 1) {
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
    try {
      for (Future<Void> f : executor.invokeAll(calls)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("detection interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a detection shard failed: " + e.getCause(), e.getCause());
    }
  }

  /** The learned state in the versioned snapshot format (signals waiting for the open epoch are not included). */
  byte[] snapshot() {
    sync(held);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(epoch);
      out.writeLong(watermark);
      out.writeLong(events);
      directory.write(out);
      view.write(out);
      TreeMap<String, DeviceState> all = new TreeMap<>();
      for (DeviceShard s : shards) {
        all.putAll(s.devices);
      }
      out.writeInt(all.size());
      for (DeviceState d : all.values()) {
        d.write(out);
      }
      writeOpenEpoch(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The open epoch, so a snapshot taken between epoch ends loses nothing: what the shards have told the network so
   * far (their deltas, merged and sorted) and the signals waiting for the epoch's end (by device, in the order each
   * device raised them). Every entry is written by device, so it restores into any number of shards.
   */
  private void writeOpenEpoch(DataOutputStream out) throws IOException {
    List<long[]> uses = new ArrayList<>();
    TreeMap<String, Integer> roles = new TreeMap<>();
    java.util.TreeSet<Long> admins = new java.util.TreeSet<>();
    long firstTs = Long.MAX_VALUE;
    List<DeviceShard.Pending> pending = new ArrayList<>();
    List<VpnSessions.Logon> logons = new ArrayList<>();
    TreeMap<String, Long> poolUses = new TreeMap<>();
    for (DeviceShard shard : shards) {
      NetworkDelta d = shard.delta;
      for (int i = 0; i < d.size; i++) {
        uses.add(new long[] {d.items[i], d.devices[i], d.groups[i]});
      }
      roles.putAll(d.roles);
      admins.addAll(d.adminCredentials);
      firstTs = Math.min(firstTs, d.firstTs);
      pending.addAll(shard.pending);
      logons.addAll(d.logons);
      d.poolUses.forEach((credential, ts) -> poolUses.merge(credential, ts, Math::min));
    }
    uses.sort(java.util.Arrays::compare);
    out.writeInt(uses.size());
    for (long[] use : uses) {
      out.writeLong(use[0]);
      out.writeLong(use[1]);
      out.writeLong(use[2]);
    }
    out.writeInt(roles.size());
    for (var e : roles.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue());
    }
    out.writeInt(admins.size());
    for (long a : admins) {
      out.writeLong(a);
    }
    out.writeLong(firstTs);
    logons.sort(VpnSessions.byTime());
    out.writeInt(logons.size());
    for (VpnSessions.Logon logon : logons) {
      VpnSessions.writeLogon(out, logon);
    }
    out.writeInt(poolUses.size());
    for (var e : poolUses.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
    // A stable sort: each device's signals keep their order, and devices come in id order whatever the sharding.
    pending.sort(java.util.Comparator.comparing(p -> p.signal().device()));
    out.writeInt(pending.size());
    for (DeviceShard.Pending p : pending) {
      p.signal().write(out);
      out.writeLong(p.item());
      out.writeLong(p.group());
    }
  }

  private void readOpenEpoch(DataInputStream in) throws IOException {
    for (DeviceShard shard : shards) {
      shard.delta.clear();
      shard.pending.clear();
    }
    int uses = in.readInt();
    for (int i = 0; i < uses; i++) {
      long item = in.readLong();
      long device = in.readLong();
      long group = in.readLong();
      NetworkDelta delta = shards[shardOf(device)].delta;
      if (delta.firstUse(item, device)) {
        delta.use(item, device, group);
      }
    }
    int roles = in.readInt();
    for (int i = 0; i < roles; i++) {
      String device = in.readUTF();
      shards[shardOf(device)].delta.roles.put(device, in.readInt());
    }
    int admins = in.readInt();
    for (int i = 0; i < admins; i++) {
      shards[0].delta.adminCredentials.add(in.readLong());
    }
    shards[0].delta.firstTs = in.readLong();
    // Logons and pool uses are merged across shards at the epoch's end, so one shard may hold them all.
    int logons = in.readInt();
    for (int i = 0; i < logons; i++) {
      shards[0].delta.logons.add(VpnSessions.readLogon(in));
    }
    int poolUses = in.readInt();
    for (int i = 0; i < poolUses; i++) {
      shards[0].delta.poolUse(in.readUTF(), in.readLong());
    }
    int pending = in.readInt();
    for (int i = 0; i < pending; i++) {
      Signal signal = Signal.read(in);
      shards[shardOf(signal.device())].pending.add(new DeviceShard.Pending(signal, in.readLong(), in.readLong()));
    }
  }

  /** Replaces the learned state with a snapshot; devices go to the shards that own them in this pipeline. */
  void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a Lanternfish detection snapshot");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new SnapshotVersionException(version, VERSION);
      }
      epoch = in.readLong();
      watermark = in.readLong();
      events = in.readLong();
      closing = Long.MIN_VALUE;
      directory.read(in);
      view.read(in);
      for (DeviceShard s : shards) {
        s.devices.clear();
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        DeviceState d = DeviceState.read(in);
        shards[shardOf(d.id)].devices.put(d.id, d);
      }
      readOpenEpoch(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("snapshot is truncated or corrupt: " + e.getMessage(), e);
    }
  }
}
