package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.MONDAY;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

final class ClausesTest {

  private static final Clauses CLAUSES = new Clauses(Set.of("WS-1", "SRV-1"));

  private static Breach of(String modelId, Map<String, String> entities) {
    return new Breach("b-" + modelId, modelId, "Some Category / " + modelId, "Some Category", MONDAY, "WS-1",
        new Peer(Peer.Kind.DEVICE, "SRV-1"), 70, List.of(), List.<Tactic>of(), "explained",
        List.<Evidence>of(), List.of("C1"), entities);
  }

  @Test
  void of_everyShippedModelsStep_tellsWhatTheDeviceDid() {
    for (Step step : Step.values()) {
      for (String id : step.modelIds()) {
        String clause = CLAUSES.of(step.act(), List.of(of(id, Map.of())));
        assertThat(clause).as(step + " / " + id).isNotBlank().doesNotStartWith("showed unusual activity");
      }
    }
  }

  @Test
  void of_discovery_saysWhatWasEnumeratedNotThatItWasScanned() {
    String clause = CLAUSES.of(Step.Act.DISCOVERY, List.of(of("samr-domain-enumeration", Map.of()),
        of("ldap-reconnaissance", Map.of())));

    assertThat(clause).isEqualTo("enumerated accounts and groups (SAMR) and privileged groups and accounts (LDAP) on"
        + " SRV-1");
    assertThat(CLAUSES.of(Step.Act.DISCOVERY, List.of(of("port-scan", Map.of())))).isEqualTo("scanned SRV-1");
  }

  @Test
  void of_credentialAccess_namesTheTechniqueAndTheFiles() {
    assertThat(CLAUSES.of(Step.Act.CREDENTIALS, List.of(of("kerberoasting", Map.of()))))
        .contains("Kerberoasting");
    assertThat(CLAUSES.of(Step.Act.CREDENTIALS, List.of(of("password-database-copied-over-smb",
        Map.of("file", "Windows\\NTDS\\ntds.dit")))))
        .isEqualTo("copied Windows\\NTDS\\ntds.dit from SRV-1 over SMB");
  }

  @Test
  void of_sessionOnUnusualPort_namesThePort() {
    assertThat(CLAUSES.of(Step.Act.C2, List.of(of("internal-session-on-unusual-port",
        Map.of("service_port", "4433", "destination", "SRV-1")))))
        .isEqualTo("held sessions with SRV-1 on the unusual port 4433");
  }
}
