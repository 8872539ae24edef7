package org.lanternfish.microsoft.defender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.ClientSecret;
import org.lanternfish.microsoft.auth.TokenSource;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.RateLimit;

final class MachineInventoryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> paced = new ArrayList<>();
  private final FakeMicrosoft fake;
  private final MachineInventory inventory;

  MachineInventoryTest() throws Exception {
    fake = new FakeMicrosoft(clock);
    MicrosoftHttp http = new MicrosoftHttp(wait -> { }, clock, 3);
    TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
        new ClientSecret(FakeMicrosoft.SECRET), http, clock);
    inventory = new MachineInventory(new AuthorizedClient(tokens, http), fake.uri(),
        new RateLimit(2, 1_500, clock, wait -> {
          paced.add(wait);
          clock.advance(wait);
        }));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void read_pagesOfMachinesAndTheirCves_inAnyCase_pacedByTheLimit() throws Exception {
    ObjectNode sample = (ObjectNode) MicrosoftHttp.JSON.readTree(FakeMicrosoft.sample("mde-machine-get-response.json"));
    sample.remove("@odata.context");
    ObjectNode second = sample.deepCopy().put("id", "2f").put("computerDnsName", "fs20.contoso.com")
        .put("healthStatus", "inactive").put("riskScore", "HIGH");
    fake.queue("/api/machines", Reply.json(200, page(List.of(sample), fake.uri() + "/api/machines?$skip=1")));
    fake.queue("/api/machines", Reply.json(200, page(List.of(second), null)));
    ObjectNode cve = MicrosoftHttp.JSON.createObjectNode().put("id", "x").put("cveId", "CVE-2019-1348")
        .put("machineId", "2f").put("severity", "Medium").put("productName", "git").put("productVendor", "git")
        .put("productVersion", "2.23.0").put("fixingKbId", (String) null);
    fake.queue("/api/vulnerabilities/machinesVulnerabilities", Reply.json(200, page(List.of(cve), null)));

    List<DefenderMachine> machines = inventory.read();
    assertThat(machines).extracting(DefenderMachine::dnsName).containsExactly("mymachine1.contoso.com",
        "fs20.contoso.com");
    DefenderMachine first = machines.get(0);
    assertThat(first.osPlatform()).isEqualTo("Windows10");
    assertThat(first.osVersion()).isEqualTo("1709");
    assertThat(first.osBuild()).isEqualTo("18209");
    assertThat(first.healthStatus()).isEqualTo("active");
    assertThat(first.riskScore()).isEqualTo("low");
    assertThat(first.exposureLevel()).isEqualTo("medium");
    assertThat(first.lastIpAddress()).isEqualTo("172.17.230.209");
    assertThat(first.vulnerabilities()).isEmpty();
    assertThat(machines.get(1).riskScore()).isEqualTo("high");
    assertThat(machines.get(1).vulnerabilities()).containsExactly(
        new DefenderMachine.Vulnerability("CVE-2019-1348", "medium", "git git 2.23.0", null));
    assertThat(paced).as("three calls under a limit of two a minute").containsExactly(Duration.ofMinutes(1));
  }

  private static String page(List<ObjectNode> items, String next) {
    ObjectNode page = MicrosoftHttp.JSON.createObjectNode();
    if (next != null) {
      page.put("@odata.nextLink", next);
    }
    ArrayNode value = page.putArray("value");
    items.forEach(value::add);
    return page.toString();
  }
}
