package org.lanternfish.detect;

import java.util.Locale;
import org.lanternfish.baseline.DestinationSlots;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.model.Signal;

/**
 * Beaconing in every direction a command channel takes: a device calling an uncommon destination, an outside host
 * polling one of our servers, and a device looking up new names under an uncommon domain (a DNS channel). All three
 * go through the device's {@link DestinationSlots}, and a beacon is a slot whose connections come back at a steady
 * pace, jittered by up to +-50%. Popular parties never get a slot: what most devices do (update services, telemetry,
 * monitoring that polls every server) is the network's routine, learned from the network view.
 */
final class BeaconSignals {

  /** More devices than this using a party make it common: no slot, no beacon. */
  static final int COMMON = 10;
  /** Gaps shorter than this are a session's chatter, not a beacon's calls. */
  private static final double MIN_INTERVAL_MICROS = 5_000_000;
  /**
   * Gaps shorter than this between an outside host's calls are a scan or a brute force at a steady pace (judged by
   * their own models), not an operator polling a foothold.
   */
  private static final double MIN_POLL_MICROS = 30_000_000;
  /** Long-run regularity (1 - mean absolute deviation / mean) a beacon keeps; a person's traffic is near 0.3. */
  private static final double MIN_REGULARITY = 0.6;
  /** Spread of the recent intervals around their median a beacon keeps: 0.7 at +-50% jitter. */
  private static final double MAX_SPREAD = 1.0;
  private static final int BEACON_REPORTED = 2;

  /** How a party is reached, for the explanation ("{device} {how} {peer}"). */
  enum Direction {
    OUTBOUND("connects to", 0),
    INBOUND("is polled by", 0x5EED),
    DNS("looks up new names under", 53),
    REQUESTS("keeps one HTTP session open and sends requests over it to", 0x4854);

    final String how;
    /** Salt of the slot key, so a party's calls in each direction are timed apart. */
    final int salt;

    Direction(String how, int salt) {
      this.how = how;
      this.salt = salt;
    }
  }

  private final DeviceShard shard;

  BeaconSignals(DeviceShard shard) {
    this.shard = shard;
  }

  /** True for a record that opens a connection; false for one that continues a TCP session seen earlier. */
  static boolean opens(ConnEvent c) {
    String history = c.history();
    if (!"tcp".equalsIgnoreCase(c.proto()) || history == null || history.isEmpty() || history.equals("-")) {
      return true;
    }
    // Zeek logs a long-lived session again after each idle spell, with no handshake in its history (state OTH): a
    // push channel's keep-alives every few minutes are one connection, not a beacon.
    return history.indexOf('S') >= 0 || history.indexOf('s') >= 0;
  }

  /**
   * An outside host called one of our servers: times its calls in the server's slots, unless the caller is common
   * (a monitoring service polling every server, a scanner sweeping the network).
   */
  void inbound(ConnEvent c, DeviceState server) {
    String caller = c.id().origHost();
    if (ConnectionSignals.groupAddress(caller) || c.ts() == Long.MIN_VALUE) {
      return;
    }
    long item = Fingerprint.of("src", caller);
    shard.use(item, server);
    if (shard.view.devices(item) > COMMON) {
      return;
    }
    if (server.callers == null) {
      server.callers = new DestinationSlots(true);
    }
    int port = c.id().respPort();
    int slot = server.callers.observe(key(item, port, Direction.INBOUND), caller,
        DestinationSlots.endpoint(caller, port), c.ts(), Math.max(0, c.respBytes()), opens(c), c.uid());
    judge(server, server.callers, slot, caller, item, c.ts(), c.uid(), Direction.INBOUND);
  }

