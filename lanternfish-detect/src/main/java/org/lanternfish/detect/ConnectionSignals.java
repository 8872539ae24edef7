package org.lanternfish.detect;

import java.util.Locale;
import java.util.Set;
import org.lanternfish.baseline.DestinationSlots;
import org.lanternfish.baseline.DistinctCounter;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.baseline.HourlyVolume;
import org.lanternfish.baseline.UploadRun;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.SshEvent;
import org.lanternfish.model.Signal;

/**
 * Learns from connections: internal services used, volumes in and out against the device's own hours, uncommon
 * external destinations (volume, beaconing), failed connections (scans), repeated logins (brute force), and on the
 * responder's side the services it serves, from which roles follow.
 */
final class ConnectionSignals {

  static final long MIB = 1L << 20;
  static final long GIB = 1L << 30;
  private static final long HOUR = 3_600_000_000L;
  private static final long SCAN_WINDOW = 600_000_000L;
  /** A port scan: this many distinct address:port targets refused or unanswered within 10 minutes. */
  private static final int SCAN_TARGETS = 64;
  /** A vertical scan: this many distinct ports of one host probed within a minute. */
  private static final int VERTICAL_PORTS = 25;
  private static final int BRUTE_ATTEMPTS = 30;
  private static final long RARE_DATA = 10 * MIB;
  /** An hour that sends less than this outside is never unusual, whatever the device's habit. */
  private static final long UNUSUAL_HOUR = 64 * MIB;
  private static final long RUN_MIB = 512;
  /** Clock hours: one upload of an hour or so straddles two. */
  private static final int RUN_HOURS = 3;
  private static final double LONG_SESSION_S = 600;
  /**
   * A session held open that carries fewer bytes a minute than this is a channel kept alive (push notifications,
   * an antivirus console's MQTT): a reverse shell or RAT moves commands and their output.
   */
  private static final double IDLE_BYTES_PER_MINUTE = 256;
  /** An internal session held this long is interactive, not a call. */
  private static final double HELD_INTERNAL_S = 120;
  /** A payload brought in by a session: a staged implant alone is 200-300 KiB. */
  private static final long STAGE_BYTES = 128 * 1024;
  private static final long SSH_USED = Fingerprint.of("ssh-client");
  private static final Set<String> FAILED = Set.of("S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR");

  private final DeviceShard shard;

  ConnectionSignals(DeviceShard shard) {
    this.shard = shard;
  }

  void on(ConnEvent c, RoutedEvent r) {
    if (c.id() == null) {
      return;
    }
    if (r.forOrig() && r.orig() != null) {
      DeviceState d = shard.device(r.orig(), c.ts());
      if (r.resp() != null) {
        internal(c, r, d);
      } else {
        external(c, d);
      }
      int port = c.id().respPort();
      if (c.connState() != null && FAILED.contains(c.connState())) {
        scan(c, d);
      }
      if (probe(c)) {
        verticalScan(c, d, r.resp() != null ? r.resp() : c.id().respHost());
      }
      if (loginPort(port) && c.respBytes() < 4096) {
        attempt(d, AuthenticationSignals.target(c.id().respHost(), r), port, "connection to port " + port, c.ts(),
            c.uid());
      }
    }
    if (r.forResp() && r.resp() != null && accepted(c)) {
      serve(c, r);
      if (r.orig() == null) {
        shard.beacons().inbound(c, shard.device(r.resp(), c.ts()));
      }
    }
  }

