package org.lanternfish.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.junit.jupiter.api.Test;

final class ResponderTest {

  private static final long MINUTE = 60_000_000L;
  private static final long T0 = 1_700_000_000_000_000L;

  private static Breach network(String id, long ts, String device) {
    return new Breach(id, "new-user-agent-to-internal-server", "Anomalous Connection / New User Agent to Internal"
        + " Server", "Anomalous Connection", ts, device, new Peer(Peer.Kind.DEVICE, "SRV-1"), 70, List.of("T1071.001"),
        List.of(Tactic.COMMAND_AND_CONTROL), "new agent", List.of(), List.of("C1"),
        Map.of("device_ip", "10.0.3.7", "peer_address", "10.0.0.20", "service_port", "8080"));
  }

  private static Breach alert(String id, long ts, String device) {
    return new Breach(id, "defender-alert", "Security Integration / Defender Alert: x", "Security Integration", ts,
        device, null, 80, List.of("T1055"), List.of(Tactic.DEFENSE_EVASION), "Defender says so", List.of(),
        List.of("da1"), Map.of("actor", "DEV-0408"));
  }

  @Test
  void onBreach_networkBreachThenDefenderAlertOnTheSameDevice_blocksThatConnectionForTwoHours() {
    Responder responder = new Responder(ResponsePolicy.defaults());
    assertThat(responder.onBreach(network("n1", T0, "PC-7"))).isEmpty();
    List<ActionLedger.Proposal> proposals = responder.onBreach(alert("a1", T0 + 20 * MINUTE, "PC-7"));

    assertThat(proposals).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ActionKind.BLOCK_CONNECTIONS);
      assertThat(p.target()).isEqualTo(new ActionTarget("PC-7", "10.0.3.7", "10.0.0.20", 8080));
      assertThat(p.durationMicros()).isEqualTo(120 * MINUTE);
      assertThat(p.reasons()).containsExactly("n1", "a1");
      assertThat(p.autonomous()).isTrue();
    });
  }

  @Test
  void onBreach_alertFirstThenNetworkBreach_alsoBlocks() {
    Responder responder = new Responder(ResponsePolicy.defaults());
    responder.onBreach(alert("a1", T0, "PC-7"));
    assertThat(responder.onBreach(network("n1", T0 + 5 * MINUTE, "PC-7"))).hasSize(1);
  }

  @Test
  void onBreach_onOtherDevicesOrHoursApart_doesNothing() {
    Responder responder = new Responder(ResponsePolicy.defaults());
    responder.onBreach(network("n1", T0, "PC-7"));
    assertThat(responder.onBreach(alert("a1", T0 + 5 * MINUTE, "PC-8"))).as("another device").isEmpty();
    assertThat(responder.onBreach(alert("a2", T0 + 90 * MINUTE, "PC-7"))).as("90 minutes later").isEmpty();
    assertThat(responder.onBreach(network("n2", T0 + 95 * MINUTE, "PC-9"))).isEmpty();
  }

  @Test
  void onIncident_actsOnEachDeviceWhenThePriorityEntersTheBand_notWhileItStaysThere_andBreachesDoNotAnswerIt() {
    ResponsePolicy policy = new ResponsePolicy(List.of(new ResponseRule("critical", Set.of(), Set.of(), 80, 100,
        false, 0, ActionKind.BLOCK_OUTGOING, 60 * MINUTE, false, false, true, null)));
    Responder responder = new Responder(policy);
    Map<String, String> devices = Map.of("PC-7", "10.0.3.7", "PC-8", "10.0.3.8");
    assertThat(responder.onIncident("INC-1", 70, devices)).isEmpty();
    assertThat(responder.onIncident("INC-1", 85, devices)).extracting(ActionLedger.Proposal::target).containsExactly(
        ActionTarget.device("PC-7", "10.0.3.7"), ActionTarget.device("PC-8", "10.0.3.8"));
    assertThat(responder.onIncident("INC-1", 95, devices)).as("already in the band").isEmpty();
    assertThat(responder.onIncident("INC-1", 40, devices)).isEmpty();
    assertThat(responder.onIncident("INC-1", 81, devices)).as("entered again").hasSize(2)
        .allSatisfy(p -> assertThat(p.reasons()).containsExactly("INC-1"));
    assertThat(responder.onIncident("INC-2", 99, Map.of())).as("no device with an address").isEmpty();
    assertThat(responder.onBreach(network("n1", T0, "PC-7"))).as("an incident rule answers no breach").isEmpty();

    Responder restored = new Responder(policy, responder.memory(), responder.incidentPriorities());
    assertThat(restored.onIncident("INC-1", 90, devices)).as("remembered across a save").isEmpty();
    restored.onIncidentRetired("INC-1");
    assertThat(restored.incidentPriorities()).containsOnlyKeys("INC-2");
  }

  @Test
  void onBreach_aModelRuleAnswersAnActThatFoldedItsModel_andTheMemoryKeepsTheFoldAcrossASave() {
    ResponsePolicy policy = new ResponsePolicy(List.of(new ResponseRule("payloads",
        Set.of("executable-written-to-new-admin-share"), Set.of(), 60, 100, false, 0, ActionKind.BLOCK_CONNECTIONS,
        60 * MINUTE, false, true)));
    Breach push = new Breach("p1", "service-created-remotely", "Device / Service Created Remotely", "Device", T0,
        "PC-7", new Peer(Peer.Kind.DEVICE, "SRV-1"), 75, List.of("T1569.002"), List.of(Tactic.EXECUTION), "push",
        List.of(new Evidence(Evidence.FOLDED_MODEL + "executable-written-to-new-admin-share", "also matched", 70)),
        List.of("C1"), Map.of("device_ip", "10.0.3.7", "peer_address", "10.0.0.20", "service_port", "445"));
    Breach service = new Breach("s1", "service-created-remotely", "Device / Service Created Remotely", "Device", T0,
        "PC-8", new Peer(Peer.Kind.DEVICE, "SRV-1"), 75, List.of("T1569.002"), List.of(Tactic.EXECUTION), "service",
        List.of(), List.of("C2"), Map.of("device_ip", "10.0.3.8", "peer_address", "10.0.0.20", "service_port", "445"));

    Responder responder = new Responder(policy);
    assertThat(responder.onBreach(push)).extracting(ActionLedger.Proposal::target)
        .containsExactly(new ActionTarget("PC-7", "10.0.3.7", "10.0.0.20", 445));
    assertThat(responder.onBreach(service)).as("no payload written in this act").isEmpty();
    assertThat(RespondState.decode(new RespondState(RespondState.VERSION, List.of(), responder.memory(), Map.of())
        .encode()).memory()).isEqualTo(responder.memory());
  }
}
