package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.Role;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.site.SystemConfiguration;

final class SystemConfigurationTest {

  @TempDir Path data;

  private SystemConfiguration load(String toml) throws IOException {
    Files.writeString(data.resolve("config.toml"), toml);
    return SystemConfiguration.load(data);
  }

  @Test
  void withoutAFile_theDefaultsHold() throws IOException {
    SystemConfiguration site = SystemConfiguration.load(data);
    assertThat(site.devices().isInternal("192.168.1.5")).isTrue();
    assertThat(site.devices().isInternal("8.8.8.8")).isFalse();
    assertThat(site.timeZones().zoneOf("10.0.0.1")).isEqualTo(ZoneId.of("UTC"));
    assertThat(site.watchList().match("evil.example")).isNull();
  }

  @Test
  void everyKey_describesTheSite() throws IOException {
    Files.writeString(data.resolve("feed.csv"), "indicator,description\n203.0.113.7,known C2\nnot an indicator!\n");
    Files.writeString(data.resolve("bundle.json"), """
        {"type": "bundle", "objects": [{"type": "indicator", "name": "APT staging domain",
          "pattern": "[domain-name:value = 'staging.example']", "pattern_type": "stix"}]}
        """);
    SystemConfiguration site = load("""
        # The head office and its VPN pool
        internal_networks = ["172.20.0.0/16"]
        vpn_networks = ["172.20.200.0/24"]
        admin_credentials = "^it-"
        watch_lists = ["feed.csv", "bundle.json"]
        time_zone = "America/New_York"

        [names]
        "172.20.0.10" = "DC-01"

        [tags]
        "172.20.5.0/24" = ["finance", "pci"]

        [roles]
        "172.20.0.10" = "domain_controller"

        [time_zones]
        "172.20.64.0/18" = "Asia/Tokyo"
        "172.20.64.0/24" = "Asia/Kolkata"
        """);
    DeviceConfig devices = site.devices();
    assertThat(devices.isInternal("172.20.3.4")).isTrue();
    assertThat(devices.isInternal("10.1.1.1")).as("only the listed networks").isFalse();
    assertThat(devices.isVpn("172.20.200.9")).isTrue();
    assertThat(devices.names()).containsEntry("172.20.0.10", "DC-01");
    assertThat(devices.tags()).containsEntry("172.20.5.0/24", Set.of("finance", "pci"));
    assertThat(devices.roles()).containsEntry("172.20.0.10", Role.DOMAIN_CONTROLLER);
    assertThat(devices.adminCredentials().matcher("it-jane").find()).isTrue();
    assertThat(devices.adminCredentials().matcher("administrator").find()).as("replaced, not added to").isFalse();
    assertThat(site.timeZones().zoneOf("172.20.3.4")).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(site.timeZones().zoneOf("172.20.70.1")).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(site.timeZones().zoneOf("172.20.64.9")).as("the more specific network").isEqualTo(
        ZoneId.of("Asia/Kolkata"));
    assertThat(site.timeZones().zoneOf("fe80::1")).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(site.watchList().match("203.0.113.7")).isNotNull();
    assertThat(site.watchList().match("staging.example")).isNotNull();
    assertThat(site.warnings()).singleElement().asString().contains("feed.csv:3");
  }

  @Test
  void badFiles_nameTheFileKeyAndReason() {
    assertThatThrownBy(() -> load("internal_network = [\"10.0.0.0/8\"]\n"))
        .hasMessageContaining("config.toml: internal_network: unknown key");
    assertThatThrownBy(() -> load("vpn_networks = [\"10.0.0.0/8\", \"10.300.0.0/16\"]\n"))
        .hasMessageContaining("config.toml: vpn_networks: not an IP network: '10.300.0.0/16'");
    assertThatThrownBy(() -> load("vpn_networks = \"10.0.0.0/8\"\n"))
        .hasMessageContaining("vpn_networks: expected a list of strings");
    assertThatThrownBy(() -> load("time_zone = \"Mars/Olympus_Mons\"\n"))
        .hasMessageContaining("time_zone: unknown time zone 'Mars/Olympus_Mons'");
    assertThatThrownBy(() -> load("[time_zones]\n\"10.1.0.0/16\" = \"Europe/Atlantis\"\n"))
        .hasMessageContaining("time_zones: unknown time zone 'Europe/Atlantis'");
    assertThatThrownBy(() -> load("[roles]\n\"10.0.0.1\" = \"mainframe\"\n"))
        .hasMessageContaining("roles: unknown role 'mainframe'").hasMessageContaining("domain_controller");
    assertThatThrownBy(() -> load("watch_lists = [\"missing.csv\"]\n"))
        .hasMessageContaining("watch_lists: no such file");
    assertThatThrownBy(() -> load("admin_credentials = \"(unclosed\"\n"))
        .hasMessageContaining("admin_credentials: not a regular expression");
    assertThatThrownBy(() -> load("time_zone = \"UTC\"\nnames = = 1\n"))
        .isInstanceOf(SystemConfiguration.BadConfiguration.class).hasMessageContaining("config.toml:2");
  }

