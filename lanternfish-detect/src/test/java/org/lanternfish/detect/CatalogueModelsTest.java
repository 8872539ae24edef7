package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.Event;
import org.lanternfish.intel.WatchList;
import org.junit.jupiter.api.Test;

/** Each remaining model of the shipped catalogue: the attack fires it, its benign look-alike stays quiet. */
final class CatalogueModelsTest {

  private static Traffic learned() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    return t;
  }

  private static List<Breach> of(List<Breach> breaches, String model) {
    return breaches.stream().filter(b -> b.model().equals(model)).toList();
  }

  private static List<Breach> run(DetectConfig config, List<Event> events) {
    EmbeddedDetector detector = new EmbeddedDetector(config, 1);
    List<Breach> out = new java.util.ArrayList<>();
    events.forEach(e -> out.addAll(detector.onEvent(e)));
    out.addAll(detector.flush());
    return out;
  }

  @Test
  void portScan_firesOnManyRefusedTargetsNotOnAFewFailures() {
    Traffic t = learned();
    for (int port = 1; port <= 20; port++) {
      t.conn(Traffic.at(3, 20, 0) + port * Traffic.SECOND, Office.client(4), Office.FS, port, null, 0, 0, "REJ");
    }
    assertThat(of(Office.detect(t.events), "Device / Port Scan")).isEmpty();
    for (int host = 1; host <= 60; host++) {
      for (int port : new int[] {22, 445, 3389}) {
        t.conn(Traffic.at(3, 20, 1) + host * Traffic.SECOND, Office.client(4), "10.0.2." + host, port, null, 0, 0,
            "S0");
      }
    }
    assertThat(of(Office.detect(t.events), "Device / Port Scan")).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(4));
      assertThat(scanned(b)).isBetween(120, 255);
      assertThat(b.score()).isEqualTo(60);
    });
  }

  @Test
  void aPortScanOfFourHundredTargets_reportsItsSize_andItsBoost() {
    Traffic t = learned();
    for (int host = 1; host <= 100; host++) {
      for (int port : new int[] {22, 135, 445, 3389}) {
        t.conn(Traffic.at(3, 20, 4) + host * 2 * Traffic.SECOND, Office.client(4), "10.0.2." + host, port, null, 0,
            0, "S0");
      }
    }
    assertThat(of(Office.detect(t.events), "Device / Port Scan")).singleElement().satisfies(b -> {
      assertThat(scanned(b)).isGreaterThanOrEqualTo(256);
      assertThat(b.score()).isEqualTo(70);
    });
  }

  /** The size of the scan a breach reports. */
  private static int scanned(Breach b) {
    return (int) b.evidence().stream().filter(e -> e.kind().equals("scan")).findFirst().orElseThrow().value();
  }

  @Test
  void bruteForce_firesOnRepeatedKerberosFailuresNotOnATypo() {
    Traffic t = learned();
    t.kerberos(Traffic.at(3, 20, 0), Office.client(6), Office.DC1, "user6", false);
    t.kerberos(Traffic.at(3, 20, 1), Office.client(6), Office.DC1, "user6", false);
    assertThat(of(Office.detect(t.events), "Device / Brute Force")).isEmpty();
    for (int i = 0; i < 40; i++) {
      t.kerberos(Traffic.at(3, 21, 0) + i * 5 * Traffic.SECOND, Office.client(6), Office.DC1, "user" + i, false);
    }
    assertThat(of(Office.detect(t.events), "Device / Brute Force")).singleElement()
        .satisfies(b -> assertThat(b.peerValue()).isEqualTo(Office.DC1));
  }

  @Test
  void iocMatch_firesForCsvAndStixIndicators() {
    Traffic t = learned();
    t.dns(Traffic.at(3, 20, 0), Office.client(2), Office.DC1, "a.evil-c2.example", 1, List.of("198.51.100.9"));
    t.conn(Traffic.at(3, 20, 1), Office.client(8), "192.0.2.66", 443, "ssl", 100, 100, "SF");
    WatchList csv = new WatchList().addCsv("iocs.csv", "indicator,description\nevil-c2[.]example,APT test\n");
    WatchList stix = new WatchList().addStix("feed.json", """
        {"type":"bundle","objects":[{"type":"indicator","name":"C2 server",
         "pattern":"[ipv4-addr:value = '192.0.2.66']","pattern_type":"stix"}]}""");
    assertThat(of(run(Office.config().withWatchList(csv), t.events), "Compliance / IoC Match"))
        .singleElement().satisfies(b -> assertThat(b.explanation()).contains("evil-c2.example", "APT test"));
    assertThat(of(run(Office.config().withWatchList(stix), t.events), "Compliance / IoC Match"))
        .singleElement().satisfies(b -> assertThat(b.device()).isEqualTo(Office.client(8)));
    assertThat(of(run(Office.config(), t.events), "Compliance / IoC Match")).isEmpty();
  }

  @Test
  void explanations_callDevicesByName_orByAddressWhenOnlyTheirNetworkCardIsKnown() {
    Traffic t = learned();
    t.dhcp(Traffic.at(3, 19, 0), "00:50:56:aa:bb:01", "10.0.9.21", "WS-NAMED");
    t.dhcp(Traffic.at(3, 19, 0), "00:50:56:aa:bb:02", "10.0.9.22", null);
    t.conn(Traffic.at(3, 20, 1), "10.0.9.21", "192.0.2.66", 443, "ssl", 100, 100, "SF");
    t.conn(Traffic.at(3, 20, 2), "10.0.9.22", "192.0.2.66", 443, "ssl", 100, 100, "SF");
    WatchList list = new WatchList().addCsv("iocs.csv", "192.0.2.66,C2 server\n");
    List<Breach> iocs = of(run(Office.config().withWatchList(list), t.events), "Compliance / IoC Match");
    assertThat(iocs).extracting(Breach::device).containsExactly("mac:00:50:56:aa:bb:01", "mac:00:50:56:aa:bb:02");
    assertThat(iocs.get(0).explanation()).startsWith("WS-NAMED contacted 192.0.2.66");
    assertThat(iocs.get(1).explanation()).startsWith("10.0.9.22 contacted 192.0.2.66");
  }

  @Test
  void suricataAlert_becomesIntegrationBreachScoredByNovelty() {
    Traffic t = learned();
    t.alert(Traffic.at(3, 20, 0), Office.client(3), "203.0.113.5", 2_024_217, "ET MALWARE ShadowPad CnC", 1);
    List<Breach> breaches = Office.detect(t.events);
    assertThat(breaches).filteredOn(b -> b.model().startsWith("Security Integration / Suricata Alert: "))
        .singleElement().satisfies(b -> {
          assertThat(b.model()).isEqualTo("Security Integration / Suricata Alert: ET MALWARE ShadowPad CnC");
          assertThat(b.category()).isEqualTo("Security Integration");
          assertThat(b.score()).isEqualTo(80);
        });
  }

  @Test
  void suricataAlert_seenOftenOnADeviceScoresLower() {
    Traffic t = learned();
    for (int i = 0; i < 25; i++) {
      t.alert(Traffic.at(3, 0, 0) + i * 2 * Traffic.HOUR, Office.client(3), "203.0.113.5", 1, "ET POLICY curl", 3);
    }
    List<Breach> alerts = Office.detect(t.events).stream().filter(b -> b.model().contains("ET POLICY")).toList();
    assertThat(alerts.get(0).score()).isEqualTo(40);
    assertThat(alerts.get(alerts.size() - 1).score()).isEqualTo(10);
  }

  @Test
  void dgaLookups_manyRandomNonexistentDomainsFire_typosAndStaleNamesStayQuiet() {
    Traffic t = learned();
    Random random = new Random(5);
    // Benign: a stale name failing all day, a handful of typos, Chrome's three random probes at start-up.
    for (int i = 0; i < 60; i++) {
      t.nxdomain(Traffic.at(3, 8, i), Office.client(4), Office.DC1, "oldfileserver.corp.local");
    }
    for (String typo : List.of("gogle.com", "micorsoft.com", "outlook.ofice.com", "wikipeda.org")) {
      t.nxdomain(Traffic.at(3, 9, 0), Office.client(5), Office.DC1, typo);
    }
    for (String probe : List.of("qwhzkcvnep", "xkrbtsomwqa", "fyjdlzhqumv")) {
      t.nxdomain(Traffic.at(3, 9, 30), Office.client(6), Office.DC1, probe);
    }
    List<String> dga = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder name = new StringBuilder();
      for (int k = 0; k < 12 + random.nextInt(8); k++) {
        name.append((char) ('a' + random.nextInt(26)));
      }
      dga.add(t.nxdomain(Traffic.at(3, 10, 0) + i * 5 * Traffic.SECOND, Office.client(9), Office.DC1,
          name + ".biz"));
    }
    assertThat(of(Office.detect(t.events), "Compromise / DGA Domain Lookups")).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(9));
      assertThat(b.recordUids()).hasSize(1).allSatisfy(uid -> assertThat(dga.indexOf(uid)).isBetween(19, 30));
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("different domains that do not exist"));
      assertThat(b.techniques()).contains("T1568.002");
    });
  }

  @Test
  void newUserAgentToInternalServer_firesForALoneNewAgentNotForKnownOnes() {
    Traffic t = learned();
    t.http(Traffic.at(3, 20, 0), Office.client(11), Office.INTRANET, "intranet.corp.local", Office.BROWSER);
    assertThat(of(Office.detect(t.events), "Anomalous Connection / New User Agent to Internal Server")).isEmpty();
    t.http(Traffic.at(3, 20, 5), Office.client(11), Office.INTRANET, "intranet.corp.local", "python-requests/2.31");
    assertThat(of(Office.detect(t.events), "Anomalous Connection / New User Agent to Internal Server"))
        .singleElement().satisfies(b -> {
          assertThat(b.entities()).containsEntry("user_agent", "python-requests/2.31");
          assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("0 other of"));
        });
  }

  @Test
  void newUserAgent_alreadyUsedWithAnotherServer_scoresBelowAlerting() {
    Traffic t = learned();
    t.http(Traffic.at(3, 20, 0), Office.client(11), Office.INTRANET, "intranet.corp.local", "python-requests/2.31");
    t.http(Traffic.at(3, 21, 0), Office.client(11), Office.FS, "fs.corp.local", "python-requests/2.31");
    List<Breach> fired = of(Office.detect(t.events), "Anomalous Connection / New User Agent to Internal Server");
    assertThat(fired).hasSize(2);
    assertThat(fired.get(0).score()).isGreaterThanOrEqualTo(55);
    assertThat(fired.get(1).score()).isLessThan(40);
    assertThat(fired.get(1).evidence()).anySatisfy(e -> assertThat(e.text()).contains("used it once with other servers"));
  }

  @Test
  void rollout_newAgentAdoptedByManyPeersAtOnceStaysQuiet() {
    Traffic t = learned();
    for (int i = 1; i <= 20; i++) {
      t.http(Traffic.at(3, 20, 0) + i * Traffic.SECOND, Office.client(i), Office.INTRANET, "intranet.corp.local",
          "Mozilla/5.0 Edge/131.0");
    }
    assertThat(of(Office.detect(t.events), "Anomalous Connection / New User Agent to Internal Server")).isEmpty();
  }

  @Test
  void dataToRareDomain_quietWhenAPeerGroupAdoptsTheSiteTogether() {
    Traffic t = learned();
    // Clients 2, 4 and 6 use the same servers, so they are peers; three of 23 devices is still rare.
    for (int i = 2; i <= 6; i += 2) {
      t.conn(Traffic.at(3, 14, 0) + i * Traffic.SECOND, Office.client(i), "198.51.100.20", 443, "ssl", 30_000_000L,
          10_000, "SF");
    }
    assertThat(of(Office.detect(t.events), "Anomalous Connection / Data Sent to Rare Domain")).isEmpty();
    t.conn(Traffic.at(3, 15, 0), Office.client(13), "198.51.100.99", 443, "ssl", 30_000_000L, 10_000, "SF");
    assertThat(of(Office.detect(t.events), "Anomalous Connection / Data Sent to Rare Domain")).singleElement()
        .satisfies(b -> assertThat(b.device()).isEqualTo(Office.client(13)));
  }

  @Test
  void beaconing_quietToADestinationTheWholeOfficeUses() {
    Traffic t = learned();
    for (int k = 0; k < 30; k++) {
      for (int i = 1; i <= 15; i++) {
        t.conn(Traffic.at(3, 18, 0) + k * Traffic.MINUTE + i * Traffic.SECOND, Office.client(i), "13.107.4.99", 443,
            "ssl", 500, 500, "SF");
      }
    }
    assertThat(of(Office.detect(t.events), "Compromise / Beaconing to Rare Destination")).isEmpty();
  }

  @Test
  void dnsTunnelling_quietForManyRandomNamesOfADomainEveryDeviceUses() {
    Traffic t = learned();
    Random random = new Random(3);
    for (int i = 1; i <= 20; i++) {
      for (int k = 0; k < 40; k++) {
        t.dns(Traffic.at(3, 18, 0) + (i * 40 + k) * Traffic.SECOND, Office.client(i), Office.DC1,
            Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + ".avqs.mcafee.com", 1, List.of());
      }
    }
    assertThat(of(Office.detect(t.events), "Anomalous Server Activity / DNS Tunnelling")).isEmpty();
  }

  @Test
  void serviceCreatedRemotely_firesOnSvcctlCreateService() {
    Traffic t = learned();
    t.rpc(Traffic.at(3, 20, 0), Office.client(12), Office.FS, "svcctl", "OpenSCManagerW");
    assertThat(of(Office.detect(t.events), "Device / Service Created Remotely")).isEmpty();
    t.rpc(Traffic.at(3, 20, 1), Office.client(12), Office.FS, "svcctl", "CreateServiceW");
    assertThat(of(Office.detect(t.events), "Device / Service Created Remotely")).singleElement()
        .satisfies(b -> assertThat(b.techniques()).contains("T1569.002"));
  }

  @Test
  void vpn_knownRemoteWorkerStaysQuiet() {
    Traffic t = learned();
    List<Breach> breaches = Office.detect(t.events);
    assertThat(of(breaches, "User / VPN Login From Unusual Device")).isEmpty();
    assertThat(breaches).filteredOn(b -> b.model().equals("Anomalous Connection / Unusual RDP From VPN")
        && b.ts() >= Traffic.at(Office.LEARNING_DAYS, 0, 0)).isEmpty();
  }
}
