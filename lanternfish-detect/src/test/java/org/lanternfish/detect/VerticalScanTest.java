package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/**
 * nmap against one host probes dozens of its ports within seconds, far below the 64 address:port targets of a
 * network-wide scan: a vertical scan breaches, whether the ports refuse or answer a SYN the scanner then resets.
 * Clients hammering one server on a few ports, passive FTP data ports that succeed, a monitor checking ten fixed
 * ports of every server, and a laptop whose many connections on 443 fail on wake-up stay quiet.
 */
final class VerticalScanTest {

  private static final String VERTICAL_SCAN = "Device / Vertical Port Scan";
  private static final String PORT_SCAN = "Device / Port Scan";
  private static final int[] PORTS = {21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 199, 443, 445, 587, 993, 995,
      1025, 1720, 1723, 3306, 3389, 5900, 8080, 8443, 8888, 554, 113, 256, 1433};

  private static Traffic office() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    return t;
  }

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream()
        .filter(b -> b.model().equals(VERTICAL_SCAN) || b.model().equals(PORT_SCAN)).toList();
  }

  @Test
  void thirtyPortsOfOneInternalServer_refusedWithinSeconds_breaches() {
    Traffic t = office();
    List<String> probes = new java.util.ArrayList<>();
    for (int i = 0; i < PORTS.length; i++) {
      probes.add(t.probe(Traffic.at(4, 11, 0) + i * 100_000L, Office.client(7), Office.INTRANET, PORTS[i], "REJ",
          "Sr"));
    }
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.model()).isEqualTo(VERTICAL_SCAN);
      assertThat(b.device()).isEqualTo(Office.client(7));
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.techniques()).contains("T1046");
      assertThat(b.recordUids()).isNotEmpty().isSubsetOf(probes);
    });
  }

  @Test
  void synScanOfAnInternetHost_answeredAndResetByTheScanner_breaches() {
    Traffic t = office();
    for (int i = 0; i < PORTS.length; i++) {
      t.probe(Traffic.at(4, 11, 0) + i * 20_000L, Office.client(7), "45.33.32.156", PORTS[i], "RSTO",
          i % 2 == 0 ? "ShR" : "ShAR");
    }
    assertThat(fired(t)).singleElement().satisfies(b -> assertThat(b.model()).isEqualTo(VERTICAL_SCAN));
  }

  @Test
  void manyConnectionsToOneServerOnAFewPorts_abortedOrRefused_stayQuiet() {
    Traffic t = office();
    int[] ports = {80, 443, 445};
    for (int i = 0; i < 300; i++) {
      long ts = Traffic.at(4, 11, 0) + i * 150_000L;
      t.probe(ts, Office.client(7), Office.INTRANET, ports[i % 3], i % 2 == 0 ? "RSTO" : "REJ",
          i % 2 == 0 ? "ShAR" : "Sr");
    }
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void passiveFtpDataPorts_thatSucceed_stayQuiet() {
    Traffic t = office();
    for (int i = 0; i < 60; i++) {
      t.session(Traffic.at(4, 11, 0) + i * 500_000L, Office.client(7), Office.FS, 50_000 + i * 7, 0.4, 200, 90_000);
    }
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void monitorCheckingTenFixedPortsOfEveryServer_someClosed_staysQuiet() {
    Traffic t = office();
    int[] ports = {22, 53, 80, 88, 389, 443, 445, 3389, 5985, 9100};
    String[] servers = {Office.DC1, Office.DC2, Office.FS, Office.INTRANET};
    for (int minute = 0; minute < 30; minute++) {
      for (String server : servers) {
        for (int port : ports) {
          t.probe(Traffic.at(4, 11, minute) + port * 1000L, Office.ADMIN_WS, server, port, "REJ", "Sr");
        }
      }
    }
    assertThat(fired(t)).isEmpty();
  }

  @Test
  void laptopWakingUp_failingOn443ToManyHosts_staysQuiet() {
    Traffic t = office();
    for (int i = 0; i < 50; i++) {
      t.probe(Traffic.at(4, 11, 0) + i * 200_000L, Office.client(7), "52.96.0." + (i + 2), 443, "S0", "S");
    }
    assertThat(fired(t)).isEmpty();
  }
}
