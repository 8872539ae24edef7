package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.MONDAY;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Tactic;

final class StepTest {

  private static Step of(String model, String... techniques) {
    return Step.of(breach("x", model).on("WS-1").at(MONDAY).techniques(techniques).build());
  }

  @Test
  void of_catalogueModels_readAsTheirStep() {
    Map<String, Step> expected = Map.ofEntries(
        Map.entry("User / New Admin Credentials on Client", Step.NEW_CREDENTIAL),
        Map.entry("Anomalous Connection / Unusual Admin SMB Session", Step.ADMIN_SMB),
        Map.entry("Compliance / SMB Drive Write", Step.SMB_WRITE),
        Map.entry("Device / Anomalous SMB Followed By Multiple Model Breaches", Step.FOLLOW_UP),
        Map.entry("Anomalous Connection / New User Agent to Internal Server", Step.USER_AGENT),
        Map.entry("Anomalous Connection / Suspicious DCSync", Step.DCSYNC),
        Map.entry("Device / Remote WMI Execution After SMB Upload", Step.WMI),
        Map.entry("Device / Service Created Remotely", Step.SERVICE),
        Map.entry("Anomalous File / Masqueraded Executable Written to Share", Step.MASQUERADED_FILE),
        Map.entry("Anomalous File / Masqueraded File Transfer", Step.MASQUERADED_FILE),
        Map.entry("Anomalous Connection / Unusual RDP From VPN", Step.RDP),
        Map.entry("User / VPN Login From Unusual Device", Step.VPN_LOGIN),
        Map.entry("Anomalous Server Activity / DNS Tunnelling", Step.DNS_TUNNEL),
        Map.entry("Compromise / Beaconing to Rare Destination", Step.BEACON),
        Map.entry("Anomalous Connection / Data Sent to Rare Domain", Step.EXFILTRATION),
        Map.entry("Unusual Activity / Unusual Internal Download", Step.INTERNAL_DOWNLOAD),
        Map.entry("Anomalous Connection / Uncommon 1 GiB Outbound", Step.EXFILTRATION),
        Map.entry("Compliance / IoC Match", Step.IOC_MATCH),
        Map.entry("Device / Port Scan", Step.SCAN),
        Map.entry("Device / Brute Force", Step.BRUTE_FORCE),
        Map.entry("Security Integration / Suricata Alert: ET SCAN Nmap", Step.INTEGRATION_ALERT),
        Map.entry("Security Integration / Defender Alert: Credential theft", Step.INTEGRATION_ALERT));

    expected.forEach((model, step) -> assertThat(of(model)).as(model).isEqualTo(step));
  }

  @Test
  void of_unknownModel_fallsBackOnTechniques() {
    assertThat(of("Custom / Something New", "T1003.006")).isEqualTo(Step.DCSYNC);
    assertThat(of("Custom / Something New", "T1021.002")).isEqualTo(Step.ADMIN_SMB);
    assertThat(of("Custom / Something New")).isEqualTo(Step.OTHER);
  }

  @Test
  void of_readsTheModelIdNotTheDisplayName() {
    Breach renamed = new Breach("x", "smb-drive-write", "Custom / Files Copied", "Custom", MONDAY, "WS-1", null, 35,
        List.of(), List.of(), "x", List.of(), List.of(), Map.of());
    Breach misleading = new Breach("y", "my-model", "Custom / SMB Drive Write Beaconing DCSync", "Custom", MONDAY,
        "WS-1", null, 35, List.of(), List.of(), "x", List.of(), List.of(), Map.of());

    assertThat(Step.of(renamed)).isEqualTo(Step.SMB_WRITE);
    assertThat(Step.of(misleading)).isEqualTo(Step.OTHER);
  }

  @Test
  void of_aSummaryThatScoredHighestOverAFoldedAct_readsAsTheAct() {
    Breach act = new Breach("x", "anomalous-smb-followed-by-multiple-model-breaches",
        "Device / Anomalous SMB Followed By Multiple Model Breaches", "Device", MONDAY, "WS-1", null, 85, List.of(),
        List.of(), "x", List.of(new Evidence(Evidence.FOLDED_MODEL + "masqueraded-executable-written-to-share",
            "Anomalous File / Masqueraded Executable Written to Share \u2014 WS-1 wrote a.exe", 80)), List.of(),
        Map.of());
    Breach summary = new Breach("y", "anomalous-smb-followed-by-multiple-model-breaches",
        "Device / Anomalous SMB Followed By Multiple Model Breaches", "Device", MONDAY, "WS-1", null, 85, List.of(),
        List.of(), "x", List.of(), List.of(), Map.of());

    assertThat(Step.of(act)).isEqualTo(Step.MASQUERADED_FILE);
    assertThat(Step.of(summary)).isEqualTo(Step.FOLLOW_UP);
  }

  @Test
  void of_anAdminSessionFoldingWhatWasDoneInIt_readsAsTheDeed() {
    Breach wrote = folded("unusual-admin-smb-session", "executable-written-to-new-admin-share");
    Breach loggedOn = folded("unusual-admin-smb-session", "new-admin-credentials-on-client");
    Breach created = folded("password-database-copied-over-smb", "unusual-admin-smb-session");

    assertThat(Step.of(wrote)).isEqualTo(Step.SMB_WRITE);
    assertThat(Step.of(loggedOn)).isEqualTo(Step.ADMIN_SMB);
    assertThat(Step.of(created)).isEqualTo(Step.PASSWORD_DATABASE);
  }

  @Test
  void steps_aRemoteExecutionThatFoldedItsPayloadsWrite_tellsTheExecutionThenTheWrite() {
    assertThat(Step.steps(folded("service-created-remotely", "executable-written-to-new-admin-share")))
        .containsExactly(Step.SERVICE, Step.SMB_WRITE);
    assertThat(Step.steps(folded("remote-wmi-execution-after-smb-upload", "masqueraded-executable-written-to-share")))
        .containsExactly(Step.WMI, Step.MASQUERADED_FILE);
    assertThat(Step.steps(folded("service-created-remotely", "new-admin-credentials-on-client")))
        .containsExactly(Step.SERVICE);
    assertThat(Step.steps(folded("unusual-admin-smb-session", "executable-written-to-new-admin-share")))
        .containsExactly(Step.SMB_WRITE);
  }

  /** A breach of model {@code main} that folded the act's other model {@code also}. */
  private static Breach folded(String main, String also) {
    return new Breach("x", main, "Some / Model", "Device", MONDAY, "WS-1", null, 75, List.of(), List.of(), "x",
        List.of(new Evidence(Evidence.FOLDED_MODEL + also, "Other / Model \u2014 WS-1 did it", 50)), List.of(),
        Map.of());
  }

  @Test
  void tactics_areTheBreachTacticsPlusTheStepPhase() {
    Breach vpn = breach("v", "User / VPN Login From Unusual Device").on("WS-1").at(MONDAY).techniques("T1133", "T1078")
        .build();
    Breach stated = new Breach("s", "my-model", "Custom / Thing", "Custom", MONDAY, "WS-1", null, 35,
        List.of("T1021.002"), List.of(Tactic.EXFILTRATION, Tactic.DEFENSE_EVASION), "x", List.of(), List.of(),
        Map.of());

    assertThat(Tactics.of(vpn, Step.of(vpn))).containsExactly(Phase.INITIAL_ACCESS, Phase.PRIVILEGE_ESCALATION);
    assertThat(Tactics.of(stated, Step.of(stated))).containsExactly(Phase.LATERAL_MOVEMENT, Phase.EXFILTRATION);
  }
}
