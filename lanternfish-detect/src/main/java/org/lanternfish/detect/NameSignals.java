package org.lanternfish.detect;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lanternfish.baseline.DnsSlots;
import org.lanternfish.baseline.FailedLookups;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.model.Signal;

/**
 * Learns from names: DNS queries (tunnelling by unique subdomains, TXT share and entropy), TLS server names and HTTP
 * hosts (which name the external addresses a device talks to), user agents to internal servers, watch-list matches,
 * and Suricata alerts as integration signals whose pattern per device is learned like any other behaviour.
 */
final class NameSignals {

  /** Releases a browser may skip between two of a device's sightings and still be read as updated. */
  private static final int UPDATE_RELEASES = 4;

  private static final int TUNNEL_NAMES = 30;
  /** Unique names from which the window's 128-bit counter is too full to tell a repeated name. */
  private static final int SATURATED_NAMES = 48;
  /** Length and entropy (bits per character) from which a name's first label looks encoded (hex is 3 to 4). */
  private static final int ENCODED_LABEL = 8;
  private static final double ENCODED_ENTROPY = 2.5;

  private static final long NXDOMAIN = 3;
  /** Different nonexistent domains within ten minutes, and their mean name entropy, that make a DGA. */
  private static final int DGA_DOMAINS = 20;
  private static final double DGA_ENTROPY = 3.0;

  /** Agents whose older releases' fingerprints the shard keeps (a power of two), by hash. */
  private static final int RELEASE_PROBES = 256;

  private final DeviceShard shard;
  private final String[] probedAgents = new String[RELEASE_PROBES];
  private final long[][] probes = new long[RELEASE_PROBES][];

  NameSignals(DeviceShard shard) {
    this.shard = shard;
  }

