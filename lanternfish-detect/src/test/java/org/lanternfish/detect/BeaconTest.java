package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.lanternfish.event.SslEvent;
import org.junit.jupiter.api.Test;

/**
 * Beaconing in every direction a command channel takes (a device calling out over HTTPS, an outside host polling a
 * server over HTTP, a device asking for new names under a domain), jittered by up to +-50%, beside routines that look
 * alike and must stay quiet: a push channel's keep-alives, a resolver's cache, time sync, a monitoring service that
 * polls every server, an update service the whole office uses.
 */
final class BeaconTest {

  private static final String BEACON = "Compromise / Beaconing to Rare Destination";
  private static final String C2 = "203.0.113.50";
  private static final String POLLER = "73.54.23.243";

  /** DC1 forwards lookups for the office between beacons, so names learned from DNS churn quickly. */
  private static Traffic beaconFromResolver(String destination, int beacons) {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    long ts = Traffic.at(3, 10, 0);
    t.dns(ts, Office.DC1, "8.8.8.8", "update.c2-example.net", 1, List.of(destination));
    for (int i = 0; i < beacons; i++) {
      long at = ts + 2 * Traffic.SECOND + i * 5 * Traffic.MINUTE + (i % 3) * 10 * Traffic.SECOND;
      String uid = t.conn(at, Office.DC1, destination, 443, "ssl", 1200, 3000, "SF");
      t.ssl(at, uid, Office.DC1, destination, "update.c2-example.net");
      for (int k = 0; k < 8; k++) {
        t.dns(at + (k + 1) * 20 * Traffic.SECOND, Office.DC1, "8.8.8.8", "host" + k + ".site" + i + ".example", 1,
            List.of("198.51.100." + (i * 8 + k) % 250));
      }
    }
    return t;
  }

