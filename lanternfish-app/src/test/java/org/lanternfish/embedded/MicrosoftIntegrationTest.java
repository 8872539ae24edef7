package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.web.settings.Integration.ConnectionTest;

/** The System Configuration page's "test connection" for Microsoft, against a local fake of Entra, Graph and MDE. */
final class MicrosoftIntegrationTest {
  @TempDir Path data;

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
      fake.grantAll();
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(403, "{\"error\":{\"code\":\"Forbidden\","
          + "\"message\":\"Missing application roles. API required roles: SecurityAlert.Read.All\"}}"));
      fake.configure(data, FakeMicrosoft.SECRET);
      MicrosoftIntegration microsoft = new MicrosoftIntegration(data, Clock.systemUTC());

      assertThat(microsoft.describe()).contains(FakeMicrosoft.TENANT).doesNotContain(FakeMicrosoft.SECRET);
      ConnectionTest test = microsoft.testConnection();
      assertThat(test.ok()).isFalse();
      assertThat(test.message()).contains("SecurityAlert.Read.All").contains("ok read machines")
          .doesNotContain(FakeMicrosoft.SECRET);
    }
  }
}
