package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.model.Signal;

/**
 * The codec of the open epoch: what the shards have told the network since the last merge, the signals waiting
 * for the epoch's end and the breaches held for it ({@link Acts}). Every entry is written by device and sorted, so equal state gives equal bytes and a snapshot
 * taken by any number of shards restores into any other number.
 */
public final class OpenEpoch {

  private OpenEpoch() {}

  /**
   * Writes the shards' open epoch, so a snapshot taken between epoch ends loses nothing: their deltas, merged and
   * sorted, the signals waiting for the epoch's end and the breaches held for it (by device, in the order each
   * device raised them).
   */
  public static void write(DeviceShard[] shards, DataOutput out) throws IOException {
    List<long[]> uses = new ArrayList<>();
    TreeMap<String, Integer> roles = new TreeMap<>();
    TreeSet<Long> admins = new TreeSet<>();
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
    uses.sort(Arrays::compare);
    out.writeInt(uses.size());
    for (long[] use : uses) {
      out.writeLong(use[0]);
      out.writeLong(use[1]);
      out.writeLong(use[2]);
    }
    StateCodecs.writeRoles(roles, out);
    StateCodecs.writeLongs(admins, out);
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
    pending.sort(Comparator.comparing(p -> p.signal().device()));
    out.writeInt(pending.size());
    for (DeviceShard.Pending p : pending) {
      p.signal().write(out);
      out.writeLong(p.item());
      out.writeLong(p.group());
    }
    List<Acts> acts = new ArrayList<>();
    for (DeviceShard shard : shards) {
      acts.add(shard.acts);
    }
    Acts.write(acts, out);
  }

  /** Replaces the shards' open epoch with one written by {@link #write}, each entry going to its device's owner. */
  public static void read(DataInput in, DeviceShard[] shards, IdentityStage.Sink partitions) throws IOException {
    for (DeviceShard shard : shards) {
      shard.delta.clear();
      shard.pending.clear();
      shard.acts.clear();
    }
    int uses = in.readInt();
    for (int i = 0; i < uses; i++) {
      long item = in.readLong();
      long device = in.readLong();
      long group = in.readLong();
      NetworkDelta delta = shards[partitions.partitionOf(device)].delta;
      if (delta.firstUse(item, device)) {
        delta.use(item, device, group);
      }
    }
    int roles = in.readInt();
    for (int i = 0; i < roles; i++) {
      String device = in.readUTF();
      shards[partitions.partitionOf(Fingerprint.of(device))].delta.roles.put(device, in.readInt());
    }
    StateCodecs.readLongs(in, shards[0].delta.adminCredentials);
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
      shards[partitions.partitionOf(Fingerprint.of(signal.device()))].pending
          .add(new DeviceShard.Pending(signal, in.readLong(), in.readLong()));
    }
    Acts.read(in, device -> shards[partitions.partitionOf(Fingerprint.of(device))].acts);
  }

}
