package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.junit.jupiter.api.Test;

/**
 * A reverse shell (Meterpreter-style) holds a session, or keeps calling back, to a rare address on a port nobody
 * uses: it breaches. The same behaviour on the web's ports, or on a port many devices use, stays quiet.
 */
final class RarePortTest {

  private static final String RARE_PORT = "Compromise / Connection to Rare Destination on Unusual Port";
  private static final String C2 = "198.51.100.77";

  /** Three days of office life in which eight clients keep long sessions to their own push servers on 5228. */
  private static Traffic officeWithPushClients() {
    Traffic t = new Traffic();
    for (int day = 0; day < 4; day++) {
      Office.life(t, day, 1);
      for (int i = 1; i <= 8; i++) {
        t.session(Traffic.at(day, 17, i), Office.client(i), "74.125.0." + i, 5228, 3000, 40_000, 90_000);
      }
    }
    return t;
  }

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(RARE_PORT)).toList();
  }

  @Test
  void reverseShellSession_toRareAddressOnUnusualPort_breaches() {
    Traffic t = officeWithPushClients();
    long ts = Traffic.at(4, 10, 0);
    t.session(ts, Office.client(4), C2, 4444, 3, 400, 750_000);
    String shell = t.session(ts + 5 * Traffic.SECOND, Office.client(4), C2, 4444, 2400, 900_000, 60_000);
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(b.peerValue()).isEqualTo(C2);
      assertThat(b.recordUids()).containsExactly(shell);
      assertThat(b.score()).isGreaterThanOrEqualTo(70);
      assertThat(b.techniques()).contains("T1571");
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("port 4444").contains("0 other"));
    });
  }

  @Test
  void aThresholdAboveTheBreachesScore_keepsItFromBeingRaised_andOneAtItsScoreDoesNot() {
    Traffic t = officeWithPushClients();
    long ts = Traffic.at(4, 10, 0);
    t.session(ts, Office.client(4), C2, 4444, 3, 400, 750_000);
    t.session(ts + 5 * Traffic.SECOND, Office.client(4), C2, 4444, 2400, 900_000, 60_000);
    int score = fired(t).getFirst().score();
    for (int threshold : new int[] {score + 1, score}) {
      DetectConfig config = Office.config();
      assertThat(config.catalogue().setThreshold(RARE_PORT, threshold)).isTrue();
      EmbeddedDetector detector = new EmbeddedDetector(config, 1);
      List<Breach> out = new java.util.ArrayList<>();
      t.events.forEach(e -> out.addAll(detector.onEvent(e)));
      out.addAll(detector.flush());
      assertThat(out.stream().filter(b -> b.model().equals(RARE_PORT))).as("threshold %d", threshold)
          .hasSize(threshold > score ? 0 : 1);
    }
  }

  @Test
  void regularCallbacks_onUnusualPort_breach() {
    Traffic t = officeWithPushClients();
    for (int i = 0; i < 12; i++) {
      long ts = Traffic.at(4, 10, 0) + i * 90 * Traffic.SECOND + (i % 3) * 2 * Traffic.SECOND;
      t.session(ts, Office.client(6), C2, 8081, 0.4, 300, 1200);
    }
    assertThat(fired(t)).singleElement().satisfies(b -> assertThat(b.score()).isGreaterThanOrEqualTo(65));
  }

  @Test
  void pushChannelHeldOpenWithKeepAlivesOnly_staysQuiet() {
    Traffic t = officeWithPushClients();
    // An antivirus console's MQTT over TLS: six hours, a few KiB of keep-alives each way.
    t.session(Traffic.at(4, 10, 0), Office.client(4), C2, 8883, 6 * 3600, 2_300, 2_100);
    assertThat(fired(t)).isEmpty();
    t.session(Traffic.at(4, 17, 0), Office.client(4), C2, 8883, 1800, 97_000, 2_000);
    assertThat(fired(t)).as("the same channel once it carries a shell's traffic").hasSize(1);
  }

  @Test
  void longHttpsSession_toRareSite_staysQuiet() {
    Traffic t = officeWithPushClients();
    t.session(Traffic.at(4, 10, 0), Office.client(4), C2, 443, 2400, 900_000, 60_000);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void longSession_onAPortManyDevicesUse_staysQuiet() {
    Traffic t = officeWithPushClients();
    t.session(Traffic.at(4, 10, 0), Office.client(12), "74.125.9.9", 5228, 2400, 40_000, 90_000);
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void multicastDiscovery_isNoDestination() {
    Traffic t = officeWithPushClients();
    for (int i = 0; i < 12; i++) {
      t.session(Traffic.at(4, 10, 0) + i * 120 * Traffic.SECOND, Office.client(6), "239.255.255.250", 1900, 0.1,
          200, 0);
    }
    List<Breach> all = Office.detect(t.events);
    assertThat(all).noneSatisfy(b -> assertThat(b.peerValue()).isEqualTo("239.255.255.250"));
    assertThat(ConnectionSignals.groupAddress("ff02::16")).isTrue();
    assertThat(ConnectionSignals.groupAddress("255.255.255.255")).isTrue();
    assertThat(ConnectionSignals.groupAddress("223.5.5.5")).isFalse();
    assertThat(ConnectionSignals.groupAddress("fe80::1")).isFalse();
  }
}
