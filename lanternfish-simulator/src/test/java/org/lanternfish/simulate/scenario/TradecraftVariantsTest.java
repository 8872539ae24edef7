package org.lanternfish.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;
import org.lanternfish.simulate.zeek.ZeekLog;

/** Each story step draws its tradecraft from several variants by the seed, and the truth names the one drawn. */
final class TradecraftVariantsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 10);

  @Test
  void inject_sameSeed_drawsSameVariants() {
    assertThat(variants("S2", 5, true)).isEqualTo(variants("S2", 5, true));
    assertThat(variants("S3", 5, true)).isEqualTo(variants("S3", 5, true));
  }

  @Test
  void inject_withoutTradecraft_alwaysDrawsTheDefault() {
    for (long seed = 1; seed <= 6; seed++) {
      for (String id : List.of("S1", "S2", "S3")) {
        assertThat(variants(id, seed, false)).allSatisfy(v -> assertThat(v).doesNotContain("jitter50", "winrm",
            "svcctl", "task", "user-account", "few-sites", "internal-workstation", "from-member-server", "ADMIN$"));
      }
    }
  }

  @Test
  void inject_overManySeeds_drawsEveryVariantOfEveryStep() {
    Set<String> seen = new TreeSet<>();
    Set<String> techniques = new TreeSet<>();
    for (long seed = 1; seed <= 60; seed++) {
      for (String id : List.of("S1", "S2", "S3", "beaconing")) {
        for (StepTruth step : truth(id, seed, true).steps()) {
          seen.addAll(List.of(step.variant().split("\\+")));
          techniques.add(step.technique());
        }
      }
    }
    assertThat(seen).contains("admin-account", "service-account", "user-account", "two-actors", "one-hop", "chain",
        "masquerade", "vendor-folder", "plain-name", "staging-folder", "c$", "ADMIN$", "C$", "wmi", "svcctl", "task",
        "winrm", "tens-of-GB", "few-GB", "minutes-apart", "hours-apart", "many-sites", "few-sites", "http", "https",
        "new-device-vpn", "known-device-vpn", "internal-workstation", "PerfLogs", "ProgramData", "Users-Public", "Windows-Temp",
        "from-attacker", "from-member-server", "https-jitter10", "https-jitter50", "dns-jitter50", "TXT", "CNAME",
        "MX", "tool-agent", "old-browser-agent", "custom-agent", "port-80", "port-8080", "jitter10", "jitter50",
        "burst", "minutes");
    assertThat(techniques).contains("T1047", "T1569.002", "T1053.005", "T1021.006", "T1071.004", "T1133", "T1135",
        "T1558.003");
  }

  @Test
  void inject_withTradecraft_kerberoastsWithRc4TicketsForManyServices() {
    List<String> tickets = new ArrayList<>();
    Organisation org = Organisation.build(3, 90, 14);
    ScenarioContext context = new ScenarioContext(org, new SplittableRandom(3), record -> {
      List<Object> row = Arrays.asList(record.values());
      if (record.log() == ZeekLog.KERBEROS && row.contains("rc4-hmac")) {
        tickets.add(String.valueOf(row.get(8)));
      }
    }, 1L << 48, DAY, new ArrayList<>(), new SplittableRandom(93));
    Scenarios.byId("S2").inject(context);
    assertThat(new TreeSet<>(tickets)).hasSizeGreaterThanOrEqualTo(10);
    assertThat(context.truth("S2", "S2", 7).steps()).extracting(StepTruth::name)
        .contains("share-enumeration", "kerberoasting");
  }

  private static List<String> variants(String id, long seed, boolean vary) {
    List<String> out = new ArrayList<>();
    for (StepTruth step : truth(id, seed, vary).steps()) {
      out.add(step.name() + ":" + step.variant());
    }
    return out;
  }

  private static ScenarioTruth truth(String id, long seed, boolean vary) {
    Organisation org = Organisation.build(seed, 90, 14);
    ScenarioContext context = new ScenarioContext(org, new SplittableRandom(seed), record -> {}, 1L << 48, DAY,
        new ArrayList<>(), vary ? new SplittableRandom(seed * 31) : null);
    Scenarios.byId(id).inject(context);
    return context.truth(id, id, 7);
  }
}
