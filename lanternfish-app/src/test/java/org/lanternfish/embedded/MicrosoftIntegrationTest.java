package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.web.settings.Integration.ConnectionTest;

/** The System Configuration page's "test connection" for Microsoft, against a local fake of Entra, Graph and MDE. */
final class MicrosoftIntegrationTest {
  @TempDir Path data;

  private void configure(FakeMicrosoft fake) throws Exception {
    Files.writeString(data.resolve("config.toml"), "[microsoft]\n"
        + "tenant_id = \"" + FakeMicrosoft.TENANT + "\"\n"
        + "client_id = \"" + FakeMicrosoft.CLIENT + "\"\n"
        + "client_secret_file = \"microsoft.secret\"\n"
        + "login_endpoint = \"" + fake.uri() + "\"\n"
        + "graph_endpoint = \"" + fake.uri() + "\"\n"
        + "defender_endpoint = \"" + fake.uri() + "\"\n");
    Path file = data.resolve("microsoft.secret");
    Files.writeString(file, FakeMicrosoft.SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void notConfigured_saysHowToConfigureIt() {
    MicrosoftIntegration microsoft = new MicrosoftIntegration(data, Clock.systemUTC());

    assertThat(microsoft.describe()).contains("not configured");
    ConnectionTest test = microsoft.testConnection();
    assertThat(test.ok()).isFalse();
    assertThat(test.message()).contains("[microsoft]");
  }

  @Test
  void missingPermission_failsNamingIt_andNeverShowsTheSecret() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(403, "{\"error\":{\"code\":\"Forbidden\","
          + "\"message\":\"Missing application roles. API required roles: SecurityAlert.Read.All\"}}"));
      fake.on("/api/machines", exchange -> Reply.json(200, "{\"value\":[]}"));
      fake.on("/api/vulnerabilities/machinesVulnerabilities", exchange -> Reply.json(200, "{\"value\":[]}"));
      configure(fake);
      MicrosoftIntegration microsoft = new MicrosoftIntegration(data, Clock.systemUTC());

      assertThat(microsoft.describe()).contains(FakeMicrosoft.TENANT).doesNotContain(FakeMicrosoft.SECRET);
      ConnectionTest test = microsoft.testConnection();
      assertThat(test.ok()).isFalse();
      assertThat(test.message()).contains("SecurityAlert.Read.All").contains("ok read machines")
          .doesNotContain(FakeMicrosoft.SECRET);
    }
  }

  @Test
  void everythingGranted_passes() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(200, "{\"value\":[]}"));
      fake.on("/api/machines", exchange -> Reply.json(200, "{\"value\":[]}"));
      fake.on("/api/vulnerabilities/machinesVulnerabilities", exchange -> Reply.json(200, "{\"value\":[]}"));
      configure(fake);

      assertThat(new MicrosoftIntegration(data, Clock.systemUTC()).testConnection().ok()).isTrue();
    }
  }
}
