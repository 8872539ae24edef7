package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one shard learned about the whole network during one epoch, handed to the merge at the epoch's end: which
 * devices used which shared items (external destinations, user agents to servers, credentials), which devices were
 * active, device roles, and credentials seen doing administration. Its fields are the core's own; runners pass it
 * from {@link DeviceShard#endEpoch} to {@link NetworkView#merge} and save it with {@link StateCodecs#DELTA}.
 */
public final class NetworkDelta {

  long[] items = new long[64];
  long[] devices = new long[64];
  long[] groups = new long[64];
  int size;
  private final LongSet pairs = new LongSet();
  final Map<String, Integer> roles = new HashMap<>();
  final Set<Long> adminCredentials = new HashSet<>();
  /** Devices active in the epoch (fingerprints) and when each was last seen. */
  long[] activeDevices = new long[16];
  long[] activeLastSeen = new long[16];
  int activeSize;
  long firstTs = Long.MAX_VALUE;
  /** User logons requested outside the VPN pool, and credentials used inside it (first use per epoch). */
  final List<VpnSessions.Logon> logons = new ArrayList<>();
  final Map<String, Long> poolUses = new HashMap<>();

  /** True the first time in this epoch that the device uses the item. */
  boolean firstUse(long item, long device) {
    return pairs.add(item * 31 + device);
  }

  /** Records that a device of peer group {@code group} used the item. */
  void use(long item, long device, long group) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
      devices = Arrays.copyOf(devices, size * 2);
      groups = Arrays.copyOf(groups, size * 2);
    }
    items[size] = item;
    devices[size] = device;
    groups[size] = group;
    size++;
  }

  /** Records that a device was active in the epoch and last seen at {@code lastSeen}. */
  void active(long device, long lastSeen) {
    if (activeSize == activeDevices.length) {
      activeDevices = Arrays.copyOf(activeDevices, activeSize * 2);
      activeLastSeen = Arrays.copyOf(activeLastSeen, activeSize * 2);
    }
    activeDevices[activeSize] = device;
    activeLastSeen[activeSize] = lastSeen;
    activeSize++;
  }

  /** Empties the delta for the next epoch. */
  public void clear() {
    size = 0;
    activeSize = 0;
    pairs.clear();
    roles.clear();
    adminCredentials.clear();
    firstTs = Long.MAX_VALUE;
    logons.clear();
    poolUses.clear();
  }

  /** Records that a device in the VPN pool used {@code credential} at {@code ts}. */
  void poolUse(String credential, long ts) {
    poolUses.merge(credential, ts, Math::min);
  }

  /** Writes the delta as one shard hands it to the merge (maps sorted, so equal deltas give equal bytes). */
  void write(DataOutput out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(items[i]);
      out.writeLong(devices[i]);
      out.writeLong(groups[i]);
    }
    out.writeInt(activeSize);
    for (int i = 0; i < activeSize; i++) {
      out.writeLong(activeDevices[i]);
      out.writeLong(activeLastSeen[i]);
    }
    StateCodecs.writeRoles(roles, out);
    StateCodecs.writeLongs(adminCredentials, out);
    out.writeLong(firstTs);
    out.writeInt(logons.size());
    for (VpnSessions.Logon logon : logons) {
      VpnSessions.writeLogon(out, logon);
    }
    TreeMap<String, Long> sortedPoolUses = new TreeMap<>(poolUses);
    out.writeInt(sortedPoolUses.size());
    for (Map.Entry<String, Long> e : sortedPoolUses.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  /** Reads a delta written by {@link #write}, ready to merge. */
  static NetworkDelta read(DataInput in) throws IOException {
    NetworkDelta d = new NetworkDelta();
    int uses = in.readInt();
    for (int i = 0; i < uses; i++) {
      long item = in.readLong();
      long device = in.readLong();
      long group = in.readLong();
      if (d.firstUse(item, device)) {
        d.use(item, device, group);
      }
    }
    int active = in.readInt();
    for (int i = 0; i < active; i++) {
      d.active(in.readLong(), in.readLong());
    }
    StateCodecs.readRoles(in, d.roles);
    StateCodecs.readLongs(in, d.adminCredentials);
    d.firstTs = in.readLong();
    int logons = in.readInt();
    for (int i = 0; i < logons; i++) {
      d.logons.add(VpnSessions.readLogon(in));
    }
    int poolUses = in.readInt();
    for (int i = 0; i < poolUses; i++) {
      d.poolUse(in.readUTF(), in.readLong());
    }
    return d;
  }
}
