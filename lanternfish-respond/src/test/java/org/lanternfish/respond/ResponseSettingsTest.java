package org.lanternfish.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lanternfish.microsoft.defender.MachineActions;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.respond.defender.DefenderIsolation;

final class ResponseSettingsTest {

  private static final long MINUTE = 60_000_000L;

  @Test
  void parse_rulesNeverBlockAndBackend() {
    ResponseSettings settings = ResponseSettings.parse("respond.conf", """
        # the seed's story, but asking an analyst first
        rule: s1
        categories: Anomalous Connection
        score: 60..90
        with_integration_alert: 30m
        action: block_connections
        duration: 2h
        mode: confirm

        rule: repeat-offenders
        models: ioc-match, beaconing-to-rare-destination
        action: quarantine
        duration: escalating
        mode: autonomous

        rule: only-the-groups-habits
        models: unusual-admin-smb-session
        action: group_pattern_of_life
        duration: 1h
        mode: confirm

        never_block: 10.0.0.1, 10.0.0.0/29

        backend: nftables
        table: gate
        command: ip netns exec gw
        allowed: 10.0.0.10
        """, null);
    assertThat(settings.policy().rules()).containsExactly(
        new ResponseRule("s1", Set.of(), Set.of("Anomalous Connection"), 60, 90, true, 30 * MINUTE,
            ActionKind.BLOCK_CONNECTIONS, 120 * MINUTE, false, false),
        new ResponseRule("repeat-offenders", Set.of("ioc-match", "beaconing-to-rare-destination"), Set.of(), 0, 100,
            false, 0, ActionKind.QUARANTINE, 0, true, true),
        new ResponseRule("only-the-groups-habits", Set.of("unusual-admin-smb-session"), Set.of(), 0, 100, false, 0,
            ActionKind.GROUP_PATTERN_OF_LIFE, 60 * MINUTE, false, false));
    assertThat(settings.neverBlock()).containsExactly("10.0.0.1", "10.0.0.0/29");
    assertThat(settings.backends()).extracting(ResponseBackend::name).containsExactly("nftables");
  }

  @Test
  void parse_withoutRules_keepsTheShippedPolicy() {
    assertThat(ResponseSettings.parse("respond.conf", "never_block: 10.0.0.1\n", null).policy())
        .isEqualTo(ResponsePolicy.defaults());
    assertThat(ResponseSettings.parse("respond.conf", "", null).policy()).isEqualTo(ResponsePolicy.defaults());
  }

  @Test
  void parse_badLines_areAllReportedWithFileAndLine() {
    assertThatThrownBy(() -> ResponseSettings.parse("data/respond.conf", """
        rule: s1
        action: block_everything
        duration: 2 hours
        mode: maybe
        scroe: 60

        never_block: 10.0.0.300

        backend: pf
        """, null))
        .isInstanceOf(ResponseSettings.InvalidSettings.class)
        .hasMessage(String.join("\n",
            "data/respond.conf:2: unknown action 'block_everything' (block_connections, block_outgoing,"
                + " block_incoming, quarantine, pattern_of_life, group_pattern_of_life)",
            "data/respond.conf:3: a duration is a positive number with s, m, h or d, at most a year, such as 2h;"
                + " got '2 hours'",
            "data/respond.conf:4: mode is autonomous or confirm, got 'maybe'",
            "data/respond.conf:5: unknown key 'scroe' of a rule (known: [action, categories, duration, incidents,"
                + " isolation, mode, models, rule, score, with_integration_alert])",
            "data/respond.conf:7: '10.0.0.300' is not an address or CIDR block",
            "data/respond.conf:9: unknown backend 'pf' (known: [defender, edl, nftables, webhook])"));
  }