  /**
   * A device looked up {@code name}, under {@code registered}, that it had not asked for this hour. The names are timed by the zone they are made
   * under (the name without its first label), so a tunnel through another zone of the same domain does not hide a
   * beacon's pace.
   */
  void newName(DeviceState d, String name, String registered, long item, long ts, String uid) {
    if (shard.view.devices(item) > COMMON) {
      return;
    }
    if (d.destinations == null) {
      d.destinations = new DestinationSlots();
    }
    int dot = name.indexOf('.');
    String zone = dot > 0 && name.length() - dot - 1 > registered.length() ? name.substring(dot + 1) : registered;
    int slot = d.destinations.observe(key(Fingerprint.of("zone", zone), 0, Direction.DNS), zone, 0, ts, 0, true,
        uid);
    if (d.destinations.connections(slot) == 1) {
      d.destinations.rename(slot, shard.canonical(zone));
    }
    judge(d, d.destinations, slot, zone, item, ts, uid, Direction.DNS);
  }

  /**
   * An HTTP request riding a connection already open (Zeek's {@code trans_depth} above 1) to {@code party}: a beacon
   * that keeps its session open calls in requests, not connections (a Covenant or Empire agent over HTTP keep-alive),
   * so its requests are timed like connections, in a slot of their own. A connection's first request is left to the
   * connection's own timing. A page's resources come in bursts that merge into one call, and a party many devices use
   * (an intranet site, a management server) gets no slot.
   */
  void request(HttpEvent h, DeviceState d, String party) {
    if (h.ts() == Long.MIN_VALUE || ConnectionSignals.groupAddress(h.id().respHost())) {
      return;
    }
    // Every request counts towards how many devices use the party; only those riding an open session are timed.
    long item = Fingerprint.of("dst", party);
    shard.use(item, d);
    if (h.transDepth() < 2 || shard.view.devices(item) > COMMON) {
      return;
    }
    if (d.destinations == null) {
      d.destinations = new DestinationSlots();
    }
    int port = h.id().respPort();
    int slot = d.destinations.observe(key(item, port, Direction.REQUESTS), party,
        DestinationSlots.endpoint(h.id().respHost(), port), h.ts(), Math.max(0, h.requestBodyLen()), true, h.uid());
    if (d.destinations.connections(slot) == 1) {
      d.destinations.rename(slot, shard.canonical(party));
    }
    judge(d, d.destinations, slot, party, item, h.ts(), h.uid(), Direction.REQUESTS);
  }

  /** The slot key of a party reached on {@code port} in {@code direction}. */
  static long key(long item, int port, Direction direction) {
    return Fingerprint.mix(item * 31 + port + ((long) direction.salt << 32));
  }

  /** Signals a beacon once per slot, when its calls have kept a steady pace long enough. */
  void judge(DeviceState d, DestinationSlots slots, int slot, String party, long item, long ts, String uid,
      Direction direction) {
    double minInterval = direction == Direction.INBOUND ? MIN_POLL_MICROS : MIN_INTERVAL_MICROS;
    if (slots.intervals(slot) < DestinationSlots.MIN_INTERVALS || slots.meanInterval(slot) < minInterval
        || slots.intervalRegularity(slot) < MIN_REGULARITY || !shard.wants("beacon")) {
      return;
    }
    double spread = slots.recentSpread(slot);
    if (spread > MAX_SPREAD || !slots.report(slot, BEACON_REPORTED)) {
      return;
    }
    double regularity = Math.round(slots.intervalRegularity(slot) * 100) / 100.0;
    double seconds = Math.round(slots.meanInterval(slot) / 1e5) / 10.0;
    double jitter = Math.round(spread / 2 * 100) / 100.0;
    Signal s = new Signal("beacon", ts, d.id, party)
        .with("regularity", regularity).with("interval_s", seconds).with("jitter", jitter)
        .with("size_regularity", slots.sizeRegularity(slot)).with("connections", slots.connections(slot))
        .with("direction", direction.name().toLowerCase(Locale.ROOT)).with("how", direction.how)
        .entity("destination", party)
        .evidence("regularity", String.format(Locale.ROOT,
            "%d %s every %.0f s (regularity %.2f, recent intervals within +-%.0f%% of their median; sizes %.2f)",
            slots.connections(slot), direction == Direction.DNS ? "new names looked up" : "connections", seconds,
            regularity, 100 * jitter, slots.sizeRegularity(slot)), regularity);
    // The breach cites the regular connections themselves.
    slots.recentUids(slot).forEach(s::uid);
    s.uid(uid);
    shard.defer(s, d, item);
  }
}
