package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.junit.jupiter.api.Test;

/** Breaches name devices by their stable id, give their host names and address, and name internal peers by id. */
final class BreachNamingTest {

  private static final String ATTACKER = "10.0.1.77";
  private static final String VICTIM = "10.0.1.78";

  private static Traffic leased() {
    Traffic t = new Traffic();
    t.dhcp(Traffic.at(0, 0, 0), "AA:00:00:00:00:77", ATTACKER, "ws-77.corp.local");
    t.dhcp(Traffic.at(0, 0, 1), "AA:00:00:00:00:78", VICTIM, "WS-78");
    Office.life(t, 0, 1);
    return t;
  }

  @Test
  void breach_ofLeasedDevice_carriesHostNameAndAddress() {
    Traffic t = leased();
    t.rpc(Traffic.at(0, 20, 0), ATTACKER, Office.DC1, "drsuapi", "DRSGetNCChanges");
    List<Breach> dcsync = Office.detect(t.events).stream().filter(b -> b.model().endsWith("DCSync")).toList();
    assertThat(dcsync).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo("mac:aa:00:00:00:00:77");
      assertThat(b.entities()).containsEntry("device_name", "WS-77").containsEntry("device_ip", ATTACKER);
      assertThat(b.evidence()).extracting(Evidence::text).as("evidence names the device as analysts know it")
          .noneMatch(text -> text.contains("mac:")).anyMatch(text -> text.contains("WS-77"));
      assertThat(b.explanation()).contains("WS-77").doesNotContain("mac:");
    });
  }

  @Test
  void bruteForce_onLeasedPeer_namesThePeerDeviceNotItsAddress() {
    Traffic t = leased();
    for (int i = 0; i < 40; i++) {
      t.conn(Traffic.at(0, 21, 0) + i * 5 * Traffic.SECOND, ATTACKER, VICTIM, 22, "ssh", 500, 300, "SF");
    }
    List<Breach> brute = Office.detect(t.events).stream().filter(b -> b.model().endsWith("Brute Force")).toList();
    assertThat(brute).singleElement().satisfies(b -> {
      assertThat(b.peerValue()).isEqualTo("mac:aa:00:00:00:00:78");
      assertThat(b.entities()).containsEntry("peer_name", "WS-78").containsEntry("device_name", "WS-77");
      assertThat(b.evidence()).extracting(Evidence::text).noneMatch(text -> text.contains("mac:"));
    });
  }

  @Test
  void deviceAndPeerKnownOnlyByTheirNetworkCards_goByTheirAddressesInTheTexts() {
    Traffic t = new Traffic();
    t.dhcp(Traffic.at(0, 0, 0), "AA:00:00:00:00:77", ATTACKER, null);
    t.dhcp(Traffic.at(0, 0, 1), "AA:00:00:00:00:78", VICTIM, null);
    Office.life(t, 0, 1);
    for (int i = 0; i < 40; i++) {
      t.conn(Traffic.at(0, 21, 0) + i * 5 * Traffic.SECOND, ATTACKER, VICTIM, 22, "ssh", 500, 300, "SF");
    }
    List<Breach> brute = Office.detect(t.events).stream().filter(b -> b.model().endsWith("Brute Force")).toList();
    assertThat(brute).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo("mac:aa:00:00:00:00:77");
      assertThat(b.peerValue()).isEqualTo("mac:aa:00:00:00:00:78");
      assertThat(b.entities()).containsEntry("device_ip", ATTACKER).containsEntry("peer_ip", VICTIM);
      assertThat(b.explanation()).doesNotContain("mac:");
      assertThat(b.evidence()).extracting(Evidence::text).noneMatch(text -> text.contains("mac:"));
    });
  }
}
