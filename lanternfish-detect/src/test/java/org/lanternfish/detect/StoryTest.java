package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.model.Catalogue;
import org.junit.jupiter.api.Test;

/** The acceptance stories S2 (ShadowPad) and S3 (data theft) on top of an office's learned pattern of life. */
final class StoryTest {

  private static final Catalogue CATALOGUE = Catalogue.shipped();

  /** The display names of every model behind the breaches, those folded into another's breach included. */
  private static List<String> models(List<Breach> breaches) {
    return breaches.stream().flatMap(b -> b.modelIds().stream()).map(id -> CATALOGUE.get(id).name()).distinct()
        .sorted().toList();
  }

  private static List<Breach> after(List<Breach> breaches, int day) {
    return breaches.stream().filter(b -> b.ts() >= Traffic.at(day, 0, 0)).toList();
  }

  @Test
  void benignWeek_raisesNothingAboveSixtyAfterLearning() {
    Traffic t = new Traffic();
    Office.life(t, 0, 6);
    List<Breach> loud = after(Office.detect(t.events), Office.LEARNING_DAYS).stream()
        .filter(b -> b.score() >= 60).toList();
    assertThat(loud).as("benign breaches scoring 60 or more").isEmpty();
  }

  @Test
  void shadowPad_breachesEveryStep() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String attacker = "10.8.0.77";
    long ts = Traffic.at(3, 22, 0);
    t.ntlm(ts, attacker, Office.FS, "user7", "DESKTOP-O82ILGG");
    t.kerberos(ts + Traffic.MINUTE, attacker, Office.DC1, "svc-sql", true);
    t.rdp(ts + 2 * Traffic.MINUTE, attacker, Office.DC1, "svc-sql");
    String smb = t.ntlm(ts + 3 * Traffic.MINUTE, attacker, Office.DC1, "svc-sql", "DESKTOP-O82ILGG");
    t.smbMap(ts + 3 * Traffic.MINUTE, smb, attacker, Office.DC1, "C$");
    t.smbWrite(ts + 4 * Traffic.MINUTE, smb, attacker, Office.DC1, "C$", "PerfLogs\\log.dll");
    t.rpc(ts + 6 * Traffic.MINUTE, attacker, Office.DC2, "drsuapi", "DRSGetNCChanges");
    Random random = new Random(7);
    for (int i = 0; i < 80; i++) {
      long q = ts + 10 * Traffic.MINUTE + i * 20 * Traffic.SECOND;
      t.dns(q, Office.DC1, "158.247.199.185", Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
          + ".cybaq.chtq.net", 16, List.of());
    }
    for (int i = 0; i < 30; i++) {
      long q = ts + 10 * Traffic.MINUTE + i * Traffic.MINUTE;
      String uid = t.conn(q, Office.DC1, "158.247.199.185", 443, "ssl", 1_200, 3_000, "SF");
      t.ssl(q, uid, Office.DC1, "158.247.199.185", "dscriy.chtq.net");
    }
    List<Breach> breaches = after(Office.detect(t.events), 3);

