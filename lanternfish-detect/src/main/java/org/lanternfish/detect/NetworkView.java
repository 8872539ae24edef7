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

/**
 * The network-wide knowledge every shard reads: how many devices used each shared item (rarity), who adopted an
 * item together in the last epoch (roll-outs), every device's roles, and which credentials are administrative.
 *
 * <p>It changes only at epoch ends, by merging the shards' {@link NetworkDelta}s. The merge is commutative, so the
 * view after an epoch is the same however devices were spread over shards: this is what makes a sharded run give the
 * breaches of a single-threaded one.
 */
public final class NetworkView {

  private static final int FORGET_DAYS = 30;
  private static final long ACTIVE_WINDOW = 30 * DeviceShard.DAY;

  final ItemTable items = new ItemTable();
  final Map<String, Integer> roles = new HashMap<>();
  final Set<Long> adminCredentials = new HashSet<>();
  /** Adopters of items first seen in the last epoch, by item then peer group. */
  final Map<Long, Map<Long, Integer>> adopters = new HashMap<>();
  /** Recent user logons and which of them a device in the VPN pool took up. */
  final VpnSessions vpn = new VpnSessions();
  /** Devices active in the last 30 days, recounted once a day and raised by each new device in between. */
  int activeDevices;
  /** When each device (by fingerprint) was last seen, as the shards reported at the ends of its active epochs. */
  final LastSeen lastSeen = new LastSeen();
  int countedDay = Integer.MIN_VALUE;
  long start = Long.MAX_VALUE;
  long epoch = Long.MIN_VALUE;
  int sweptDay;

  /** A view that knows nothing yet. */
  public NetworkView() {}

  /**
   * Folds every shard's delta of epoch {@code e}, which ends at {@code end} (exclusive, microseconds), into the view;
   * the result does not depend on the order of the deltas.
   */
  public void merge(NetworkDelta[] deltas, long e, long end) {
    int day = DeviceShard.day(end - 1);
    epoch = e;
    adopters.clear();
    int added = 0;
    for (NetworkDelta d : deltas) {
      start = Math.min(start, d.firstTs);
      for (int i = 0; i < d.activeSize; i++) {
        if (lastSeen.put(d.activeDevices[i], d.activeLastSeen[i])) {
          added++;
        }
      }
      roles.putAll(d.roles);
      adminCredentials.addAll(d.adminCredentials);
      for (int i = 0; i < d.size; i++) {
        int it = items.findOrAdd(d.items[i], e, day);
        items.use(it, d.devices[i], day);
        if (items.firstEpoch(it) == e) {
          adopters.computeIfAbsent(d.items[i], k -> new HashMap<>()).merge(d.groups[i], 1, Integer::sum);
        }
      }
    }
    countActive(end, added);
    mergeVpn(deltas, e, day);
    if (day > sweptDay) {
      items.forgetBefore(day - FORGET_DAYS);
      sweptDay = day;
    }
  }

  private void countActive(long now, int added) {
    if (DeviceShard.day(now) == countedDay) {
      activeDevices += added;
      return;
    }
    countedDay = DeviceShard.day(now);
    activeDevices = lastSeen.countSince(now - ACTIVE_WINDOW);
  }

  private void mergeVpn(NetworkDelta[] deltas, long e, int day) {
    List<VpnSessions.Logon> logons = new ArrayList<>();
    // A credential's first pool use in the epoch, whichever shard saw it: the same as one shard would report.
    Map<String, Long> firstUses = new TreeMap<>();
    for (NetworkDelta d : deltas) {
      logons.addAll(d.logons);
      d.poolUses.forEach((credential, ts) -> firstUses.merge(credential, ts, Math::min));
    }
    List<VpnSessions.PoolUse> uses = new ArrayList<>();
    firstUses.forEach((credential, ts) -> uses.add(new VpnSessions.PoolUse(ts, credential)));
    for (long[] echo : vpn.merge(logons, uses)) {
      items.use(items.findOrAdd(echo[0], e, day), echo[1], day);
    }
  }

  /** Devices that used the item, as estimated. */
  int devices(long item) {
    int it = items.find(item);
    return it < 0 ? 0 : items.devices(it);
  }

  /** True when the item was first used in the last merged epoch by at least {@code n} devices of the same group. */
  boolean adoptedTogether(long item, long group, int n) {
    Map<Long, Integer> byGroup = adopters.get(item);
    return byGroup != null && byGroup.getOrDefault(group, 0) >= n;
  }

  int roles(String device) {
    return device == null ? 0 : roles.getOrDefault(device, 0);
  }

  /** Writes the view in the snapshot format ({@link StateCodecs#VERSION}); equal views give equal bytes. */
  public void write(DataOutput out) throws IOException {
    out.writeLong(start);
    out.writeLong(epoch);
    out.writeInt(sweptDay);
    out.writeInt(activeDevices);
    out.writeInt(countedDay);
    lastSeen.write(out);
    int[] sorted = items.sortedIndexes();
    out.writeInt(sorted.length);
    for (int it : sorted) {
      out.writeLong(items.key(it));
      out.writeLong(items.low(it));
      out.writeLong(items.high(it));
      out.writeLong(items.firstEpoch(it));
      out.writeInt(items.lastDay(it));
    }
    StateCodecs.writeRoles(roles, out);
    StateCodecs.writeLongs(adminCredentials, out);
    vpn.write(out);
  }

  /** Replaces the view with one written by {@link #write}. */
  public void read(DataInput in) throws IOException {
    items.clear();
    roles.clear();
    adminCredentials.clear();
    adopters.clear();
    vpn.clear();
    start = in.readLong();
    epoch = in.readLong();
    sweptDay = in.readInt();
    activeDevices = in.readInt();
    countedDay = in.readInt();
    lastSeen.read(in);
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      items.put(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt());
    }
    StateCodecs.readRoles(in, roles);
    StateCodecs.readLongs(in, adminCredentials);
    vpn.read(in);
  }
}