  /**
   * An SSH session from a device that used other SSH software on an earlier day, with software it never used,
   * signals a new client (a tool such as paramiko or a Go scanner where OpenSSH was the habit). A session that did not
   * end in success counts its authentication attempts toward brute force; its connection on a login port already
   * counted once. Successful sessions count nothing, whatever keys were tried first.
   */
  void on(SshEvent s, RoutedEvent r) {
    if (s.id() == null || !r.forOrig() || r.orig() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), s.ts());
    String target = AuthenticationSignals.target(s.id().respHost(), r);
    if (s.client() != null && !s.client().isBlank()) {
      sshClient(s, d, target);
    }
    if (Boolean.TRUE.equals(s.authSuccess())) {
      return;
    }
    int port = s.id().respPort();
    long failures = Math.min(BRUTE_ATTEMPTS, Math.max(1, s.authAttempts()) - (loginPort(port) ? 1 : 0));
    for (long i = 0; i < failures; i++) {
      attempt(d, target, port, "SSH authentication", s.ts(), s.uid());
    }
  }

  private void sshClient(SshEvent s, DeviceState d, String target) {
    int day = DeviceShard.day(s.ts());
    String client = s.client().strip();
    String product = sshProduct(client);
    // Its SSH habit must predate today: a lab or admin host that tries several clients on its first day has none yet.
    boolean usedSsh = d.seen.observe(SSH_USED, day) > 0 && d.seen.firstDay(SSH_USED) < day;
    int before = d.seen.observe(Fingerprint.of("ssh-client", product), day);
    if (before == 0 && usedSsh && shard.wants("ssh_client")) {
      Signal signal = new Signal("ssh_client", s.ts(), d.id, target).uid(s.uid()).with("client", client)
          .with("label", product)
          .evidence("first-seen", d.id + " used the SSH client " + client + " for the first time; it used other SSH "
              + "software before", 0);
      shard.emit(signal, d);
    }
  }

  /**
   * The software of an SSH identification string without its version or build, so an upgrade is no new client:
   * {@code SSH-2.0-OpenSSH_for_Windows_8.1} and {@code SSH-2.0-OpenSSH_8.9p1 Ubuntu-3} are both OpenSSH.
   */
  static String sshProduct(String client) {
    String software = client.startsWith("SSH-") && client.indexOf('-', 4) > 0
        ? client.substring(client.indexOf('-', 4) + 1) : client;
    int end = 0;
    while (end < software.length() && "_- ".indexOf(software.charAt(end)) < 0) {
      end++;
    }
    return end == 0 ? software : software.substring(0, end);
  }

  private static boolean loginPort(int port) {
    return switch (port) {
      case 21, 22, 23, 1433, 3306, 3389, 5432, 5900 -> true;
      default -> false;
    };
  }

  private static boolean accepted(ConnEvent c) {
    String s = c.connState();
    return s != null && (s.equals("SF") || s.equals("S1") || s.equals("S2") || s.equals("S3") || s.equals("RSTO")
        || s.equals("RSTR")) || c.respBytes() > 0;
  }

  private void internal(ConnEvent c, RoutedEvent r, DeviceState d) {
    long service = Fingerprint.mix(r.respFingerprint() * 31 + c.id().respPort());
    d.seen.observe(service, DeviceShard.day(c.ts()));
    if (unusualInternalPort(c)) {
      internalSession(c, r, d, service);
    }
    if (accepted(c) && c.id().respPort() < 49152) {
      d.serviceMin = Math.min(d.serviceMin, service);
    }
    if (c.respBytes() <= 0 || c.ts() == Long.MIN_VALUE) {
      return;
    }
    if (d.internalIn == null) {
      d.internalIn = new HourlyVolume();
    }
    long total = d.internalIn.add(c.ts(), c.respBytes(), shard.week(d, c.id().origHost()));
    long hour = Math.floorDiv(c.ts(), HOUR);
    // A quarter of a GiB: a gigabyte taken across two clock hours leaves under 500 MiB in each.
    if (total >= 256 * MIB && hour != d.downloadReportedHour && shard.wants("internal_download")) {
      double typical = d.internalIn.typical(c.ts(), shard.week(d, c.id().origHost()));
      double ratio = typical < 0 ? Double.POSITIVE_INFINITY : total / Math.max(typical, MIB);
      if (ratio >= 10) {
        d.downloadReportedHour = hour;
        Signal s = new Signal("internal_download", c.ts(), d.id, r.resp()).uid(c.uid())
            .with("bytes", total).with("typical_bytes", Math.max(0, typical))
            .with("ratio", Double.isInfinite(ratio) ? 1000.0 : ratio)
            .with("mib", total / MIB)
            .evidence("volume", String.format(java.util.Locale.ROOT,
                "downloaded %d MiB from internal devices this hour; usual for this hour is %d MiB",
                total / MIB, (long) Math.max(0, typical) / MIB), total);
        // Judged at the epoch's end: a session's record comes before the shares it opens (see sharesOpened).
        shard.defer(s, d, Fingerprint.of("download-from", r.resp()));
      }
    }
  }

  /**
   * Says whether the device opened a file share of the download's peer today that it never used before. Zeek dates a
   * session by its start, so its bytes arrive before the shares it opened; by the epoch's end those are known.
   */
  static void sharesOpened(Signal s, DeviceState d) {
    boolean newShare = d.seen.lastDay(SmbSignals.newShareItem(s.peer())) == DeviceShard.day(s.ts());
    s.with("new_share_today", newShare);
    if (newShare) {
      s.evidence("first-seen", d.id + " opened a share of " + s.peer() + " today that it never used before", 0);
    }
  }

  private void external(ConnEvent c, DeviceState d) {
    String address = c.id().respHost();
    if (groupAddress(address)) {
      // Multicast and broadcast (SSDP, mDNS, router solicitations) never leave the network: no destination to judge.
      return;
    }
    String name = d.nameOf(address);
    int endpoint = DestinationSlots.endpoint(address, c.id().respPort());
    if (name == null && d.destinations != null) {
      name = d.destinations.nameAt(endpoint);
    }
    String destination = name != null ? name : address;
    long sent = Math.max(0, c.origBytes());
    if (shard.config.watchList().match(address) != null) {
      NameSignals.ioc(shard, d, address, "ip", c.ts(), c.uid());
    }
    if (c.ts() == Long.MIN_VALUE) {
      return;
    }
    if (d.externalOut == null) {
      d.externalOut = new HourlyVolume();
    }
    long total = d.externalOut.add(c.ts(), sent, shard.week(d, c.id().origHost()));
    long hour = Math.floorDiv(c.ts(), HOUR);
    if (total >= GIB && hour != d.volumeReportedHour && shard.wants("volume_out")) {
      d.volumeReportedHour = hour;
      double typical = d.externalOut.typical(c.ts(), shard.week(d, c.id().origHost()));
      Signal s = new Signal("volume_out", c.ts(), d.id, destination).uid(c.uid())
          .with("bytes", total).with("typical_bytes", Math.max(0, typical))
          .with("ratio", typical <= 0 ? 1000.0 : total / Math.max(typical, MIB))
          .entity("destination", destination)
          .evidence("volume", String.format(java.util.Locale.ROOT,
              "sent %d MiB outside the network this hour; usual for this hour is %d MiB", total / MIB,
              (long) Math.max(0, typical) / MIB), total);
      shard.emit(s, d);
    }
    uploadRun(c, d, total, hour, destination);
    int port = c.id().respPort();
    boolean wellKnown = wellKnownPort(port);
    if (!wellKnown) {
      shard.use(portItem(port), d);
    }
    long item = Fingerprint.of("dst", destination);
    if (name != null) {
      // The address counts too: a server that calls a popular service by its address (no lookup of its own) calls
      // what many devices call by name.
      long byAddress = Fingerprint.of("dst", address);
      shard.use(byAddress, d);
      if (shard.view.devices(byAddress) > BeaconSignals.COMMON) {
        shard.use(item, d);
        return;
      }
    }
    if (shard.view.devices(item) > BeaconSignals.COMMON) {
      shard.use(item, d);
      return;
    }
    if (d.destinations == null) {
      d.destinations = new DestinationSlots();
    }
    DestinationSlots slots = d.destinations;
    // One slot per destination and service port: a C2 server's DNS tunnel is not its HTTPS beacon, and mixing their
    // connections would hide the beacon's rhythm.
    int slot = slots.observe(BeaconSignals.key(item, port, BeaconSignals.Direction.OUTBOUND), destination, endpoint,
        c.ts(), sent, BeaconSignals.opens(c), c.uid());
    slots.received(slot, c.respBytes());
    if (slots.connections(slot) == 1) {
      // A new slot: keep the shard's shared copy of the name rather than this record's.
      slots.rename(slot, shard.canonical(destination));
    }
    shard.use(item, d);
    // Data taken out goes one way: a call or a shared session (video, remote desktop, a game) that received half as
    // much as it sent or more is an exchange, judged again when later connections tip it towards sending.
    if (slots.bytes(slot) >= RARE_DATA && slots.received(slot) < slots.bytes(slot) / 2 && shard.wants("data_out")
        && slots.report(slot, 1)) {
      Signal s = new Signal("data_out", c.ts(), d.id, destination).uid(c.uid())
          .with("bytes", slots.bytes(slot)).with("mib", slots.bytes(slot) / MIB)
          .with("connections", slots.connections(slot)).entity("destination", destination)
          .evidence("volume", slots.bytes(slot) / MIB + " MiB sent to " + destination + " in "
              + slots.connections(slot) + " connections, " + slots.received(slot) / MIB + " MiB received",
              slots.bytes(slot));
      shard.defer(s, d, item);
    }
    double regularity = slots.intervalRegularity(slot);
    if (port != 53 && port != 853 && port != 123) {
      // A device's lookups are judged by their names (NameSignals), not as calls to its resolver; time sync is
      // periodic by design.
      shard.beacons().judge(d, slots, slot, destination, item, c.ts(), c.uid(), BeaconSignals.Direction.OUTBOUND);
    }
    if (!wellKnown && "tcp".equalsIgnoreCase(c.proto()) && shard.wants("rare_port")) {
      sessionOnUnusualPort(c, d, slot, destination, item, regularity);
    }
  }

  /**
   * Follows the device's run of hours that each sent far more outside than usual for the hour, and signals a run of
   * {@value #RUN_HOURS} hours or more that sent {@value #RUN_MIB} MiB or more, at least four times what came back: slow exfiltration
   * to many destinations, each ordinary on its own. A video call receives as much as it sends; a nightly backup is
   * the usual for its hours.
   */
  private void uploadRun(ConnEvent c, DeviceState d, long hourSent, long hour, String destination) {
    if (d.uploads == null) {
      d.uploads = new UploadRun();
    }
    UploadRun run = d.uploads;
    run.add(hour, c.origBytes(), c.respBytes());
    if (hourSent >= UNUSUAL_HOUR) {
      double typical = d.externalOut.typical(c.ts(), shard.week(d, c.id().origHost()));
      if (typical < 0 || hourSent >= 10 * Math.max(typical, MIB)) {
        run.unusual();
      }
    }
    long sent = run.sent();
    if (run.hours() >= RUN_HOURS && sent >= RUN_MIB * MIB && sent >= 4 * run.received() && shard.wants("upload_run")
        && run.report()) {
      Signal s = new Signal("upload_run", c.ts(), d.id, destination).uid(c.uid())
          .with("bytes", sent).with("mib", sent / MIB).with("hours", run.hours())
          .with("received_mib", run.received() / MIB).entity("destination", destination)
          .evidence("volume", String.format(Locale.ROOT,
              "sent %d MiB outside the network in %d consecutive hours, each far above its usual for the hour, "
                  + "and received %d MiB; last to %s", sent / MIB, run.hours(), run.received() / MIB, destination),
              sent);
      shard.emit(s, d);
    }
  }

  /**
   * Web, mail, DNS and time ports: every network's traffic to the outside, so never unusual, and not worth counting
   * per device on most connections. Everything else (8443 included) is judged by how many devices use it.
   */
  private static boolean wellKnownPort(int port) {
    return switch (port) {
      case 80, 443, 53, 853, 123, 25, 465, 587, 110, 995, 143, 993 -> true;
      default -> false;
    };
  }

  /** True for IPv4 multicast (224/4) and limited broadcast, and IPv6 multicast (ff00::/8). */
  static boolean groupAddress(String address) {
    if (address.indexOf(':') >= 0) {
      return address.length() > 2 && (address.charAt(0) == 'f' || address.charAt(0) == 'F')
          && (address.charAt(1) == 'f' || address.charAt(1) == 'F');
    }
    int dot = address.indexOf('.');
    if (dot <= 0 || dot > 3) {
      return false;
    }
    int first = 0;
    for (int i = 0; i < dot; i++) {
      char ch = address.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
      first = first * 10 + (ch - '0');
    }
    return first >= 224 && first <= 239 || address.equals("255.255.255.255");
  }

  /**
   * A TCP port above the system ports and below the dynamic range: where a listener an attacker starts on an internal
   * foothold (4444, 4433, 8443, 1337) sits, and where agents and consoles of routine software sit too, which the
   * network's own use of the port tells apart.
   */
  private static boolean unusualInternalPort(ConnEvent c) {
    int port = c.id().respPort();
    return port >= 1024 && port < 49152 && "tcp".equalsIgnoreCase(c.proto());
  }

  /** True when the connection lasted {@code seconds} or more and carried more than keep-alives. */
  private static boolean held(ConnEvent c, double seconds) {
    if (Double.isNaN(c.duration()) || c.duration() < seconds) {
      return false;
    }
    long bytes = Math.max(0, c.origBytes()) + Math.max(0, c.respBytes());
    return bytes >= IDLE_BYTES_PER_MINUTE * c.duration() / 60;
  }

  /** The network-wide item counting the devices that use one internal service (a device and port). */
  private static long serviceItem(long service) {
    return Fingerprint.mix(Fingerprint.of("isvc") * 31 + service);
  }

  /** The network-wide item counting the internal devices that serve TCP port {@code port}. */
  static long servedPortItem(int port) {
    return Fingerprint.mix(Fingerprint.of("iport") * 31 + port);
  }

  /**
   * Counts the device as a user of the internal service, and signals a session it holds on a service it first used
   * today (two minutes or more, carrying data), with whether the session brought in a payload ({@value #STAGE_BYTES}
   * bytes or more): a reverse shell or C2 channel staged on an internal foothold. Whether other devices use the
   * service, and how many devices serve its port, is judged at the epoch's end.
   */
  private void internalSession(ConnEvent c, RoutedEvent r, DeviceState d, long service) {
    long item = serviceItem(service);
    shard.use(item, d);
    if (!held(c, HELD_INTERNAL_S) || d.seen.firstDay(service) < DeviceShard.day(c.ts())
        || !shard.wants("internal_session")) {
      return;
    }
    boolean payload = c.respBytes() >= STAGE_BYTES;
    int port = c.id().respPort();
    Signal s = new Signal("internal_session", c.ts(), d.id, r.resp()).uid(c.uid())
        .with("port", port).with("label", Integer.toString(port)).with("payload", payload)
        .with("duration_s", Math.round(c.duration())).with("kib_in", Math.max(0, c.respBytes()) >> 10)
        .evidence("session", String.format(Locale.ROOT,
            "one connection to %s:%d lasted %.0f s (%d KiB out, %d KiB in), on a service it first used today",
            c.id().respHost(), port, c.duration(), Math.max(0, c.origBytes()) >> 10,
            Math.max(0, c.respBytes()) >> 10), c.duration());
    shard.defer(s, d, item);
  }

  /** At the epoch's end: how many other internal devices serve the signal's port. */
  void servedPortRarity(Signal s) {
    if (s.get("port") instanceof Integer port) {
      int others = Math.max(0, shard.view.devices(servedPortItem(port)) - 1);
      s.with("port_servers", others)
          .evidence("port", "port " + port + " is served by " + others + " other internal devices", others);
    }
  }

  /** The network-wide item counting the devices that reach outside the network on {@code port}. */
  static long portItem(int port) {
    return Fingerprint.mix(Fingerprint.of("xport") * 31 + port);
  }

  /**
   * Signals a rare destination kept on a port that is not the web's: a TCP session that lasts, or connections that
   * come back at a steady pace (a reverse shell, a C2 channel on its own port). Once per destination slot. TCP only:
   * UDP and ICMP to the outside are mostly discovery and multicast (SSDP, mDNS, router solicitations).
   */
  private void sessionOnUnusualPort(ConnEvent c, DeviceState d, int slot, String destination, long item,
      double regularity) {
    DestinationSlots slots = d.destinations;
    boolean longLived = held(c, LONG_SESSION_S);
    boolean regular = slots.intervals(slot) >= 5 && regularity >= 0.7 && slots.meanInterval(slot) >= 5_000_000;
    if (!(longLived || regular) || !slots.report(slot, 4)) {
      return;
    }
    int port = c.id().respPort();
    String target = destination + ":" + port;
    String how = longLived ? String.format(Locale.ROOT, "%.0f-minute", c.duration() / 60) : "regular";
    String session = longLived
        ? String.format(Locale.ROOT, "one connection to %s lasted %.0f minutes (%d KiB out, %d KiB in)", target,
            c.duration() / 60, Math.max(0, c.origBytes()) >> 10, Math.max(0, c.respBytes()) >> 10)
        : String.format(Locale.ROOT, "%d connections to %s with interval regularity %.2f", slots.connections(slot),
            target, regularity);
    Signal s = new Signal("rare_port", c.ts(), d.id, destination).uid(c.uid())
        .with("port", port).with("label", Integer.toString(port))
        .with("long_lived", longLived).with("regular", regular)
        .with("duration_s", Double.isNaN(c.duration()) ? 0L : Math.round(c.duration()))
        .with("regularity", Math.round(regularity * 100) / 100.0)
        .with("connections", slots.connections(slot)).with("how", how)
        .entity("destination", destination)
        .evidence("session", session, longLived ? c.duration() : regularity);
    shard.defer(s, d, item);
  }

  /** At the epoch's end: how many other devices reach outside the network on the signal's port. */
  void portRarity(Signal s) {
    if (s.get("port") instanceof Integer port) {
      int others = Math.max(0, shard.view.devices(portItem(port)) - 1);
      s.with("port_devices", others)
          .evidence("port", "port " + port + " is used to reach outside the network by " + others
              + " other devices", others);
    }
  }

  private void scan(ConnEvent c, DeviceState d) {
    long target = Fingerprint.mix(Fingerprint.of(c.id().respHost()) * 31 + c.id().respPort());
    if (d.bursts().distinct(Bursts.Kind.PORT_TARGETS, 0, target, c.ts(), SCAN_TARGETS) > 0
        && shard.wants("port_scan")) {
      shard.hold(new Signal("port_scan", c.ts(), d.id, null).uid(c.uid()));
    }
  }

  /** At the end of a port scan: its size. */
  void portScan(Signal s, int targets) {
    s.with("targets", targets).evidence("scan", "about " + targets + " distinct address:port targets refused or"
        + " unanswered within 10 minutes", targets);
  }

  /**
   * A port probe: refused, reset or unanswered, or answered and then reset by the originator before any data (nmap's
   * SYN scan, history like ShR or ShAR).
   */
  private static boolean probe(ConnEvent c) {
    String state = c.connState();
    if (state == null) {
      return false;
    }
    if (FAILED.contains(state)) {
      return true;
    }
    String history = c.history();
    return state.equals("RSTO") && history != null && history.indexOf('D') < 0 && history.indexOf('d') < 0
        && c.origBytes() <= 0 && c.respBytes() <= 0;
  }

  /** Counts the distinct ports of one host probed within a minute; signals a vertical scan when there are many. */
  private void verticalScan(ConnEvent c, DeviceState d, String peer) {
    long host = Fingerprint.of(c.id().respHost());
    if (d.bursts().distinct(Bursts.Kind.HOST_PORTS, host, Fingerprint.mix(c.id().respPort()), c.ts(),
        VERTICAL_PORTS) > 0 && shard.wants("vertical_scan")) {
      shard.hold(new Signal("vertical_scan", c.ts(), d.id, peer).uid(c.uid()));
    }
  }

  /** At the end of a vertical scan: its size. */
  void verticalScan(Signal s, int ports) {
    s.with("ports", ports).evidence("scan", "about " + ports + " distinct ports of " + s.peer()
        + " refused, reset or unanswered within a minute", ports);
  }

  /** Counts one login attempt on a target; signals brute force when one target gets many in ten minutes. */
  void attempt(DeviceState d, String target, int port, String what, long ts, String uid) {
    long t = Fingerprint.mix(Fingerprint.of(target) * 31 + port);
    if (t != d.bruteTarget || ts - d.bruteStart > SCAN_WINDOW) {
      d.bruteTarget = t;
      d.bruteStart = ts;
      d.bruteCount = 0;
      d.bruteReported = false;
    }
    d.bruteCount++;
    if (d.bruteCount >= BRUTE_ATTEMPTS && !d.bruteReported && shard.wants("brute_force")) {
      d.bruteReported = true;
      Signal s = new Signal("brute_force", ts, d.id, target).uid(uid).with("attempts", d.bruteCount)
          .with("port", port).with("method", what)
          .evidence("attempts", d.bruteCount + " failed or short login attempts (" + what + ") to " + target
              + " within 10 minutes", d.bruteCount);
      shard.emit(s, d);
    }
  }

  private void serve(ConnEvent c, RoutedEvent r) {
    DeviceState server = shard.device(r.resp(), c.ts());
    long client = r.orig() != null ? r.origFingerprint() : Fingerprint.of(c.id().origHost());
    int port = c.id().respPort();
    switch (port) {
      case 88 -> server.kerberosClients = add(server.kerberosClients, client);
      case 389, 636, 3268, 3269 -> server.ldapClients = add(server.ldapClients, client);
      case 139, 445 -> server.smbClients = add(server.smbClients, client);
      case 3128, 8080, 8118 -> server.proxyClients = add(server.proxyClients, client);
      default -> { }
    }
    if (port > 0 && port < 49152) {
      server.anyClients = add(server.anyClients, client);
    }
    if (unusualInternalPort(c)) {
      shard.use(servedPortItem(port), server);
    }
  }

  private static DistinctCounter add(DistinctCounter c, long client) {
    DistinctCounter counter = c == null ? new DistinctCounter() : c;
    counter.add(client);
    return counter;
  }
}
