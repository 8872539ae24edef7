package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;

/** Defender alerts become integration breaches on their device, scored by severity and the device's own history. */
final class DefenderAlertTest {

  private static final String MODEL = "Security Integration / Defender Alert: ";

  private static Traffic learned() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    return t;
  }

  private static DefenderAlertEvent alert(long ts, String id, String title, String severity, String host,
      List<String> addresses) {
    return new DefenderAlertEvent(ts, id, title, "Execution", severity, "new", "DEV-0408", null,
        List.of("T1059.001", "T1055"), "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", host,
        "73e7e2de709dff64ef64b1d0c30e67fab63279db", addresses, ts, ts, "https://security.microsoft.com/alerts/" + id);
  }

  private static List<Breach> defenderBreaches(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().startsWith(MODEL)).toList();
  }

  @Test
  void alertOnAnAddress_breachesOnThatDeviceWithDefendersDetails() {
    Traffic t = learned();
    t.events.add(alert(Traffic.at(4, 11, 0), "da6375_1", "DEV-0408 activity group detected", "high",
        "pc7.corp.local", List.of("203.0.113.50", Office.client(7))));
    assertThat(defenderBreaches(t)).singleElement().satisfies(b -> {
      assertThat(b.model()).isEqualTo(MODEL + "DEV-0408 activity group detected");
      assertThat(b.category()).isEqualTo("Security Integration");
      assertThat(b.device()).isEqualTo(Office.client(7));
      assertThat(b.ts()).isEqualTo(Traffic.at(4, 11, 0));
      assertThat(b.recordUids()).containsExactly("da6375_1");
      assertThat(b.techniques()).containsExactly("T1059.001", "T1055");
      assertThat(b.score()).as("high severity, first time on this device").isEqualTo(90);
      assertThat(b.entities()).containsEntry("actor", "DEV-0408").containsEntry("device_ip", Office.client(7));
      assertThat(b.explanation()).contains("DEV-0408 activity group detected", "Execution", "high severity",
          "actor DEV-0408", "techniques T1059.001, T1055", "detected by microsoftDefenderForEndpoint");
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("first time Defender raised"));
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo(
          "the alert in the Microsoft Defender portal: https://security.microsoft.com/alerts/da6375_1"));
      assertThat(b.model()).doesNotContain("Suricata");
    });
  }

  @Test
  void alertWithoutOurAddress_findsItsDeviceByHostName() {
    Traffic t = learned();
    // PC7 announced itself over NTLM from 10.0.1.7; Defender gives only its DNS name and a public address.
    t.events.add(alert(Traffic.at(4, 11, 0), "da6375_2", "Suspicious process injection observed", "medium",
        "Pc7.Corp.Local", List.of("198.51.100.7")));
    assertThat(defenderBreaches(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(7));
      assertThat(b.recordUids()).containsExactly("da6375_2");
      assertThat(b.score()).as("medium severity, first time").isEqualTo(70);
    });
  }

  @Test
  void alertOnAnUnknownDevice_makesADeviceOfItsOwn_notForcedOntoAnother() {
    Traffic t = learned();
    t.events.add(alert(Traffic.at(4, 11, 0), "da6375_3", "Suspicious PowerShell command line", "high",
        "Laptop-99.corp.local", List.of("198.51.100.99")));
    t.events.add(alert(Traffic.at(4, 12, 0), "da6375_4", "Suspicious service registration", "medium",
        "LAPTOP-99", List.of()));
    t.events.add(alert(Traffic.at(4, 13, 0), "da6375_5", "Suspicious service registration", "medium",
        null, List.of()));
    assertThat(defenderBreaches(t)).extracting(Breach::device)
        .containsExactly("laptop-99.corp.local", "laptop-99.corp.local",
            "mde:73e7e2de709dff64ef64b1d0c30e67fab63279db");
  }

  @Test
  void severity_setsTheScore() {
    Traffic t = learned();
    String[] severities = {"high", "medium", "low", "informational"};
    for (int i = 0; i < severities.length; i++) {
      t.events.add(alert(Traffic.at(4, 11, i), "sev" + i, "Alert " + i, severities[i], null,
          List.of(Office.client(10 + i))));
    }
    assertThat(defenderBreaches(t)).extracting(Breach::score).containsExactly(90, 70, 55, 35);
  }

  @Test
  void alertTheDeviceRaisesOften_scoresLowerAndSaysWhy() {
    Traffic t = learned();
    for (int i = 0; i < 12; i++) {
      t.events.add(alert(Traffic.at(3, 0, 0) + i * 2 * Traffic.HOUR, "rep" + i, "Suspicious PowerShell command line",
          "high", null, List.of(Office.client(3))));
    }
    List<Breach> breaches = defenderBreaches(t.events.stream().sorted(
        java.util.Comparator.comparingLong(Event::ts)).toList());
    assertThat(breaches).hasSize(12);
    assertThat(breaches.get(0).score()).isEqualTo(90);
    assertThat(breaches.get(1).score()).isEqualTo(80);
    assertThat(breaches.get(11).score()).isEqualTo(50);
    assertThat(breaches.get(11).evidence()).anySatisfy(e -> {
      assertThat(e.text()).contains("11 times before");
      assertThat(e.value()).isEqualTo(11);
    });
    assertThat(breaches.get(11).explanation()).contains("seen 11 times before on this device");
  }

  private static List<Breach> defenderBreaches(List<Event> events) {
    return Office.detect(events).stream().filter(b -> b.model().startsWith(MODEL)).toList();
  }

  @Test
  void sameAlertOnAnotherDevice_isStillNewThere() {
    Traffic t = learned();
    for (int i = 0; i < 5; i++) {
      t.events.add(alert(Traffic.at(4, 9 + i, 0), "a" + i, "Suspicious PowerShell command line", "high", null,
          List.of(Office.client(3))));
    }
    t.events.add(alert(Traffic.at(4, 15, 0), "b", "Suspicious PowerShell command line", "high", null,
        List.of(Office.client(4))));
    List<Breach> breaches = defenderBreaches(t);
    assertThat(breaches.get(4).score()).isLessThan(90);
    assertThat(breaches.get(5).device()).isEqualTo(Office.client(4));
    assertThat(breaches.get(5).score()).isEqualTo(90);
  }

  private static final String PATTERN = "Security Integration / Unusual Defender Alert Pattern";

  private static DefenderAlertEvent categorised(long ts, String id, String title, String category, int device) {
    return new DefenderAlertEvent(ts, id, title, category, "low", "new", null, null, List.of("T1059.001"),
        "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", null, null, List.of(Office.client(device)),
        ts, ts, "https://security.microsoft.com/alerts/" + id);
  }

  @Test
  void alertPattern_theUsualAlertStaysQuiet_aNewCategoryAndABurstFire() {
    Traffic t = new Traffic();
    Office.life(t, 0, 15);
    // Three devices known since day 0 raise the same Execution alert on each of days 1 to 13 (0.9 a day).
    for (int day = 1; day < 14; day++) {
      for (int device = 3; device <= 5; device++) {
        t.events.add(categorised(Traffic.at(day, 10, device), "d" + day + "-" + device,
            "Suspicious PowerShell command line", "Execution", device));
      }
    }
    t.events.add(categorised(Traffic.at(14, 10, 3), "usual", "Suspicious PowerShell command line", "Execution", 3));
    t.events.add(categorised(Traffic.at(14, 10, 4), "new-category", "Suspicious LSASS access", "CredentialAccess",
        4));
    for (int i = 0; i < 6; i++) {
      t.events.add(categorised(Traffic.at(14, 11, 10 * i), "burst" + i, "Suspicious PowerShell command line",
          "Execution", 5));
    }
    List<Breach> pattern = Office.detect(t.events.stream().sorted(java.util.Comparator.comparingLong(Event::ts))
        .toList()).stream().filter(b -> b.model().equals(PATTERN)).toList();

    assertThat(pattern).extracting(Breach::device).as("the device whose usual alert came again stays quiet")
        .containsExactly(Office.client(4), Office.client(5));
    assertThat(pattern.get(0)).satisfies(b -> {
      assertThat(b.category()).isEqualTo("Security Integration");
      assertThat(b.recordUids()).containsExactly("new-category");
      assertThat(b.score()).as("new to its peer group too").isEqualTo(85);
      assertThat(b.explanation()).matches("Microsoft Defender's alerts on PC4 left its usual"
          + " pattern: its first CredentialAccess alert \\(\"Suspicious LSASS access\"\\), after 1 category it usually"
          + " raises, and new to its peer group \\(\\d+ devices\\)\\.");
      assertThat(b.techniques()).containsExactly("T1059.001");
    });
    assertThat(pattern.get(1)).satisfies(b -> {
      assertThat(b.recordUids()).as("the fifth alert of the day makes the burst").containsExactly("burst4");
      assertThat(b.score()).isEqualTo(75);
      assertThat(b.explanation()).contains("5 alerts today against its usual 0.9 a day");
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.value()).isEqualTo(5));
    });
  }
  /** Two peer groups' workstations with a usual Execution alert; build scripts reach the odd group. */
  private static List<Event> buildScriptsInOnePeerGroup() {
    Traffic t = new Traffic();
    Office.life(t, 0, 15);
    // Workstations of two peer groups (odd ones log on at one DC, even ones at the other) raise the same Execution
    // alert on each of days 1 to 13.
    for (int day = 1; day < 14; day++) {
      for (int device = 3; device <= 9; device++) {
        t.events.add(categorised(Traffic.at(day, 10, device), "d" + day + "-" + device,
            "Suspicious PowerShell command line", "Execution", device));
      }
    }
    // The odd group's build scripts reach two of its workstations: each one's first DefenseEvasion alert, the first
    // new to the whole group; by day 14 it is the group's routine, but still news to the even group.
    t.events.add(categorised(Traffic.at(10, 12, 0), "build-5", "Suspicious script obfuscation", "DefenseEvasion", 5));
    t.events.add(categorised(Traffic.at(11, 12, 0), "build-7", "Suspicious script obfuscation", "DefenseEvasion", 7));
    t.events.add(categorised(Traffic.at(14, 12, 0), "build-3", "Suspicious script obfuscation", "DefenseEvasion", 3));
    t.events.add(categorised(Traffic.at(14, 12, 1), "build-4", "Suspicious script obfuscation", "DefenseEvasion", 4));
    t.events.add(categorised(Traffic.at(14, 12, 5), "lsass-9", "Suspicious LSASS access", "CredentialAccess", 9));
    return t.events.stream().sorted(java.util.Comparator.comparingLong(Event::ts)).toList();
  }

  @Test
  void alertPattern_aCategoryCommonInThePeerGroupStaysQuiet_oneNewToTheGroupBreachesWithThePeerEvidence() {
    List<Breach> pattern = Office.detect(buildScriptsInOnePeerGroup()).stream()
        .filter(b -> b.model().equals(PATTERN)).toList();

    assertThat(pattern).extracting(b -> b.recordUids().get(0))
        .as("the third odd workstation's DefenseEvasion alert is its peer group's routine by now")
        .containsExactly("build-5", "build-7", "build-4", "lsass-9");
    assertThat(pattern.get(0).score()).as("new to the device and to its whole peer group").isEqualTo(85);
    assertThat(pattern.get(1).score()).as("new to the device, raised by one peer").isEqualTo(70);
    assertThat(pattern.get(1).evidence()).anySatisfy(e -> assertThat(e.text())
        .matches("1 device of its peer group \\(\\d+ devices\\) raised a DefenseEvasion alert in 30 days"));
    assertThat(pattern.get(2).score()).as("common in the other peer group only").isEqualTo(85);
    assertThat(pattern.get(3)).satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(9));
      assertThat(b.score()).isEqualTo(85);
      assertThat(b.explanation()).matches(".*its first CredentialAccess alert \\(\"Suspicious LSASS access\"\\),"
          + " after 1 category it usually raises, and new to its peer group \\(\\d+ devices\\)\\.");
      assertThat(b.evidence()).anySatisfy(e -> {
        assertThat(e.text()).matches(
            "no device of its peer group \\(\\d+ devices\\) raised a CredentialAccess alert in 30 days");
        assertThat(e.value()).isEqualTo(0);
      });
    });
  }

  @Test
  void alertPattern_peerGroupsLearnedOnShards_giveTheBreachesOfOneThread() {
    List<Event> events = buildScriptsInOnePeerGroup();
    List<Breach> single = ShardingTest.sorted(Office.detect(events));
    assertThat(single).anySatisfy(b -> assertThat(b.model()).isEqualTo(PATTERN));
    assertThat(ShardingTest.runSharded(events, 3)).containsExactlyElementsOf(single);
  }
}