  private static List<Breach> beacons(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(BEACON)).toList();
  }

  /** The gap before the next call of a {@code period}-second beacon with +-{@code jitter} of it. */
  private static long gap(Random random, int period, double jitter) {
    return (long) (period * (1 + jitter * (2 * random.nextDouble() - 1)) * Traffic.SECOND);
  }

  @Test
  void httpsBeacon_fromBusyResolver_breachesOnce() {
    assertThat(beacons(beaconFromResolver(C2, 20))).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.DC1);
      assertThat(b.peerValue()).isEqualTo("c2-example.net");
    });
  }

  @Test
  void dnsToTheSameServer_doesNotJoinTheHttpsBeacon() {
    Traffic t = beaconFromResolver(C2, 14);
    List<String> https = t.events.stream().filter(e -> e instanceof SslEvent).map(Event::uid).toList();
    long at = Traffic.at(3, 10, 31);
    for (int i = 0; i < 40; i++) {
      // Tunnelled DNS to the same server, at irregular gaps: were it counted with the beacon, it would break it.
      at += (2 + (i * i) % 29) * Traffic.SECOND;
      t.conn(at, Office.DC1, C2, 53, "dns", 60, 120, "SF");
    }
    assertThat(beacons(t)).singleElement()
        .satisfies(b -> assertThat(b.recordUids()).isNotEmpty().allMatch(https::contains));
  }

  @Test
  void fewConnections_areNoBeacon() {
    assertThat(beacons(beaconFromResolver(C2, 5))).isEmpty();
  }

  @Test
  void httpsBeacon_withFiftyPercentJitter_breachesCitingItsOwnConnections() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    Random random = new Random(11);
    List<String> calls = new ArrayList<>();
    long at = Traffic.at(3, 9, 0);
    for (int i = 0; i < 30; i++) {
      String uid = t.conn(at, Office.client(4), C2, 443, "ssl", 900 + random.nextInt(600), 2000, "SF");
      t.ssl(at, uid, Office.client(4), C2, "cdn.jitter-c2.example");
      calls.add(uid);
      at += gap(random, 240, 0.5);
    }
    assertThat(beacons(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(b.peerValue()).isEqualTo("jitter-c2.example");
      assertThat(b.recordUids()).hasSizeGreaterThan(1).allMatch(calls::contains);
    });
  }

  @Test
  void httpPoll_fromAnInternetHostToAServer_breachesAmidScanners() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    Random random = new Random(5);
    List<String> polls = new ArrayList<>();
    long at = Traffic.at(3, 0, 0);
    for (int i = 0; i < 40; i++) {
      // A web shell's operator polls the intranet server every 200-350 s; bots and scanners call in between.
      polls.add(t.conn(at, POLLER, Office.INTRANET, 80, "http", 250, 800, "SF"));
      for (int k = 0; k < 25; k++) {
        t.conn(at + (k + 1) * 7 * Traffic.SECOND, "198.18." + random.nextInt(200) + "." + random.nextInt(250),
            Office.INTRANET, 80, "http", 300, 600, "SF");
      }
      at += (200 + random.nextInt(151)) * Traffic.SECOND;
    }
    assertThat(beacons(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.INTRANET);
      assertThat(b.peerValue()).isEqualTo(POLLER);
      assertThat(b.explanation()).contains("is polled by");
      assertThat(b.recordUids()).isNotEmpty().allMatch(polls::contains);
    });
  }

  @Test
  void monitoringThatPollsEveryServer_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    String[] servers = {Office.INTRANET, Office.FS, Office.DC1, Office.DC2};
    for (int i = 0; i < 60; i++) {
      for (int server = 0; server < servers.length; server++) {
        for (int probe = 0; probe < 3; probe++) {
          // Three probe sites of an uptime service check every server of the network every five minutes.
          t.conn(Traffic.at(3, 6, 0) + i * 5 * Traffic.MINUTE + server * Traffic.SECOND, "192.0.2." + (10 + probe),
              servers[server], 443, "ssl", 300, 4000, "SF");
        }
      }
    }
    // The same probes also check the clients' remote-access agents, so the whole network knows them.
    for (int i = 1; i <= 12; i++) {
      for (int probe = 0; probe < 3; probe++) {
        t.conn(Traffic.at(3, 5, i), "192.0.2." + (10 + probe), Office.client(i), 443, "ssl", 300, 4000, "SF");
      }
    }
    assertThat(beacons(t)).isEmpty();
  }

  @Test
  void dnsChannel_withFiftyPercentJitter_fromABusyResolver_breachesCitingItsLookups() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    Random random = new Random(9);
    List<String> lookups = new ArrayList<>();
    long at = Traffic.at(3, 9, 0);
    for (int i = 0; i < 30; i++) {
      String label = Long.toHexString(random.nextLong() >>> 20);
      lookups.add(t.dns(at, Office.DC1, "8.8.8.8", label + ".ns.chtq-c2.example", 1,
          List.of("104." + random.nextInt(256) + ".1.1")));
      for (int k = 0; k < 20; k++) {
        // Between the calls, the resolver forwards its clients' lookups for many other uncommon sites.
        String[] host = {"www", "api", "cdn", "static"};
        t.dns(at + (k + 1) * 5 * Traffic.SECOND, Office.DC1, "8.8.8.8", host[k % 4] + ".site" + i + "-" + k + ".example",
            1, List.of("198.51.100." + k));
      }
      at += gap(random, 300, 0.5);
    }
    assertThat(beacons(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.DC1);
      assertThat(b.peerValue()).isEqualTo("ns.chtq-c2.example");
      assertThat(b.recordUids()).isNotEmpty().allMatch(lookups::contains);
    });
  }

  @Test
  void dnsChannel_besideATunnelThroughAnotherZoneOfItsDomain_breaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    Random random = new Random(13);
    List<String> lookups = new ArrayList<>();
    long at = Traffic.at(3, 9, 0);
    for (int i = 0; i < 24; i++) {
      lookups.add(t.dns(at, Office.DC1, "8.8.8.8", Long.toHexString(random.nextLong() >>> 20) + ".ns.chtq-c2.example",
          1, List.of("104.1.1.1")));
      long next = at + gap(random, 300, 0.5);
      for (long q = at + 3 * Traffic.SECOND; q < next; q += (2 + random.nextInt(25)) * Traffic.SECOND) {
        // A tunnel through another zone of the same domain, a name every few seconds.
        t.dns(q, Office.DC1, "203.0.113.9", Long.toHexString(random.nextLong()) + ".t.chtq-c2.example", 16,
            List.of("TXT 40 " + Long.toHexString(random.nextLong())));
      }
      at = next;
    }
    assertThat(beacons(t)).filteredOn(b -> b.peerValue().equals("ns.chtq-c2.example")).singleElement()
        .satisfies(b -> assertThat(b.recordUids()).isNotEmpty().allMatch(lookups::contains));
  }

  @Test
  void aCacheAskingAgainForTheSameNames_staysQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    for (int i = 0; i < 80; i++) {
      // A client re-resolving the two names of a niche service each time their five-minute TTL runs out.
      long at = Traffic.at(3, 8, 0) + i * 5 * Traffic.MINUTE;
      t.dns(at, Office.client(7), Office.DC1, "api.niche-saas.example", 1, List.of("198.51.100.77"));
      t.dns(at + 2 * Traffic.SECOND, Office.client(7), Office.DC1, "cdn.niche-saas.example", 1,
          List.of("198.51.100.78"));
    }
    assertThat(beacons(t)).isEmpty();
  }

  @Test
  void pushChannelKeepAlives_andTimeSync_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    String push = "91.228.167.171";
    t.conn(Traffic.at(3, 0, 0), Office.client(9), push, 8883, null, 1000, 1000, "S1");
    for (int i = 1; i < 200; i++) {
      // An antivirus push channel: one TLS session, whose keep-alive Zeek logs anew every five minutes.
      t.continuation(Traffic.at(3, 0, 0) + i * 301 * Traffic.SECOND, Office.client(9), push, 8883, 31, 31);
      // And a device that keeps its clock by a time server of its own choosing every 64 s.
      t.udp(Traffic.at(3, 0, 0) + i * 64 * Traffic.SECOND, Office.client(10), "162.159.200.123", 123, "ntp", 48,
          48);
    }
    assertThat(beacons(t)).isEmpty();
  }

  /** Request times from {@code start}: {@code n} requests every {@code period} s with up to +-{@code jitter}. */
  private static List<Long> requests(long start, int n, int period, double jitter, Random random) {
    List<Long> times = new ArrayList<>();
    long at = start;
    for (int i = 0; i < n; i++) {
      times.add(at);
      at += gap(random, period, jitter);
    }
    return times;
  }

  @Test
  void requestsOverOneKeptAliveSession_toAnInternalHostNoOneElseUses_breachCitingThatSession() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    String session = t.httpSession(requests(Traffic.at(3, 10, 0), 40, 5, 0.02, new Random(7)), Office.client(4),
        "10.0.5.13", 80, "10.0.5.13", "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 Chrome/41.0.2228.0");

    assertThat(beacons(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(b.recordUids()).containsOnly(session);
      assertThat(b.explanation()).contains("keeps one HTTP session open");
    });
  }

  @Test
  void requestsOverOneKeptAliveSession_toARareSite_withJitter_breach() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    t.httpSession(requests(Traffic.at(3, 10, 0), 30, 60, 0.3, new Random(11)), Office.client(6), C2, 8080,
        "cdn-update.example.org", "Mozilla/5.0");

    assertThat(beacons(t)).singleElement().satisfies(b -> assertThat(b.peerValue()).isEqualTo("example.org"));
  }

  @Test
  void keptAliveSessions_ofAPersonOrToASiteEveryoneUses_areNoBeacon() {
    Traffic t = new Traffic();
    Office.life(t, 0, 3);
    // A dashboard on the intranet, which the whole office uses, refreshing itself every 10 s all morning.
    t.httpSession(requests(Traffic.at(3, 9, 0), 360, 10, 0.01, new Random(3)), Office.client(5), Office.INTRANET,
        80, "intranet.corp.local", Office.BROWSER);
    // A person reading pages of a rare site: gaps of a few seconds to a few minutes, with long tails.
    Random random = new Random(5);
    List<Long> reading = new ArrayList<>();
    long at = Traffic.at(3, 11, 0);
    for (int i = 0; i < 40; i++) {
      reading.add(at);
      at += (long) ((3 + 200 * Math.pow(random.nextDouble(), 3)) * Traffic.SECOND);
    }
    t.httpSession(reading, Office.client(7), "10.0.5.14", 80, "wiki.lab.local", Office.BROWSER);
    // A page and its resources: many requests within a second, once.
    t.httpSession(requests(Traffic.at(3, 12, 0), 30, 0, 0, new Random(1)), Office.client(8), "10.0.5.15", 80,
        "build.lab.local", Office.BROWSER);

    assertThat(beacons(t)).isEmpty();
  }
}