  @Test
  void parse_httpBackends_readTheirSecretsBesideTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hook.secret"), "0123456789abcdef0123\n");
    Files.writeString(dir.resolve("short.secret"), "short\n");
    String file = dir.resolve("respond.conf").toString();
    assertThat(ResponseSettings.parse(file, """
        backend: webhook
        url: https://soar.example.org/hook
        secret_file: hook.secret

        backend: edl
        listen: 127.0.0.1:0
        token_file: hook.secret
        """, null).backends()).extracting(ResponseBackend::name)
        .containsExactly("webhook https://soar.example.org/hook", "edl /edl/lanternfish.txt");
    assertThatThrownBy(() -> ResponseSettings.parse(file, """
        backend: webhook
        url: ftp://soar.example.org/hook
        secret_file: short.secret

        backend: edl
        listen: everywhere
        password_file: missing.secret
        """, null)).hasMessageContainingAll(file + ":2: 'ftp://soar.example.org/hook' is not an http or https URL",
            file + ":3: " + dir.resolve("short.secret") + " holds 5 characters; a secret needs 16 or more",
            file + ":6: listen is HOST:PORT such as 0.0.0.0:8081, got 'everywhere'",
            file + ":7: cannot read " + dir.resolve("missing.secret"));
  }

  @Test
  void parse_defenderBackend_choosesTheIsolationAndNeedsTheMicrosoftTable() {
    DefenderIsolation.Connection connection = () -> {
      throw new IOException("not opened by parsing");
    };
    assertThat(ResponseSettings.parse("respond.conf", "backend: defender\nisolation: Selective\n", connection)
        .backends()).extracting(ResponseBackend::name).containsExactly("defender selective isolation");
    assertThat(ResponseSettings.parse("respond.conf", "backend: defender\n", connection).backends())
        .extracting(ResponseBackend::name).containsExactly("defender full isolation");
    assertThatThrownBy(() -> ResponseSettings.parse("respond.conf", "backend: defender\nisolation: partial\n",
        connection)).hasMessage("respond.conf:2: isolation is full or selective, got 'partial'");
    assertThatThrownBy(() -> ResponseSettings.parse("respond.conf", "backend: defender\n", null))
        .hasMessage("respond.conf:1: the defender backend needs the [microsoft] table of config.toml (tenant,"
            + " application and client secret)");
  }

  @Test
  void parse_aRuleWithoutItsAction_namesTheRulesLine() {
    assertThatThrownBy(() -> ResponseSettings.parse("r.conf", "\n\nrule: x\nduration: 1h\nmode: autonomous\n",
        null))
        .hasMessage("r.conf:3: the rule has no 'action:'");
  }

  @Test
  void durationMicros_readsUnitsAndRefusesTheRest() {
    assertThat(ResponseSettings.durationMicros("90s")).isEqualTo(90_000_000L);
    assertThat(ResponseSettings.durationMicros("7d")).isEqualTo(7 * 24 * 60 * MINUTE);
    for (String bad : List.of("0h", "-1h", "2", "1y", "400d")) {
      assertThatThrownBy(() -> ResponseSettings.durationMicros(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void parse_anIncidentRule_answersPriorities_andRefusesWhatChoosesBreachesOrOneConnection() {
    ResponseSettings settings = ResponseSettings.parse("respond.conf", """
        rule: critical-incidents
        incidents: yes
        score: 80..100
        action: quarantine
        isolation: selective
        duration: 4h
        mode: confirm
        """, null);
    assertThat(settings.policy().rules()).containsExactly(new ResponseRule("critical-incidents", Set.of(), Set.of(),
        80, 100, false, 0, ActionKind.QUARANTINE, 240 * MINUTE, false, false, true,
        MachineActions.Isolation.SELECTIVE));

    assertThatThrownBy(() -> ResponseSettings.parse("data/respond.conf", """
        rule: wrong
        incidents: yes
        models: ioc-match
        action: block_connections
        duration: 1h
        mode: confirm

        rule: unsure
        incidents: maybe
        action: quarantine
        isolation: partial
        duration: 1h
        mode: confirm

        rule: isolate-what
        action: block_outgoing
        isolation: full
        duration: 1h
        mode: confirm
        """, null)).isInstanceOf(ResponseSettings.InvalidSettings.class).hasMessage(String.join("\n",
        "data/respond.conf:3: a rule answering incidents acts on their priority; models chooses breaches",
        "data/respond.conf:4: a rule answering incidents acts on whole devices: block_outgoing, block_incoming,"
            + " quarantine, pattern_of_life or group_pattern_of_life",
        "data/respond.conf:9: incidents is yes or no, got 'maybe'",
        "data/respond.conf:11: isolation is full or selective, got 'partial'",
        "data/respond.conf:17: isolation says how Defender quarantines a device; this rule's action is"
            + " block_outgoing"));
  }
}
