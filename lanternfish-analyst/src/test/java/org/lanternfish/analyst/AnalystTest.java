package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.DAY;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MINUTE;
import static org.lanternfish.analyst.BreachFactory.MONDAY;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;

final class AnalystTest {

  private static final long S2_START = MONDAY + 2 * DAY + 70 * MINUTE;
  private static final long S3_START = MONDAY + DAY + 9 * HOUR;
  private static final TradecraftProfiles PROFILES = TradecraftProfiles.bundled();

  private static List<Incident> thread(List<Breach> breaches) {
    return Analyst.thread(breaches, AnalystConfig.defaults(), PROFILES);
  }

  private static List<String> ids(List<Breach> breaches) {
    return breaches.stream().map(Breach::id).sorted().toList();
  }

  private static List<String> sortedIds(Incident incident) {
    return incident.breachIds().stream().sorted().toList();
  }

  @Test
  void shadowPad_alone_isOneIncidentWithEveryBreach() {
    List<Breach> s2 = Scenarios.shadowPad(S2_START);

    List<Incident> incidents = thread(s2);

    assertThat(incidents).hasSize(1);
    assertThat(sortedIds(incidents.get(0))).isEqualTo(ids(s2));
  }

  @Test
  void dataTheft_alone_isOneIncidentWithEveryBreach() {
    List<Breach> s3 = Scenarios.dataTheft(S3_START);

    List<Incident> incidents = thread(s3);

    assertThat(incidents).hasSize(1);
    assertThat(sortedIds(incidents.get(0))).isEqualTo(ids(s3));
  }

  @Test
  void shadowPadAndDataTheft_inOneBenignWeek_stayTwoPureIncidents() {
    List<Breach> s2 = Scenarios.shadowPad(S2_START);
    List<Breach> s3 = Scenarios.dataTheft(S3_START);
    List<Breach> all = new ArrayList<>(Scenarios.benign(7, 200, 7, MONDAY));
    all.addAll(s2);
    all.addAll(s3);

    List<Incident> incidents = thread(all);

    List<List<String>> attacks = incidents.stream().map(AnalystTest::sortedIds)
        .filter(ids -> ids.stream().anyMatch(id -> id.startsWith("s"))).toList();
    assertThat(attacks).containsExactlyInAnyOrder(ids(s2), ids(s3));
  }

  @Test
  void benignWeeks_raiseAtMostOneIncidentPerThousandDeviceDays() {
    int devices = 200;
    int days = 7;
    int incidents = 0;
    for (long seed = 1; seed <= 5; seed++) {
      List<Breach> week = Scenarios.benign(seed, devices, days, MONDAY);
      assertThat(week.size()).isGreaterThan(120);
      incidents += thread(week).size();
    }

    assertThat(incidents).isLessThanOrEqualTo(5 * devices * days / 1000);
  }

  @Test
  void unrelatedBreachesAtTheSameTime_onADomainControllerEveryoneUses_stayApart() {
    List<Breach> breaches = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String device = "WS-" + (100 + i);
      long ts = MONDAY + 10 * HOUR + i * MINUTE;
      breaches.add(breach("a" + i, "Anomalous Connection / Unusual Admin SMB Session").on(device).to("DC-01").at(ts)
          .score(80).techniques("T1021.002").with("credential", "admin-" + i).build());
      breaches.add(breach("b" + i, "Compromise / Beaconing to Rare Destination").on(device).to("rare" + i + ".example")
          .at(ts + 20 * MINUTE).score(75).with("domain", "rare" + i + ".example").build());
    }

    List<Incident> incidents = thread(breaches);

