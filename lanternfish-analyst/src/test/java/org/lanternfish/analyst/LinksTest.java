package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MONDAY;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;

final class LinksTest {

  private static final AnalystConfig CONFIG = AnalystConfig.defaults();
  private int next;

  private Node node(Breach b) {
    return new Node(next++, b, Step.of(b), Mark.of(b, Set.of()), b.peerValue() != null && Mark.internal(b.peerValue(), Set.of())
        ? b.peerValue() : null);
  }

  private Node write(String from, String to, int score, long ts) {
    return node(breach("w" + next, "Compliance / SMB Drive Write").on(from).to(to).at(ts).score(score)
        .with("file", "C:\\PerfLogs\\x" + next + ".dll").build());
  }

  private Node beacon(String device, long ts) {
    return node(breach("b" + next, "Compromise / Beaconing to Rare Destination").on(device).to("c2-" + next + ".example")
        .at(ts).score(80).with("domain", "c2-" + next + ".example").build());
  }

  @Test
  void strength_isSymmetric() {
    Links links = new Links(CONFIG);
    Node a = write("WS-1", "SRV-1", 75, MONDAY);
    Node b = beacon("SRV-1", MONDAY + HOUR);

    assertThat(links.strength(a, b)).isEqualTo(links.strength(b, a)).isGreaterThanOrEqualTo(CONFIG.linkThreshold());
  }

  @Test
  void chain_weakVisitToABusyServer_doesNotJoinItsNextBreach_aStrongWriteDoes() {
    Links links = new Links(CONFIG);
    for (int i = 0; i < 12; i++) {
      links.learn(write("WS-" + i, "DC-01", 30, MONDAY - 10 * HOUR));
    }
    Node weak = node(breach("v", "Anomalous Connection / Unusual Admin SMB Session").on("WS-99").to("DC-01")
        .at(MONDAY).score(45).build());
    Node strong = write("VPN-7", "DC-01", 78, MONDAY);
    Node dcBreach = beacon("DC-01", MONDAY + 2 * HOUR);

    assertThat(links.strength(weak, dcBreach)).isLessThan(CONFIG.linkThreshold());
    assertThat(links.strength(strong, dcBreach)).isGreaterThanOrEqualTo(CONFIG.linkThreshold());
    assertThat(links.strength(strong, beacon("DC-01", MONDAY + 20 * HOUR))).isLessThan(CONFIG.linkThreshold());
  }

  @Test
  void sharedMark_linksStrongBreachesOnTwoDevices_untilTheMarkIsEverywhere() {
    Links links = new Links(CONFIG);
    Breach first = breach("c1", "User / New Admin Credentials on Client").on("WS-1").at(MONDAY).score(65)
        .with("credential", "adm-x").build();
    Breach second = breach("c2", "User / New Admin Credentials on Client").on("WS-2").at(MONDAY + HOUR).score(62)
        .with("credential", "adm-x").build();
    Breach weakSecond = breach("c3", "User / New Admin Credentials on Client").on("WS-3").at(MONDAY + HOUR).score(35)
        .with("credential", "adm-x").build();

    assertThat(links.strength(node(first), node(second))).isGreaterThanOrEqualTo(CONFIG.linkThreshold());
    assertThat(links.strength(node(first), node(weakSecond))).isLessThan(CONFIG.linkThreshold());
    for (int i = 0; i < 20; i++) {
      links.learn(node(breach("h" + i, "User / New Admin Credentials on Client").on("HD-" + i).at(MONDAY - HOUR)
          .score(40).with("credential", "adm-x").build()));
    }
    assertThat(links.strength(node(first), node(second))).isLessThan(CONFIG.linkThreshold());
    assertThat(links.worthSearching(new Mark(Mark.Kind.CREDENTIAL, "adm-x"))).isFalse();
  }

  @Test
  void sameDevice_linksWithinTwoDays_fadesAfter() {
    Links links = new Links(CONFIG);
    Node a = beacon("WS-1", MONDAY);

    assertThat(links.strength(a, beacon("WS-1", MONDAY + 40 * HOUR))).isGreaterThanOrEqualTo(CONFIG.linkThreshold());
    assertThat(links.strength(a, beacon("WS-1", MONDAY + 90 * HOUR))).isLessThan(CONFIG.linkThreshold());
  }

  @Test
  void chain_throughADeviceThatBreachesAllDay_weakens() {
    Links links = new Links(CONFIG);
    for (int i = 0; i < 30; i++) {
      links.learn(node(breach("n" + i, "Anomalous Connection / Suspicious DCSync").on("DC-02").to("DC-03")
          .at(MONDAY - 20 * HOUR + i * 30 * BreachFactory.MINUTE).score(85).build()));
    }
    Node write = write("WS-5", "DC-02", 78, MONDAY);

    assertThat(links.strength(write, beacon("DC-02", MONDAY + HOUR))).isLessThan(CONFIG.linkThreshold());
    assertThat(links.strength(write("WS-5", "DC-09", 78, MONDAY), beacon("DC-09", MONDAY + HOUR)))
        .isGreaterThanOrEqualTo(CONFIG.linkThreshold());
  }

  @Test
  void chain_peerGivenAsAddress_findsTheDeviceThatHadIt() {
    Links links = new Links(CONFIG);
    Node write = write("mac:00:50:56:aa:bb:cc", "10.21.1.10", 78, MONDAY);
    Node dc = node(breach("dc", "Anomalous Server Activity / DNS Tunnelling").on("host:dc01").to("chtq.net")
        .at(MONDAY + HOUR).score(85).with("domain", "x.cybaq.chtq.net").with(Node.DEVICE_IP, "10.21.1.10").build());

    assertThat(links.strength(write, dc)).isGreaterThanOrEqualTo(CONFIG.linkThreshold());
  }
}