  void on(DnsEvent q, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || q.query() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), q.ts());
    String query = q.query();
    String registered = shard.canonical(Domains.registered(query));
    if (q.answers() != null && registered != null) {
      List<String> answers = q.answers();
      for (int i = 0; i < Math.min(2, answers.size()); i++) {
        d.nameAddress(answers.get(i), registered);
      }
    }
    if (shard.config.watchList().match(query) != null) {
      ioc(shard, d, query, "domain", q.ts(), q.uid());
    }
    if (q.rcode() == NXDOMAIN && registered != null && q.ts() != Long.MIN_VALUE) {
      failedLookup(q, d, registered);
    }
    if (registered == null || query.length() <= registered.length() + 1 || q.ts() == Long.MIN_VALUE) {
      return;
    }
    long item = Fingerprint.of("dst", registered);
    if (d.dns == null) {
      d.dns = new DnsSlots();
    }
    int slot = d.dns.observe(item, registered, query, query.length() - registered.length() - 1, q.qtype() == 16,
        q.ts());
    if ((d.dns.lastWasNew() || d.dns.uniqueNames(slot) >= SATURATED_NAMES) && encodedLabel(query)) {
      // A DNS channel asks for a new, encoded name on every call: a cache asking again for the same names never
      // counts, and a resolver's one-off lookups for its clients (www, api, cdn) do not crowd it out of its slots.
      // Once a tunnel through the same domain has filled the window's 128 bits, every name counts as new.
      shard.beacons().newName(d, query, registered, item, q.ts(), q.uid());
    }
    if (d.dns.uniqueNames(slot) >= TUNNEL_NAMES && shard.wants("dns_tunnel") && d.dns.report(slot)) {
      Signal s = new Signal("dns_tunnel", q.ts(), d.id, registered).uid(q.uid())
          .entity("domain", registered)
          .with("unique_subdomains", d.dns.uniqueNames(slot))
          .with("queries", d.dns.queries(slot))
          .with("txt_ratio", d.dns.txtRatio(slot))
          .with("entropy", d.dns.meanEntropy(slot))
          .evidence("dns", String.format(java.util.Locale.ROOT,
              "%d unique subdomains of %s in %d queries within an hour, %.0f%% TXT, entropy %.1f bits/char",
              d.dns.uniqueNames(slot), registered, d.dns.queries(slot), 100 * d.dns.txtRatio(slot),
              d.dns.meanEntropy(slot)), d.dns.uniqueNames(slot));
      shard.defer(s, d, item);
    }
  }

  /** True when the name's first label looks like encoded data or an identifier: long and of high entropy. */
  static boolean encodedLabel(String name) {
    int dot = name.indexOf('.');
    return dot >= ENCODED_LABEL && DnsSlots.entropy(name.substring(0, dot)) >= ENCODED_ENTROPY;
  }

  /** Many different, random-looking domains that do not exist, within minutes: a domain generation algorithm. */
  private void failedLookup(DnsEvent q, DeviceState d, String registered) {
    if (d.failedLookups == null) {
      d.failedLookups = new FailedLookups();
    }
    FailedLookups failed = d.failedLookups;
    failed.observe(registered, q.ts());
    if (failed.domains() >= DGA_DOMAINS && failed.meanEntropy() >= DGA_ENTROPY && shard.wants("dga")
        && failed.report()) {
      Signal s = new Signal("dga", q.ts(), d.id, null).uid(q.uid())
          .entity("domain", registered)
          .with("failed_domains", failed.domains())
          .with("entropy", Math.round(failed.meanEntropy() * 10) / 10.0)
          .with("examples", failed.examples())
          .evidence("dns", String.format(java.util.Locale.ROOT,
              "%d different domains that do not exist looked up within 10 minutes (names of %.1f bits/char"
                  + " entropy), such as %s", failed.domains(), failed.meanEntropy(), failed.examples()),
              failed.domains());
      shard.emit(s, d);
    }
  }

  void on(SslEvent s, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || s.serverName() == null || s.id() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), s.ts());
    if (r.resp() == null) {
      d.nameAddress(s.id().respHost(), shard.canonical(Domains.registered(s.serverName())));
    }
    if (shard.config.watchList().match(s.serverName()) != null) {
      ioc(shard, d, s.serverName(), "domain", s.ts(), s.uid());
    }
  }

  void on(HttpEvent h, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || h.id() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), h.ts());
    String registered = r.resp() != null || h.host() == null ? null : shard.canonical(Domains.registered(h.host()));
    shard.beacons().request(h, d, r.resp() != null ? r.resp() : registered != null ? registered : h.id().respHost());
    if (r.resp() == null) {
      if (h.host() != null) {
        d.nameAddress(h.id().respHost(), registered);
        if (shard.config.watchList().match(h.host()) != null) {
          ioc(shard, d, h.host(), "domain", h.ts(), h.uid());
        }
      }
      return;
    }
    if (h.userAgent() == null || h.userAgent().isEmpty()) {
      return;
    }
    long item = Fingerprint.of("ua", h.userAgent(), r.resp());
    int day = DeviceShard.day(h.ts());
    // The agent with any server: a device that already speaks with this agent elsewhere has updated its software,
    // it has not brought in a new tool.
    int elsewhere = d.seen.observe(Fingerprint.of("ua-any", h.userAgent()), day);
    int before = d.seen.observe(item, day);
    // A browser that updated itself speaks with a version no device used yet: software the device already used with
    // servers at a slightly older version is no new tool.
    if (before > 0 || updated(d, h.userAgent()) || !shard.wants("user_agent")) {
      shard.use(item, d);
      return;
    }
    Signal s = new Signal("user_agent", h.ts(), d.id, r.resp()).uid(h.uid())
        .entity("user_agent", h.userAgent())
        .with("new_for_device", elsewhere == 0)
        .with("method", h.method())
        .with("uri", h.uri())
        .evidence("first-seen", "first time " + d.id + " used user agent '" + h.userAgent() + "' to " + r.resp()
            + (elsewhere == 0 ? ", and with any server" : "; it used it " + (elsewhere == 1 ? "once" : elsewhere + " times") + " with other servers"),
            elsewhere);
    shard.defer(s, d, item);
  }

  /**
   * True when the device used {@code agent} with internal servers at an older version: the same text with one of its
   * version numbers (each place it appears, as Firefox repeats it in {@code rv:}) a few releases lower. An old
   * browser's agent on a device that runs a newer one is not an update.
   */
  boolean updated(DeviceState d, String agent) {
    for (long older : olderReleases(agent)) {
      if (d.seen.count(older) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The "ua-any" fingerprints of {@code agent}'s older releases, in the order {@link #updated} tries them. They depend
   * on the text alone and a browser's agent is checked at each server it meets first, so the shard keeps them for
   * recent agents: building and hashing the two dozen candidate texts of a Chrome agent at every check took 9.5% of
   * detection's CPU time on bench detect's simulated day (async-profiler).
   */
  private long[] olderReleases(String agent) {
    int slot = agent.hashCode() & (RELEASE_PROBES - 1);
    if (!agent.equals(probedAgents[slot])) {
      probedAgents[slot] = agent;
      probes[slot] = olderReleaseFingerprints(agent);
    }
    return probes[slot];
  }

  private static long[] olderReleaseFingerprints(String agent) {
    Set<String> tried = new HashSet<>();
    long[] found = new long[8];
    int n = 0;
    for (int start = nextDigit(agent, 0); start < agent.length(); start = nextDigit(agent, start)) {
      int end = start;
      while (end < agent.length() && isDigit(agent.charAt(end))) {
        end++;
      }
      String version = agent.substring(start, end);
      start = end;
      if (version.length() > 6 || !tried.add(version)) {
        continue;
      }
      int value = Integer.parseInt(version);
      for (int older = value - 1; older >= Math.max(0, value - UPDATE_RELEASES); older--) {
        if (n == found.length) {
          found = Arrays.copyOf(found, 2 * n);
        }
        found[n++] = Fingerprint.of("ua-any", withNumber(agent, version, Integer.toString(older)));
      }
    }
    return Arrays.copyOf(found, n);
  }

  /**
   * {@code agent} with every whole number equal to {@code version} (a run of digits, not part of a longer one) written
   * as {@code older}.
   */
  private static String withNumber(String agent, String version, String older) {
    StringBuilder text = new StringBuilder(agent.length());
    int copied = 0;
    for (int start = nextDigit(agent, 0); start < agent.length(); start = nextDigit(agent, start)) {
      int end = start;
      while (end < agent.length() && isDigit(agent.charAt(end))) {
        end++;
      }
      if (end - start == version.length() && agent.startsWith(version, start)) {
        text.append(agent, copied, start).append(older);
        copied = end;
      }
      start = end;
    }
    return text.append(agent, copied, agent.length()).toString();
  }

  private static int nextDigit(String text, int from) {
    int i = from;
    while (i < text.length() && !isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  void on(AlertEvent a, RoutedEvent r) {
    boolean orig = r.forOrig() && r.orig() != null;
    String device = orig ? r.orig() : r.forResp() ? r.resp() : null;
    if (device == null || a.signature() == null || !shard.wants("alert")) {
      return;
    }
    DeviceState d = shard.device(device, a.ts());
    String other = a.id() == null ? null : orig ? a.id().respHost() : a.id().origHost();
    int before = d.seen.observe(Fingerprint.of("alert", Long.toString(a.signatureId()), a.signature()),
        DeviceShard.day(a.ts()));
    Signal s = new Signal("alert", a.ts(), d.id, other).uid(a.uid())
        .with("signature", a.signature()).with("signature_id", a.signatureId())
        .with("severity", a.severity()).with("alert_category", a.category())
        .with("new_for_device", before == 0).with("times_seen", before)
        .with("as_source", orig)
        .evidence(before == 0 ? "first-seen" : "frequency", before == 0
            ? "first time " + d.id + " raised Suricata signature " + a.signatureId()
            : "signature seen on " + d.id + " " + before + " times before", before);
    shard.emit(s, d);
  }

  /** Signals a watch-list match on the device. */
  static void ioc(DeviceShard shard, DeviceState d, String indicator, String type, long ts, String uid) {
    if (!shard.wants("ioc")) {
      return;
    }
    String description = shard.config.watchList().match(indicator);
    Signal s = new Signal("ioc", ts, d.id, indicator).uid(uid)
        .entity(type.equals("ip") ? "destination" : "domain", indicator)
        .with("indicator", indicator).with("indicator_type", type).with("list", description)
        .evidence("ioc", indicator + " is on the watch list (" + description + ")", 1);
    shard.emit(s, d);
  }
}