  @Test
  void analystTable_setsTheThresholdsItNames_andKeepsTheOtherDefaults() throws IOException {
    SystemConfiguration site = load("""
        [analyst]
        link_threshold = 0.5
        min_breaches = 3
        solo_score = 90
        mark_window = "12h"
        """);

    AnalystConfig defaults = AnalystConfig.defaults();
    assertThat(site.analyst()).isEqualTo(new AnalystConfig(0.5, defaults.hubDevices(), defaults.strongScore(), 3,
        defaults.minModels(), defaults.minSignal(), 90, defaults.minTopScore(), defaults.deviceWindowMicros(),
        defaults.chainWindowMicros(), 12 * AnalystConfig.HOUR, defaults.investigationBeforeMicros(),
        defaults.investigationAfterMicros(), defaults.investigationMinSignal()));
    assertThat(SystemConfiguration.load(data.resolve("nowhere")).analyst()).isEqualTo(defaults);
  }

  @Test
  void analystTable_badKeyOrValue_stopsWithTheKeyAndReason() {
    assertThatThrownBy(() -> load("[analyst]\nlink_treshold = 0.5\n"))
        .isInstanceOf(SystemConfiguration.BadConfiguration.class)
        .hasMessageContaining("analyst.link_treshold: unknown key");
    assertThatThrownBy(() -> load("[analyst]\nlink_threshold = 1.5\n"))
        .hasMessageContaining("analyst: linkThreshold must be in (0, 1]");
    assertThatThrownBy(() -> load("[analyst]\nmin_breaches = \"two\"\n"))
        .hasMessageContaining("analyst.min_breaches: expected a whole number");
    assertThatThrownBy(() -> load("[analyst]\ndevice_window = \"two days\"\n"))
        .hasMessageContaining("analyst.device_window: bad duration 'two days'");
  }

  @Test
  void timeWindowStart_movesTheStartOfTheAcceptedTimes() throws IOException {
    assertThat(SystemConfiguration.load(data).timeWindow()).isEqualTo(TimeWindow.USUAL);
    assertThat(load("time_window_start = \"1970-01-01\"\n").timeWindow().earliestMicros()).isZero();
    assertThat(load("time_window_start = \"2000-01-01T00:00:00Z\"\n").timeWindow().earliestMicros())
        .isEqualTo(946_684_800_000_000L);
    assertThatThrownBy(() -> load("time_window_start = \"9999-01-01\"\n"))
        .hasMessageContaining("time_window_start: not a date before today");
    assertThatThrownBy(() -> load("time_window_start = \"last year\"\n"))
        .hasMessageContaining("time_window_start: not a date before today");
  }

  @Test
  void microsoft_tableIsReadWithItsSecretFileBesideTheData_andABadKeyIsNamed() throws IOException {
    load("""
        [microsoft]
        tenant_id = "B3C1B5FC-828C-45FA-A1E1-10D74F6D6E9C"
        client_id = "6731de76-14a6-49ae-97bc-6eba6914391e"
        client_secret_file = "microsoft.secret"
        alert_poll_seconds = 120
        """);
    assertThat(SystemConfiguration.microsoft(data)).hasValueSatisfying(m -> {
      assertThat(m.tenantId()).isEqualTo("b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c");
      assertThat(m.secretFile()).isEqualTo(data.resolve("microsoft.secret"));
      assertThat(m.graph()).hasToString("https://graph.microsoft.com");
      assertThat(m.alertPoll()).hasSeconds(120);
    });
    assertThatThrownBy(() -> load("""
        [microsoft]
        tenant_id = "contoso.onmicrosoft.com"
        client_id = "6731de76-14a6-49ae-97bc-6eba6914391e"
        client_secret_file = "microsoft.secret"
        """)).isInstanceOf(SystemConfiguration.BadConfiguration.class)
        .hasMessageContaining("microsoft.tenant_id: 'contoso.onmicrosoft.com' is not a GUID");
    assertThatThrownBy(() -> load("""
        [microsoft]
        client_secret = "pasted-here"
        """)).hasMessageContaining("microsoft.client_secret: unknown key").hasMessageNotContaining("pasted-here");
  }

  @Test
  void microsoft_sentinelWorkspace_isReadWhole_orRefused() throws IOException {
    String table = """
        [microsoft]
        tenant_id = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"
        client_id = "6731de76-14a6-49ae-97bc-6eba6914391e"
        client_secret_file = "microsoft.secret"
        sentinel_subscription_id = "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0"
        sentinel_resource_group = "soc-rg"
        """;
    load(table + "sentinel_workspace = \"soc-workspace\"\n");
    assertThat(SystemConfiguration.microsoft(data)).hasValueSatisfying(m -> {
      assertThat(m.sentinelWorkspace().path()).isEqualTo("/subscriptions/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
          + "/resourceGroups/soc-rg/providers/Microsoft.OperationalInsights/workspaces/soc-workspace");
      assertThat(m.management()).hasToString("https://management.azure.com");
    });
    assertThatThrownBy(() -> load(table)).isInstanceOf(SystemConfiguration.BadConfiguration.class)
        .hasMessageContaining("sentinel_workspace go together");
  }
}
