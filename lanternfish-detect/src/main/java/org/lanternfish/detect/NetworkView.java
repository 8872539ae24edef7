package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lanternfish.baseline.DistinctCounter;

/**
 * The network-wide knowledge every shard reads: how many devices used each shared item (rarity), who adopted an
 * item together in the last epoch (roll-outs), every device's roles, and which credentials are administrative.
 *
 * <p>It changes only at epoch ends, by merging the shards' {@link NetworkDelta}s. The merge is commutative, so the
 * view after an epoch is the same however devices were spread over shards: this is what makes a sharded run give the
 * breaches of a single-threaded one.
 */
final class NetworkView {

  private static final int FORGET_DAYS = 30;

  static final class Item {
    final DistinctCounter devices;
    long firstEpoch;
    int lastDay;

    Item(DistinctCounter devices, long firstEpoch, int lastDay) {
      this.devices = devices;
      this.firstEpoch = firstEpoch;
      this.lastDay = lastDay;
    }
  }

  final Map<Long, Item> items = new HashMap<>();
  final Map<String, Integer> roles = new HashMap<>();
  final Set<Long> adminCredentials = new HashSet<>();
  /** Adopters of items first seen in the last epoch, by item then peer group. */
  final Map<Long, Map<Long, Integer>> adopters = new HashMap<>();
  /** Recent user logons and which of them a device in the VPN pool took up. */
  final VpnSessions vpn = new VpnSessions();
  int activeDevices;
  long start = Long.MAX_VALUE;
  long epoch = Long.MIN_VALUE;
  int sweptDay;

  /** Folds the shards' deltas of epoch {@code e} (ending on {@code day}) into the view. */
  void merge(NetworkDelta[] deltas, long e, int day) {
    epoch = e;
    adopters.clear();
    int active = 0;
    for (NetworkDelta d : deltas) {
      start = Math.min(start, d.firstTs);
      active += d.activeDevices;
      roles.putAll(d.roles);
      adminCredentials.addAll(d.adminCredentials);
      for (int i = 0; i < d.size; i++) {
        Item it = items.get(d.items[i]);
        if (it == null) {
          it = new Item(new DistinctCounter(), e, day);
          items.put(d.items[i], it);
        }
        it.devices.add(d.devices[i]);
        it.lastDay = Math.max(it.lastDay, day);
        if (it.firstEpoch == e) {
          adopters.computeIfAbsent(d.items[i], k -> new HashMap<>()).merge(d.groups[i], 1, Integer::sum);
        }
      }
    }
    activeDevices = active;
    mergeVpn(deltas, e, day);
    if (day > sweptDay) {
      items.values().removeIf(it -> it.lastDay < day - FORGET_DAYS);
      sweptDay = day;
    }
  }

  private void mergeVpn(NetworkDelta[] deltas, long e, int day) {
    List<VpnSessions.Logon> logons = new ArrayList<>();
    List<VpnSessions.PoolUse> uses = new ArrayList<>();
    for (NetworkDelta d : deltas) {
      logons.addAll(d.logons);
      d.poolUses.forEach((credential, ts) -> uses.add(new VpnSessions.PoolUse(ts, credential)));
    }
    for (long[] echo : vpn.merge(logons, uses)) {
      items.computeIfAbsent(echo[0], k -> new Item(new DistinctCounter(), e, day)).devices.add(echo[1]);
      items.get(echo[0]).lastDay = day;
    }
  }

  /** Devices that used the item, as estimated. */
  int devices(long item) {
    Item it = items.get(item);
    return it == null ? 0 : it.devices.estimate();
  }

  /** True when the item was first used in the last merged epoch by at least {@code n} devices of the same group. */
  boolean adoptedTogether(long item, long group, int n) {
    Map<Long, Integer> byGroup = adopters.get(item);
    return byGroup != null && byGroup.getOrDefault(group, 0) >= n;
  }

  int roles(String device) {
    return device == null ? 0 : roles.getOrDefault(device, 0);
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(start);
    out.writeLong(epoch);
    out.writeInt(sweptDay);
    out.writeInt(activeDevices);
    TreeMap<Long, Item> sorted = new TreeMap<>(items);
    out.writeInt(sorted.size());
    for (Map.Entry<Long, Item> e : sorted.entrySet()) {
      out.writeLong(e.getKey());
      out.writeLong(e.getValue().devices.low());
      out.writeLong(e.getValue().devices.high());
      out.writeLong(e.getValue().firstEpoch);
      out.writeInt(e.getValue().lastDay);
    }
    TreeMap<String, Integer> sortedRoles = new TreeMap<>(roles);
    out.writeInt(sortedRoles.size());
    for (Map.Entry<String, Integer> e : sortedRoles.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue());
    }
    TreeSet<Long> admins = new TreeSet<>(adminCredentials);
    out.writeInt(admins.size());
    for (long a : admins) {
      out.writeLong(a);
    }
  }

  void read(DataInput in) throws IOException {
    items.clear();
    roles.clear();
    adminCredentials.clear();
    adopters.clear();
    vpn.clear();
    start = in.readLong();
    epoch = in.readLong();
    sweptDay = in.readInt();
    activeDevices = in.readInt();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      long key = in.readLong();
      items.put(key, new Item(new DistinctCounter(in.readLong(), in.readLong()), in.readLong(), in.readInt()));
    }
    int r = in.readInt();
    for (int i = 0; i < r; i++) {
      roles.put(in.readUTF(), in.readInt());
    }
    int a = in.readInt();
    for (int i = 0; i < a; i++) {
      adminCredentials.add(in.readLong());
    }
  }
}
