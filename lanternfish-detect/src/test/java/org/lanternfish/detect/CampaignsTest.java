package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Breach volume an analyst can read: a model over many destinations summarises a campaign in a few breaches that
 * list them, and a cooldown per device holds however many peers the device touches in the meantime.
 */
final class CampaignsTest {

  private static final String SOURCE = Office.client(3);

  /** Uploads of 80 MB to each of {@code sites} rare sites, one site a minute, from {@code from}. */
  private static void exfiltrate(Traffic t, long from, int firstSite, int sites, List<String> firstUids) {
    for (int site = firstSite; site < firstSite + sites; site++) {
      String address = "203.0.113." + (10 + site);
      long s = from + (site - firstSite) * Traffic.MINUTE;
      t.dns(s, SOURCE, Office.DC1, "www.site" + site + "consulting.com", 1, List.of(address));
      for (int k = 0; k < 3; k++) {
        String uid = t.conn(s + (k + 1) * Traffic.SECOND, SOURCE, address, 443, "ssl", 80_000_000L, 50_000, "SF");
        if (firstUids != null && site == firstSite) {
          firstUids.add(uid);
        }
      }
    }
  }

  private static List<Breach> of(Traffic t, String modelId, String device) {
    List<Event> events = t.events.stream().sorted(Comparator.comparingLong(Event::ts)).toList();
    return Office.detect(events).stream().filter(b -> b.modelIds().contains(modelId) && b.device().equals(device))
        .toList();
  }

  @Test
  void exfiltrationToManySites_breachesWhenItStartsAndWhenItsDestinationsDouble() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    List<String> first = new java.util.ArrayList<>();
    exfiltrate(t, Traffic.at(3, 20, 0), 0, 20, first);
    List<Breach> breaches = of(t, "data-sent-to-rare-domain", SOURCE);
    assertThat(breaches).as("1, 4, 8 and 16 destinations").hasSize(4);
    assertThat(breaches.getFirst().recordUids()).containsAnyElementsOf(first);
    assertThat(breaches.getLast().evidence()).anySatisfy(e -> assertThat(e.text())
        .startsWith("16 destinations").contains("site15consulting.com").doesNotContain("site7consulting.com"));
  }

  @Test
  void exfiltrationAfterAQuietDay_isANewCampaign() {
    Traffic t = new Traffic();
    Office.life(t, 0, 6);
    exfiltrate(t, Traffic.at(3, 20, 0), 0, 3, null);
    // The next morning: not the evening's hour, so not a habit of the device either.
    exfiltrate(t, Traffic.at(4, 9, 0), 10, 1, null);
    List<Breach> breaches = of(t, "data-sent-to-rare-domain", SOURCE);
    assertThat(breaches).extracting(Breach::ts).anyMatch(ts -> ts >= Traffic.at(4, 9, 0));
    assertThat(breaches.getLast().evidence()).anySatisfy(e -> assertThat(e.text()).startsWith("1 destination,"));
  }

  @Test
  void aModelOverBreaches_coolsDownPerDevice_howeverManyPeersBreachInBetween() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    long ts = Traffic.at(3, 20, 0);
    t.kerberos(ts, SOURCE, Office.DC1, "adm-ops", true);
    for (int i = 4; i <= 19; i++) {
      String target = Office.client(i);
      long at = ts + (i - 3) * 5 * Traffic.MINUTE;
      String smb = t.ntlm(at, SOURCE, target, "adm-ops", "PC3");
      t.smbMap(at, smb, SOURCE, target, "C$");
      t.smbWrite(at + Traffic.SECOND, smb, SOURCE, target, "C$", "ProgramData\\Oracle\\java.exe");
      t.rpc(at + 2 * Traffic.SECOND, SOURCE, target, "IWbemServices", "ExecMethod");
      t.rpc(at + 3 * Traffic.SECOND, SOURCE, target, "svcctl", "CreateServiceW");
    }
    assertThat(of(t, "anomalous-smb-followed-by-multiple-model-breaches", SOURCE)).as("one story, one breach")
        .hasSize(1);
    assertThat(of(t, "service-created-remotely", SOURCE)).as("each hop still breaches").hasSize(16);
  }

  @Test
  void anEveningsPushToEveryClient_isOneDriveWriteAnHour_andTheNextHoursWriteStillBreaches() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    String deploy = Office.INTRANET;
    long push = Traffic.at(3, 19, 0);
    for (int c = 1; c <= 20; c++) {
      long at = push + c * Traffic.MINUTE;
      String uid = t.conn(at, deploy, Office.client(c), 445, "smb", 50_000, 2_000, "SF");
      t.smbMap(at, uid, deploy, Office.client(c), "ADMIN$");
      t.smbWrite(at + 1, uid, deploy, Office.client(c), "ADMIN$", "ccmsetup\\ccmsetup.exe");
    }
    long later = Traffic.at(3, 21, 0);
    String uid = t.conn(later, deploy, Office.FS, 445, "smb", 50_000, 2_000, "SF");
    t.smbMap(later, uid, deploy, Office.FS, "C$");
    t.smbWrite(later + 1, uid, deploy, Office.FS, "C$", "Windows\\Temp\\tool.exe");
    assertThat(of(t, "smb-drive-write", deploy)).extracting(Breach::ts)
        .as("the push's first write, then the write two hours later").containsExactly(push + Traffic.MINUTE + 1,
            later + 1);
  }
}
