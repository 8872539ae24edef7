package org.lanternfish.microsoft.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.fake.TestCertificates;
import org.lanternfish.microsoft.http.MicrosoftHttp;

final class ConnectionCheckTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final MicrosoftHttp http = new MicrosoftHttp(d -> { }, clock, 2);
  @TempDir
  Path dataDir;

  private MicrosoftSettings settings(String endpoint, String secret, String mode) throws IOException {
    Path file = dataDir.resolve("microsoft.secret");
    Files.writeString(file, secret + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    ObjectNode table = MicrosoftHttp.JSON.createObjectNode().put("tenant_id", FakeMicrosoft.TENANT)
        .put("client_id", FakeMicrosoft.CLIENT).put("client_secret_file", "microsoft.secret")
        .put("login_endpoint", endpoint).put("graph_endpoint", endpoint).put("defender_endpoint", endpoint);
    return MicrosoftSettings.read(table, dataDir);
  }

  @Test
  void run_everythingGranted_passes() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(200, "{\"value\":[]}"));
      fake.on("/api/machines", exchange -> Reply.json(200, "{\"value\":[]}"));
      fake.on("/api/vulnerabilities/machinesVulnerabilities", exchange -> Reply.json(200, "{\"value\":[]}"));
      List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings(fake.uri().toString(), FakeMicrosoft.SECRET,
          "rw-------"), http, clock);
      assertThat(steps).extracting(ConnectionCheck.Step::ok).containsOnly(true).hasSize(6);
      assertThat(ConnectionCheck.passed(steps)).isTrue();
    }
  }

  @Test
  void run_sentinelWorkspaceWithoutTheReaderRole_namesTheRole() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.grantAll();
      String workspace = "/subscriptions/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/resourceGroups/soc-rg/providers"
          + "/Microsoft.OperationalInsights/workspaces/soc-workspace/providers/Microsoft.SecurityInsights/incidents";
      fake.on(workspace, exchange -> Reply.json(403, "{\"error\":{\"code\":\"AuthorizationFailed\","
          + "\"message\":\"no incidents/read\"}}"));
      String endpoint = fake.uri().toString();
      ObjectNode table = MicrosoftHttp.JSON.createObjectNode().put("tenant_id", FakeMicrosoft.TENANT)
          .put("client_id", FakeMicrosoft.CLIENT).put("client_secret_file", "microsoft.secret")
          .put("login_endpoint", endpoint).put("graph_endpoint", endpoint).put("defender_endpoint", endpoint)
          .put("management_endpoint", endpoint).put("sentinel_subscription_id", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
          .put("sentinel_resource_group", "soc-rg").put("sentinel_workspace", "soc-workspace");
      settings(endpoint, FakeMicrosoft.SECRET, "rw-------");
      List<ConnectionCheck.Step> steps = ConnectionCheck.run(MicrosoftSettings.read(table, dataDir), http, clock);
      assertThat(steps.getLast().name()).isEqualTo("read incidents (Sentinel)");
      assertThat(steps.getLast().ok()).isFalse();
      assertThat(steps.getLast().detail()).contains("Microsoft Sentinel Reader", "AuthorizationFailed");
      assertThat(steps.subList(0, steps.size() - 1)).extracting(ConnectionCheck.Step::ok).containsOnly(true);
    }
  }

  @Test
  void run_withACertificate_logsInWithIt_andSettingsTakeASecretOrACertificateNotBoth() throws Exception {
    KeyStore keys = TestCertificates.keyStore(dataDir, "lanternfish.contoso.com");
    TestCertificates.pem(keys, dataDir.resolve("app.pem"));
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.grantAll();
      fake.trustCertificate(TestCertificates.certificate(keys));
      String endpoint = fake.uri().toString();
      ObjectNode table = MicrosoftHttp.JSON.createObjectNode().put("tenant_id", FakeMicrosoft.TENANT)
          .put("client_id", FakeMicrosoft.CLIENT).put("client_certificate_file", "app.pem")
          .put("login_endpoint", endpoint).put("graph_endpoint", endpoint).put("defender_endpoint", endpoint);
      MicrosoftSettings settings = MicrosoftSettings.read(table, dataDir);
      assertThat(settings.secretFile()).isNull();
      List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings, http, clock);
      assertThat(steps.get(0).name()).isEqualTo("client certificate file");
      assertThat(ConnectionCheck.passed(steps)).as(steps.toString()).isTrue();

      table.put("client_secret_file", "microsoft.secret");
      assertThatThrownBy(() -> MicrosoftSettings.read(table, dataDir))
          .hasMessageStartingWith("microsoft: give either client_secret_file or client_certificate_file");
    }
  }

  @Test
  void run_forbiddenMachines_namesTheMissingPermission() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(200, "{\"value\":[]}"));
      fake.on("/api/machines", exchange -> Reply.json(403, "{\"error\":{\"code\":\"Forbidden\","
          + "\"message\":\"The application does not have any of the required application permissions"
          + " (Machine.Read.All, Machine.ReadWrite.All) to access the resource.\"}}"));
      fake.on("/api/vulnerabilities/machinesVulnerabilities", exchange -> Reply.json(200, "{\"value\":[]}"));
      List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings(fake.uri().toString(), FakeMicrosoft.SECRET,
          "rw-------"), http, clock);
      assertThat(steps).filteredOn(s -> !s.ok()).singleElement().satisfies(s -> {
        assertThat(s.name()).isEqualTo("read machines (Defender API)");
        assertThat(s.detail()).contains("lacks the Machine.Read.All permission")
            .contains("https://api.securitycenter.microsoft.com").contains("HTTP 403");
      });
    }
  }

  @Test
  void run_wrongSecret_stopsAtTheTokens() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings(fake.uri().toString(), "wrong-one",
          "rw-------"), http, clock);
      assertThat(steps).extracting(ConnectionCheck.Step::ok).containsExactly(true, false, false);
      assertThat(steps.get(1).detail()).contains("the client secret is wrong").doesNotContain("wrong-one");
    }
  }

  @Test
  void run_worldReadableSecret_isNotRead() throws Exception {
    List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings("http://127.0.0.1:9", FakeMicrosoft.SECRET,
        "rw-r--r--"), http, clock);
    assertThat(steps).singleElement().satisfies(s -> {
      assertThat(s.ok()).isFalse();
      assertThat(s.detail()).contains("chmod 600");
    });
  }

  @Test
  void run_unreachableLogin_saysWhichHost() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<ConnectionCheck.Step> steps = ConnectionCheck.run(settings("http://127.0.0.1:" + port,
        FakeMicrosoft.SECRET, "rw-------"), http, clock);
    assertThat(steps.get(1).detail()).contains("cannot reach 127.0.0.1:" + port);
  }
}