    assertThat(incidents).hasSize(12);
    assertThat(incidents).allSatisfy(i -> assertThat(i.breaches()).extracting(Breach::device).containsOnly(
        i.breaches().get(0).device()));
  }

  @Test
  void lowScoreIsolatedBreaches_makeNoIncident() {
    List<Breach> breaches = List.of(
        breach("x1", "Device / Port Scan").on("WS-1").to("10.0.0.0/24").at(MONDAY).score(40).build(),
        breach("x2", "Compliance / SMB Drive Write").on("WS-1").to("FS-01").at(MONDAY + HOUR).score(35)
            .with("file", "Users\\ann\\notes.txt").build());

    assertThat(thread(breaches)).isEmpty();
  }

  @Test
  void singleVeryHighBreach_isAnIncidentOnItsOwn() {
    Breach ioc = breach("x1", "Compliance / IoC Match").on("WS-7").to("evil.example").at(MONDAY).score(97)
        .with("domain", "evil.example").build();

    List<Incident> incidents = thread(List.of(ioc));

    assertThat(incidents).singleElement().satisfies(i -> assertThat(i.breachIds()).containsExactly("x1"));
  }

  @Test
  void aBreachOfEightyAlone_startsAnIncident_butSeventyNineDoesNot() {
    // A DCSync from a device nothing else flagged: an analyst must see it as an incident, not as a loose breach.
    Breach dcsync = breach("x1", "Anomalous Connection / Suspicious DCSync").on("SRV-9").to("DC-01").at(MONDAY)
        .score(80).build();
    Breach beacon = breach("x2", "Compromise / Beaconing to Rare Destination").on("WS-3").to("c2.example")
        .at(MONDAY + HOUR).score(79).build();

    assertThat(thread(List.of(dcsync, beacon))).singleElement()
        .satisfies(i -> assertThat(i.breachIds()).containsExactly("x1"));
  }

  /** The collector of a data theft: a workstation named by its network card, which never breached before. */
  private static List<Breach> collectorsLaterBreaches(String collector) {
    return List.of(
        breach("c1", "Unusual Activity / Unusual Internal Download").on(collector).to("10.2.1.12")
            .at(MONDAY + 2 * HOUR).score(55).build(),
        breach("c2", "Anomalous Connection / Data Sent to Rare Domain").on(collector).to("yasuconsulting.com")
            .at(MONDAY + 3 * HOUR).score(70).with("domain", "yasuconsulting.com").build());
  }

  private static Breach writeTo(String target) {
    return breach("w1", "Anomalous File / Executable Written to New Admin Share").on("mac:00:50:56:d5:7b:ae")
        .to(target).at(MONDAY).score(85).with("file", "ADMIN$\\svc.exe").build();
  }

  @Test
  void writeToADeviceNamedByItsNetworkCard_joinsThatDevicesLaterBreaches() {
    String collector = "mac:00:50:56:3f:47:3b";
    List<Breach> all = new ArrayList<>(List.of(writeTo(collector)));
    all.addAll(collectorsLaterBreaches(collector));

    assertThat(thread(all)).singleElement()
        .satisfies(i -> assertThat(i.breachIds()).containsExactlyInAnyOrder("w1", "c1", "c2"));
  }

  @Test
  void writeToAnotherDeviceNamedByItsNetworkCard_doesNotJoinTheseBreaches() {
    List<Breach> all = new ArrayList<>(List.of(writeTo("mac:00:50:56:3f:47:99")));
    all.addAll(collectorsLaterBreaches("mac:00:50:56:3f:47:3b"));

    assertThat(thread(all)).noneSatisfy(i -> assertThat(i.breachIds()).contains("w1", "c2"));
  }

  @Test
  void thread_shuffledTiesAndRepeatedRuns_giveEqualIncidents() {
    List<Breach> all = new ArrayList<>(Scenarios.benign(3, 120, 7, MONDAY));
    all.addAll(Scenarios.shadowPad(S2_START));
    all.addAll(Scenarios.dataTheft(S3_START));
    List<Incident> expected = thread(all);

    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      // Arrival in time order, but breaches with equal times in a random order.
      Map<Long, List<Breach>> byTime = new TreeMap<>();
      all.forEach(b -> byTime.computeIfAbsent(b.ts(), t -> new ArrayList<>()).add(b));
      Analyst analyst = new Analyst(AnalystConfig.defaults(), PROFILES);
      byTime.values().forEach(tie -> {
        Collections.shuffle(tie, random);
        tie.forEach(analyst::onBreach);
      });
      assertThat(analyst.incidents()).isEqualTo(expected);
    }
    assertThat(byTimeHasTies(all)).isTrue();
  }

  private static boolean byTimeHasTies(List<Breach> breaches) {
    return breaches.stream().map(Breach::ts).distinct().count() < breaches.size();
  }

  @Test
  void onBreach_createsThenUpdates_andRecordsHistoryPerEventTime() {
    Analyst analyst = new Analyst(AnalystConfig.defaults(), PROFILES);
    List<IncidentUpdate> updates = new ArrayList<>();
    Scenarios.shadowPad(S2_START).stream().sorted(Comparator.comparingLong(Breach::ts))
        .forEach(b -> updates.addAll(analyst.onBreach(b)));

    assertThat(updates).first().extracting(IncidentUpdate::kind).isEqualTo(IncidentUpdate.Kind.CREATED);
    assertThat(updates.subList(1, updates.size())).allSatisfy(u -> assertThat(u.kind()).isEqualTo(IncidentUpdate.Kind.UPDATED));
    Incident last = updates.get(updates.size() - 1).incident();
    assertThat(last.history()).hasSize(14);
    assertThat(last.history()).extracting(Revision::breachCount).isSorted().endsWith(14);
    assertThat(last.history().get(0).addedBreachIds()).containsExactly("s2-01");
    assertThat(last.history().get(last.history().size() - 1).priority()).isEqualTo(last.priority());
  }

  @Test
  void onBreach_bridgingBreach_mergesTwoIncidentsAndSupersedesOne() {
    Analyst analyst = new Analyst(AnalystConfig.defaults(), PROFILES);
    long t = MONDAY + 9 * HOUR;
    for (String device : List.of("WS-A", "SRV-B")) {
      analyst.onBreach(breach(device + "-1", "Compromise / Beaconing to Rare Destination").on(device)
          .to(device.toLowerCase() + "-c2.example").at(t).score(80).with("domain", device + "-c2.example").build());
      analyst.onBreach(breach(device + "-2", "Anomalous Connection / Data Sent to Rare Domain").on(device)
          .to(device.toLowerCase() + "-drop.example").at(t + HOUR).score(75).build());
    }
    assertThat(analyst.incidents()).hasSize(2);
    String later = analyst.incidents().stream().filter(i -> i.devices().contains("SRV-B")).findFirst().orElseThrow()
        .id();

    List<IncidentUpdate> updates = analyst.onBreach(breach("bridge", "Compliance / SMB Drive Write").on("WS-A")
        .to("SRV-B").at(t - HOUR).score(80).with("file", "C:\\PerfLogs\\x.dll").build());

    assertThat(analyst.incidents()).hasSize(1);
    assertThat(updates).singleElement().satisfies(u -> {
      assertThat(u.incident().breachIds()).hasSize(5);
      assertThat(u.supersededIds()).contains(later);
    });
  }

  @Test
  void onBreach_sameBreachTwice_changesNothing() {
    Analyst analyst = new Analyst(AnalystConfig.defaults(), PROFILES);
    List<Breach> s2 = Scenarios.shadowPad(S2_START);
    s2.forEach(analyst::onBreach);
    List<Incident> before = analyst.incidents();

    assertThat(analyst.onBreach(s2.get(3))).isEmpty();
    assertThat(analyst.incidents()).isEqualTo(before);
  }

  @Test
  void onBreach_withoutDevice_isCountedAndIgnored() {
    Analyst analyst = new Analyst(AnalystConfig.defaults(), PROFILES);
    Breach bad = new Breach("b1", "ioc-match", "Compliance / IoC Match", "Compliance", MONDAY, null, null, 99,
        List.of(), List.of(), "x", List.of(), List.of(), Map.of());

    assertThat(analyst.onBreach(bad)).isEmpty();
    assertThat(analyst.rejected()).isEqualTo(1);
    assertThat(analyst.incidents()).isEmpty();
  }

  @Test
  void onBreach_lateBreachFromBeforeTheHorizon_isThreadedWithoutHarm() {
    Analyst analyst = new Analyst(AnalystConfig.defaults(), PROFILES);
    List<Breach> week = Scenarios.benign(5, 1500, 7, MONDAY);
    assertThat(week.size()).as("enough breaches to evict old threads").isGreaterThan(1024);
    week.stream().sorted(Comparator.comparingLong(Breach::ts)).forEach(analyst::onBreach);
    Breach early = week.get(0);
    Breach late = breach("late", early.model()).on(early.device()).to(early.peerValue()).at(early.ts() + MINUTE)
        .score(97).build();

    List<IncidentUpdate> updates = analyst.onBreach(late);

    assertThat(updates).singleElement().satisfies(u -> assertThat(u.incident().breachIds()).contains("late"));
  }
}
