package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;

/** {@code microsoft-check} and {@code --defender} on the command line, against a local fake of Entra and Graph. */
final class MicrosoftCommandTest {
  @TempDir Path data;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void check_missingPermission_failsNamingIt_andNeverPrintsTheSecret() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.grantAll();
      fake.on("/v1.0/security/alerts_v2", exchange -> Reply.json(403, "{\"error\":{\"code\":\"Forbidden\","
          + "\"message\":\"Missing application roles. API required roles: SecurityAlert.Read.All\"}}"));
      fake.configure(data, FakeMicrosoft.SECRET);
      CommandRun check = run("microsoft-check", "--data-dir", data.toString());
      assertThat(check.exitCode()).isEqualTo(ExitCode.INPUT);
      assertThat(check.out()).contains("FAIL read alerts (Graph security/alerts_v2): the application lacks the"
          + " SecurityAlert.Read.All permission").contains("ok   read machines (Defender API)")
          .doesNotContain(FakeMicrosoft.SECRET);
    }
  }

  @Test
  void check_everythingGranted_passes() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.grantAll();
      fake.configure(data, FakeMicrosoft.SECRET);
      CommandRun check = run("microsoft-check", "--json", "--data-dir", data.toString());
      assertThat(check.exitCode()).isZero();
      assertThat(check.out()).contains("\"passed\" : true");
    }
  }

  @Test
  void defenderMachines_listsWhatDefenderKnows_withTheirCves() throws Exception {
    // Read here, not in the handler: without the sample payloads the test is skipped, not failed on the fake's thread.
    String machine = FakeMicrosoft.sample("mde-machine-get-response.json");
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.on("/api/machines", exchange -> Reply.json(200, "{\"value\":[" + machine + "]}"));
      fake.on("/api/vulnerabilities/machinesVulnerabilities", exchange -> Reply.json(200, "{\"value\":[{\"id\":"
          + "\"x\",\"cveId\":\"CVE-2019-1348\",\"machineId\":\"1e5bc9d7e413ddd7902c2932e418702b84d0cc07\","
          + "\"severity\":\"Medium\"}]}"));
      fake.configure(data, FakeMicrosoft.SECRET);
      CommandRun run = run("defender-machines", "--data-dir", data.toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("mymachine1.contoso.com", "172.17.230.209", "Windows10 1709",
          "health active, risk low, exposure medium, 1 CVEs", "1 machines");
    }
  }

  @Test
  void defender_withoutFollowOrConfiguration_isAUsageError() throws Exception {
    CommandRun noFollow = run("ingest", "--defender", "--data-dir", data.toString(), data.toString());
    assertThat(noFollow.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noFollow.err()).contains("--defender polls alerts into the live follower: give --follow too");
    Path live = Files.createDirectories(data.resolve("current"));
    CommandRun noTable = run("ingest", "--follow", "--defender", "--exit-when-idle", "1", "--data-dir",
        data.resolve("store").toString(), live.toString());
    assertThat(noTable.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noTable.err()).contains("--defender needs a [microsoft] table");
    CommandRun sentinelAlone = run("ingest", "--sentinel", "--data-dir", data.toString(), data.toString());
    assertThat(sentinelAlone.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(sentinelAlone.err()).contains("--sentinel exports while the process runs");
  }

  @Test
  void sentinel_withoutItsRule_isAUsageError() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.configure(data, FakeMicrosoft.SECRET);
      Path live = Files.createDirectories(data.resolve("current"));
      CommandRun run = run("ingest", "--follow", "--sentinel", "--exit-when-idle", "1", "--data-dir",
          data.toString(), live.toString());
      assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(run.err()).contains("--sentinel needs ingestion_endpoint and dcr_immutable_id");
    }
  }
}