    assertThat(models(breaches)).contains(
        "User / VPN Login From Unusual Device",
        "Anomalous Connection / Unusual RDP From VPN",
        "Anomalous Connection / Unusual Admin SMB Session",
        "Compliance / SMB Drive Write",
        "Anomalous File / Masqueraded Executable Written to Share",
        "Anomalous Connection / Suspicious DCSync",
        "Anomalous Server Activity / DNS Tunnelling",
        "Compromise / Beaconing to Rare Destination");
    Breach dcsync = breaches.stream().filter(b -> b.model().endsWith("Suspicious DCSync")).findFirst().orElseThrow();
    assertThat(dcsync.device()).isEqualTo("DESKTOP-O82ILGG");
    assertThat(dcsync.peerValue()).isEqualTo(Office.DC2);
    assertThat(dcsync.score()).isGreaterThanOrEqualTo(80);
    assertThat(dcsync.recordUids()).isNotEmpty();
    Breach tunnel = breaches.stream().filter(b -> b.model().contains("DNS Tunnelling")).findFirst().orElseThrow();
    assertThat(tunnel.device()).isEqualTo(Office.DC1);
    assertThat(tunnel.entities()).containsEntry("domain", "chtq.net");
    assertThat(tunnel.evidence()).anySatisfy(e -> assertThat(e.text()).contains("unique subdomains"));
  }

  @Test
  void anotherSitesDcReplicatingInTheNetworksFirstHour_isNoDcSync_unlessLearningIsOff() {
    Traffic t = new Traffic();
    t.rpc(Traffic.at(0, 0, 1), "10.0.9.10", Office.DC1, "drsuapi", "DRSGetNCChanges");
    Office.life(t, 0, 4);
    assertThat(models(Office.detect(t.events))).doesNotContain("Anomalous Connection / Suspicious DCSync");
    List<Breach> firstSight = new ArrayList<>();
    try (EmbeddedDetector detector = new EmbeddedDetector(Office.config().withLearningDays(0), 1)) {
      t.events.forEach(e -> firstSight.addAll(detector.onEvent(e)));
      firstSight.addAll(detector.flush());
    }
    assertThat(models(firstSight)).contains("Anomalous Connection / Suspicious DCSync");
  }

  @Test
  void domainControllersReplicating_stayQuietButNonDcIsDcSync() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    List<Breach> benign = Office.detect(t.events);
    assertThat(models(benign)).doesNotContain("Anomalous Connection / Suspicious DCSync");
    t.rpc(Traffic.at(3, 20, 0), Office.client(9), Office.DC1, "drsuapi", "DRSGetNCChanges");
    List<Breach> attacked = Office.detect(t.events);
    assertThat(attacked).filteredOn(b -> b.model().endsWith("Suspicious DCSync"))
        .singleElement().satisfies(b -> assertThat(b.device()).isEqualTo(Office.client(9)));
  }

  @Test
  void dataTheft_breachesEveryStepAndThreadsThem() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String source = Office.client(3);
    String target = Office.client(7);
    long ts = Traffic.at(3, 20, 0);
    t.kerberos(ts, source, Office.DC1, "adm-ops", true);
    String smb = t.ntlm(ts + Traffic.MINUTE, source, target, "adm-ops", "PC3");
    t.smbMap(ts + Traffic.MINUTE, smb, source, target, "C$");
    t.smbWrite(ts + 2 * Traffic.MINUTE, smb, source, target, "C$", "ProgramData\\Oracle\\java.log");
    t.file(ts + 2 * Traffic.MINUTE, smb, source, target, "ProgramData\\Oracle\\java.log", "application/x-dosexec");
    t.rpc(ts + 3 * Traffic.MINUTE, source, target, "IWbemServices", "ExecMethod");
    for (int i = 0; i < 20; i++) {
      t.conn(ts + (10 + i) * Traffic.MINUTE, source, Office.FS, 445, "smb", 10_000, 1_000_000_000L, "SF");
    }
    for (int site = 0; site < 16; site++) {
      String address = "203.0.113." + (10 + site);
      String domain = "site" + site + "consulting.com";
      long s = Traffic.at(3, 21, site * 3);
      t.dns(s, source, Office.DC1, "www." + domain, 1, List.of(address));
      for (int k = 0; k < 5; k++) {
        t.conn(s + k * Traffic.SECOND * 20, source, address, 443, "ssl", 80_000_000L, 50_000, "SF");
      }
    }
    List<Breach> breaches = after(Office.detect(t.events), 3);

    assertThat(models(breaches)).contains(
        "User / New Admin Credentials on Client",
        "Anomalous Connection / Unusual Admin SMB Session",
        "Compliance / SMB Drive Write",
        "Anomalous File / Masqueraded Executable Written to Share",
        "Anomalous File / Masqueraded File Transfer",
        "Device / Remote WMI Execution After SMB Upload",
        "Device / Anomalous SMB Followed By Multiple Model Breaches",
        "Unusual Activity / Unusual Internal Download",
        "Anomalous Connection / Data Sent to Rare Domain",
        "Anomalous Connection / Uncommon 1 GiB Outbound");
    // One campaign to sixteen sites: a breach when it starts and when its destinations double, each listing them.
    assertThat(breaches).filteredOn(b -> b.model().contains("Data Sent to Rare Domain")).hasSizeBetween(2, 5)
        .last().satisfies(b -> assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text())
            .startsWith("16 destinations").contains("site15consulting.com")));
    Breach admin = breaches.stream().filter(b -> b.model().contains("New Admin Credentials")).findFirst()
        .orElseThrow();
    assertThat(admin.entities()).containsEntry("credential", "adm-ops");
    assertThat(admin.techniques()).contains("T1078");
  }

  @Test
  void aGigabyteTakenFromTheFileServerAcrossTwoClockHours_isAnUnusualInternalDownload() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    List<Breach> quiet = after(Office.detect(t.events), 3);
    assertThat(models(quiet)).doesNotContain("Unusual Activity / Unusual Internal Download");
    // 980 MiB in 14 reads from 20:34 to 21:26: 490 MiB in each clock hour.
    String collector = Office.client(5);
    for (int i = 0; i < 14; i++) {
      t.conn(Traffic.at(3, 20, 34) + i * 4 * Traffic.MINUTE, collector, Office.FS, 445, "smb", 10_000, 70L << 20,
          "SF");
    }
    assertThat(after(Office.detect(t.events), 3)).filteredOn(b -> b.model().contains("Unusual Internal Download"))
        .singleElement().satisfies(b -> assertThat(b.device()).isEqualTo(collector));
  }

  @Test
  void aGigabyteFromAShareNeverUsed_breachesAtAlertScore_butFromItsOwnShareBelow() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    String collector = Office.client(5);
    String reader = Office.client(6);
    for (int i = 0; i < 14; i++) {
      long ts = Traffic.at(3, 20, 4) + i * 3 * Traffic.MINUTE;
      t.smbMap(ts, t.conn(ts, collector, Office.FS, 445, "smb", 10_000, 70L << 20, "SF"), collector, Office.FS,
          "FINANCE$");
      t.smbMap(ts, t.conn(ts, reader, Office.FS, 445, "smb", 10_000, 70L << 20, "SF"), reader, Office.FS, "DATA");
    }
    List<Breach> breaches = after(Office.detect(t.events), 3);
    assertThat(breaches).filteredOn(b -> b.modelId().equals("unusual-internal-download"))
        .extracting(Breach::device, b -> b.score() >= 60)
        .containsExactlyInAnyOrder(tuple(collector, true),
            tuple(reader, false));
  }

  @Test
  void execMethodWithoutUpload_isNotWmiAfterSmb() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    t.rpc(Traffic.at(3, 20, 0), Office.ADMIN_WS, Office.FS, "IWbemServices", "ExecMethod");
    assertThat(models(Office.detect(t.events))).doesNotContain("Device / Remote WMI Execution After SMB Upload");
  }
}
