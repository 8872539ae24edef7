package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.lanternfish.event.SslEvent;
import org.junit.jupiter.api.Test;

/** HTTPS beaconing from a busy resolver: the beacon stays one destination even when its name is long forgotten. */
final class BeaconTest {

  private static final String BEACON = "Compromise / Beaconing to Rare Destination";
  private static final String C2 = "203.0.113.50";

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

  @Test
  void httpsBeacon_fromBusyResolver_breachesOnce() {
    assertThat(beacons(beaconFromResolver(C2, 20))).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.DC1);
      assertThat(b.peerValue()).isEqualTo("c2-example.net");
    });
  }

  @Test
  void dnsToTheSameServer_doesNotJoinTheHttpsBeacon() {
    Traffic t = beaconFromResolver(C2, 12);
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
}
