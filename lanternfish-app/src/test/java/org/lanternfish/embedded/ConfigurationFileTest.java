package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.web.settings.SiteConfiguration;

final class ConfigurationFileTest {
  @TempDir Path dataDir;

  @Test
  void read_givesTheParsersProblemWithItsLine_forSyntaxAndForBadValues() {
    ConfigurationFile file = new ConfigurationFile(dataDir);
    SiteConfiguration.Problem syntax = file.read("# site\ninternal_networks = [\"10.0.0.0/8\"\n").problem();
    assertThat(syntax.line()).isEqualTo(3);
    SiteConfiguration.Problem value = file.read("# site\n\nvpn_networks = [\"10.8.0.0/33\"]\n").problem();
    assertThat(value.line()).isEqualTo(3);
    assertThat(value.reason()).startsWith("vpn_networks: ");
    SiteConfiguration.Problem role = file.read("[names]\n\"10.0.0.1\" = \"DC\"\n[roles]\n\"10.0.0.1\" = \"king\"\n")
        .problem();
    assertThat(role.line()).isEqualTo(3);
    assertThat(role.reason()).contains("unknown role 'king'");
    SiteConfiguration.Problem list = file.read("watch_lists = [\"intel/none.csv\"]\n").problem();
    assertThat(list.reason()).contains("no such file");
  }

  @Test
  void save_writesOnlyWhatReads_andSummarisesIt() throws IOException {
    Files.createDirectories(dataDir.resolve("intel"));
    Files.writeString(dataDir.resolve("intel/iocs.csv"), "203.0.113.9,c2\nevil.example,c2\n");
    ConfigurationFile file = new ConfigurationFile(dataDir);
    assertThat(file.text()).isEmpty();
    assertThat(file.save("vpn_networks = 1\n").valid()).isFalse();
    assertThat(dataDir.resolve("config.toml")).doesNotExist();
    String text = "vpn_networks = [\"10.8.0.0/16\"]\nwatch_lists = [\"intel/iocs.csv\"]\n"
        + "[names]\n\"10.0.0.10\" = \"DC-01\"\n[roles]\n\"10.0.0.10\" = \"domain_controller\"\n";
    SiteConfiguration.Summary summary = file.save(text).summary();
    assertThat(file.text()).isEqualTo(text);
    assertThat(SystemConfiguration.load(dataDir).devices().names()).containsEntry("10.0.0.10", "DC-01");
    assertThat(summary.vpnNetworks()).containsExactly("10.8.0.0/16");
    assertThat(summary.names()).containsEntry("10.0.0.10", "DC-01");
    assertThat(summary.roles()).containsEntry("10.0.0.10", "domain_controller");
    assertThat(summary.watchLists()).containsExactly(new SiteConfiguration.WatchListFile("intel/iocs.csv", 2));
    assertThat(file.save("vpn_networks = [\"10.8.0.0/99\"]\n").valid()).isFalse();
    assertThat(file.text()).isEqualTo(text);
  }
}
