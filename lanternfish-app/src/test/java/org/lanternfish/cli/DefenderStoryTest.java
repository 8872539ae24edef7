package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.embedded.TriggeredInvestigation;
import org.lanternfish.microsoft.fake.AlertsEndpoint;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.ActionState;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.InvestigationReports.InvestigationReport;
import org.lanternfish.store.StoredIncident;

/**
 * The seed's S1 end to end against the local fake of Microsoft's APIs: the simulated network logs are ingested, the
 * simulated Defender alert is not read from a file but polled from the fake Graph by {@code ingest --follow
 * --defender}; the alert and the new user agent on one device become one incident, the alert's investigation
 * report, and RESPOND's two-hour block of the breaching connection.
 */
final class DefenderStoryTest {
  private static final long HOUR = 3_600_000_000L;

  @TempDir Path temp;

  @Test
  void s1_polledDefenderAlertAndNewUserAgent_oneIncident_anInvestigation_andATwoHourBlock() throws Exception {
    Path sim = temp.resolve("sim");
    assertThat(CommandRun.of("simulate", "--seed", "5", "--days", "3", "--devices", "20", "--scenarios", "S1@2",
        "--out", sim.toString()).exitCode()).isZero();
    JsonNode alerts = MicrosoftHttp.JSON.readTree(sim.resolve("defender/alerts.json").toFile()).get("value");
    try (Stream<Path> files = Files.walk(sim.resolve("defender"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Path data = temp.resolve("data");
    CommandRun ingest = CommandRun.of("ingest", "--learning-days", "1", "--data-dir", data.toString(),
        sim.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();

    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      fake.grantAll();
      AlertsEndpoint graph = new AlertsEndpoint(fake, 10);
      alerts.forEach(alert -> graph.put((ObjectNode) alert));
      fake.configure(data, FakeMicrosoft.SECRET);
      Files.writeString(data.resolve("config.toml"), "first_poll_days = 90\n",
          java.nio.file.StandardOpenOption.APPEND);
      Path live = Files.createDirectories(temp.resolve("current"));
      CommandRun follow = CommandRun.of("ingest", "--follow", "--defender", "--learning-days", "1",
          "--exit-when-idle", "3", "--data-dir", data.toString(), live.toString());
      assertThat(follow.exitCode()).as(follow.err()).isZero();
      assertThat(graph.filters()).as("the alert came from the fake Graph").isNotEmpty();
    }

    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
      List<Breach> breaches = store.breaches(Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 0);
      Breach alert = breaches.stream().filter(b -> b.modelId().equals("defender-alert")).findFirst().orElseThrow();
      Breach agent = breaches.stream().filter(b -> b.modelId().equals("new-user-agent-to-internal-server"))
          .findFirst().orElseThrow();
      assertThat(alert.device()).isEqualTo(agent.device());
      assertThat(alert.evidence()).anySatisfy(e -> assertThat(e.text())
          .contains("the alert in the Microsoft Defender portal"));

      StoredIncident incident = store.incidents(Integer.MIN_VALUE).stream()
          .filter(i -> i.json().contains(alert.id())).findFirst().orElseThrow();
      assertThat(incident.json()).as("one incident of both").contains(agent.id());
      assertThat(incident.devices()).contains(alert.device());

      InvestigationReport report = store.investigationOf(alert.id()).orElseThrow();
      assertThat(report.device()).isEqualTo(alert.device());
      assertThat(report.atMicros()).isEqualTo(alert.ts());
      assertThat(report.found()).isTrue();
      assertThat(report.json()).contains(agent.id());
      assertThat(store.position(TriggeredInvestigation.CONSUMER)).isPositive();

      // The live process's RESPOND saved its ledger; the logs are weeks old, so the block awaits confirmation.
      ResponseService respond = new ResponseService(store, store, store, ResponseSettings.defaults(), List.of(),
          ResponseService::wallClock, line -> { });
      assertThat(respond.actions()).singleElement().satisfies(action -> {
        assertThat(action.kind()).isEqualTo(ActionKind.BLOCK_CONNECTIONS);
        assertThat(action.state()).isEqualTo(ActionState.PENDING_CONFIRMATION);
        assertThat(action.expiry() - action.start()).isEqualTo(2 * HOUR);
        assertThat(action.target().address()).isEqualTo(agent.entities().get(Entities.DEVICE_IP));
        assertThat(action.target().peer()).isEqualTo(agent.entities().get(Entities.PEER_ADDRESS));
        assertThat(action.reasons()).contains(agent.id(), alert.id());
      });
    }
  }
}
