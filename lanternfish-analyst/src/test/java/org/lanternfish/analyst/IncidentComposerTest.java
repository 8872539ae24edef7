package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.DAY;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MINUTE;
import static org.lanternfish.analyst.BreachFactory.MONDAY;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;

final class IncidentComposerTest {

  private static Incident only(List<Breach> breaches) {
    List<Incident> incidents = Analyst.thread(breaches, AnalystConfig.defaults(), TradecraftProfiles.bundled());
    assertThat(incidents).hasSize(1);
    return incidents.get(0);
  }

  private static Incident shadowPad() {
    return only(Scenarios.shadowPad(MONDAY + 2 * DAY + 70 * MINUTE));
  }

  private static Incident dataTheft() {
    return only(Scenarios.dataTheft(MONDAY + DAY + 9 * HOUR));
  }

  @Test
  void shadowPad_phasesInKillChainOrder() {
    Incident incident = shadowPad();

    assertThat(incident.phases()).isSorted().contains(Phase.INITIAL_ACCESS, Phase.CREDENTIAL_ACCESS,
        Phase.LATERAL_MOVEMENT, Phase.COMMAND_AND_CONTROL).doesNotContain(Phase.EXFILTRATION);
    assertThat(incident.title()).startsWith("Initial access").contains("DESKTOP-O82ILGG");
  }

  @Test
  void shadowPad_deviceGraphShowsLateralMovementAndDcSync() {
    Incident incident = shadowPad();

    assertThat(incident.devices()).containsExactly("DESKTOP-O82ILGG", "DC-01", "DC-02");
    assertThat(incident.edges()).extracting(e -> e.from() + ">" + e.to() + ":" + e.kind())
        .contains("DESKTOP-O82ILGG>DC-01:SMB_WRITE", "DESKTOP-O82ILGG>DC-01:RDP", "DESKTOP-O82ILGG>DC-02:DCSYNC",
            "DC-01>158.247.199.185:DNS_TUNNEL");
    assertThat(incident.edges()).filteredOn(e -> e.to().equals("158.247.199.185"))
        .allSatisfy(e -> assertThat(e.internal()).isFalse());
  }

  @Test
  void aPushFoldedIntoOneBreach_showsTheWriteAndTheServiceInGraphAndStory() {
    Breach push = new Breach("p", "service-created-remotely", "Device / Service Created Remotely", "Device",
        MONDAY + 10 * HOUR, "WS-7", new Peer(Peer.Kind.DEVICE, "WS-12"), 90, List.of("T1569.002", "T1570"), List.of(),
        "WS-7 used svcctl CreateServiceW to create or start a service on WS-12.",
        List.of(new Evidence(Evidence.FOLDED_MODEL + "executable-written-to-new-admin-share",
            "Anomalous File / Executable Written to New Admin Share \u2014 WS-7 wrote the executable", 90)),
        List.of("C1", "C2"), Map.of("file", "Windows\\Temp\\svc.exe", "share", "ADMIN$", "credential", "adm-7"));

    Incident incident = only(List.of(push));

    assertThat(incident.edges()).extracting(e -> e.from() + ">" + e.to() + ":" + e.kind())
        .containsExactly("WS-7>WS-12:SERVICE", "WS-7>WS-12:SMB_WRITE");
    assertThat(incident.summaryText()).contains("wrote Windows\\Temp\\svc.exe to the ADMIN$ share of WS-12",
        "created services remotely on WS-12");
  }

  @Test
  void shadowPad_summaryTellsTheKeyFacts() {
    String text = shadowPad().summaryText();

    assertThat(text).contains("DESKTOP-O82ILGG", "connected over the VPN from 194.5.83.25", "svc-backup",
        "C:\\PerfLogs\\", "DC-01", "DCSync", "DC-02", "chtq.net", "ShadowPad", "not an attribution");
  }

  @Test
  void dataTheft_summaryTellsTheKeyFacts() {
    String text = dataTheft().summaryText();

    assertThat(text).contains("adm-mkraus", "ProgramData\\Oracle\\", "ProgramData\\Adobe\\ARM\\", "c$ share", "WMI",
        "FS-02", "yasuconsulting.com", "DPRK-linked data theft");
  }

  @Test
  void summaries_everySentenceLinksToItsBreachesAndRecords() {
    for (Incident incident : List.of(shadowPad(), dataTheft())) {
      Set<String> ids = new HashSet<>(incident.breachIds());
      Set<String> told = new HashSet<>();
      for (Sentence sentence : incident.summary().subList(1, incident.summary().size())) {
        assertThat(ids).containsAll(sentence.breachIds());
        List<String> uids = incident.breaches().stream().filter(b -> sentence.breachIds().contains(b.id()))
            .flatMap(b -> b.recordUids().stream()).toList();
        assertThat(sentence.recordUids()).isNotEmpty().containsExactlyInAnyOrderElementsOf(new HashSet<>(uids));
        told.addAll(sentence.breachIds());
      }
      assertThat(told).as("every breach is told in some sentence").isEqualTo(ids);
    }
  }

  @Test
  void dataTheft_resemblesDprkTradecraft_notShadowPad() {
    Incident incident = dataTheft();

    assertThat(incident.resemblances()).extracting(Resemblance::profile).containsExactly("DPRK-linked data theft");
    Resemblance hint = incident.resemblances().get(0);
    assertThat(hint.matched()).isGreaterThanOrEqualTo(4);
    assertThat(hint.headline()).matches("resembles DPRK-linked data theft \\((medium|high) confidence\\): \\d of 6 .*");
    assertThat(hint.reasons()).anySatisfy(r -> assertThat(r).contains("ProgramData\\Adobe\\ARM\\webservices.dll"));
  }

  @Test
  void priority_growsWithPhasesAndDevices() {
    Incident s2 = shadowPad();
    List<Breach> firstTwo = Scenarios.shadowPad(MONDAY).subList(0, 2);
    IncidentComposer composer = new IncidentComposer(TradecraftProfiles.none());

    assertThat(s2.priority()).isBetween(0, 100).isGreaterThan(composer.priority(firstTwo));
  }

  @Test
  void id_comesFromTheEarliestBreach() {
    Incident incident = shadowPad();

    assertThat(incident.id()).matches("INC-[0-9a-f]{12}").isEqualTo(IncidentComposer.idOf(incident.breaches().get(0)));
    assertThat(incident.id()).isNotEqualTo(dataTheft().id());
  }
}
