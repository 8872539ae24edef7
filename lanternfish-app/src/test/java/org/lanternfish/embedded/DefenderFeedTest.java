package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.defender.AlertCursor;
import org.lanternfish.microsoft.fake.AlertsEndpoint;
import org.lanternfish.microsoft.fake.FakeDefender;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.SampleAlerts;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.EndpointMachines;

/**
 * The live follower with {@code --defender} against a local fake of Entra and Graph: polled alerts become
 * integration breaches on their devices (an unknown host gets a device of its own), are stored with the poller's
 * cursor, and a restart takes an updated alert as a new version of the stored one, never a second breach.
 */
final class DefenderFeedTest {
  private static final String CONN_HEADER = String.join("\n",
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t"
          + "resp_bytes\tconn_state",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring") + "\n";
  private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");
  private static final String MODEL = "Security Integration / Defender Alert: ";

  @TempDir Path temp;

  @Test
  void follow_withDefender_breachesOnTheAlertedDevices_andARestartTakesUpdatesWithoutNewBreaches()
      throws Exception {
    Path live = Files.createDirectories(temp.resolve("current"));
    StringBuilder conn = new StringBuilder(CONN_HEADER);
    for (int i = 0; i < 120; i++) {
      conn.append(String.format("%d.000000\tC%d\t10.1.0.7\t%d\t10.1.0.20\t445\ttcp\tsmb\t0.5\t300\t200\tSF%n",
          START.getEpochSecond() + i * 30, i, 50_000 + i));
    }
    Files.writeString(live.resolve("conn.log"), conn);
    Path data = temp.resolve("data");
    Files.createDirectories(data);
    Path secret = data.resolve("microsoft.secret");
    Files.writeString(secret, FakeMicrosoft.SECRET + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    DetectConfig config = ModelFiles.load(temp.resolve("no-models")).config(1, SystemConfiguration.defaults());

    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC())) {
      AlertsEndpoint alerts = new AlertsEndpoint(fake, 1);
      ObjectNode onKnown = alert("da1_1", "10.1.0.7", "ws7.corp.local", START.plusSeconds(600), "High");
      onKnown.put("actorDisplayName", "DEV-0408");
      alerts.put(onKnown);
      alerts.put(alert("da1_2", "198.51.100.99", "Laptop-99.corp.local", START.plusSeconds(900), "medium"));
      new FakeDefender(fake, Clock.systemUTC()).machine("m-fs20", "FS20.corp.local", "10.1.0.20");
      fake.on("/api/vulnerabilities/machinesVulnerabilities", exchange -> FakeMicrosoft.Reply.json(200,
          "{\"value\":[{\"id\":\"m-fs20_CVE-2024-3400\",\"cveId\":\"CVE-2024-3400\",\"machineId\":\"m-fs20\","
              + "\"severity\":\"Critical\",\"productName\":\"openssh\",\"productVendor\":\"openbsd\","
              + "\"productVersion\":\"9.6\"}]}"));
      ObjectNode table = MicrosoftHttp.JSON.createObjectNode().put("tenant_id", FakeMicrosoft.TENANT)
          .put("client_id", FakeMicrosoft.CLIENT).put("client_secret_file", "microsoft.secret")
          .put("login_endpoint", fake.uri().toString()).put("graph_endpoint", fake.uri().toString())
          .put("defender_endpoint", fake.uri().toString())
          .put("first_poll_days", 90);
      MicrosoftSettings settings = MicrosoftSettings.read(table, data);
      List<String> problems = Collections.synchronizedList(new ArrayList<>());

      follow(data, live, config, settings, problems, fake, 2);
      List<Breach> first;
      try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
        first = defenderBreaches(store);
        assertThat(first).extracting(Breach::device).containsExactlyInAnyOrder("10.1.0.7", "laptop-99.corp.local");
        assertThat(first).filteredOn(b -> b.device().equals("10.1.0.7")).singleElement().satisfies(b -> {
          assertThat(b.model()).isEqualTo(MODEL + "Suspicious execution of hidden file");
          assertThat(b.techniques()).containsExactly("T1564.001");
          assertThat(b.entities()).containsEntry("actor", "DEV-0408");
          assertThat(b.explanation()).contains("DefenseEvasion", "high severity");
          assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text())
              .contains("https://security.microsoft.com/alerts/da1_1"));
        });
        assertThat(defenderRows(store)).isEqualTo(2);
        assertThat(store.state(AlertCursor.STATE_NAME)).isPresent();
        assertThat(store.endpointMachines(List.of(), List.of("fs20"))).as("the machines refreshed by the feed")
            .singleElement().satisfies(m -> {
              assertThat(m.lastAddress()).isEqualTo("10.1.0.20");
              assertThat(m.osPlatform()).isEqualTo("Windows10");
              assertThat(m.cves()).extracting(EndpointMachines.Cve::id).containsExactly("CVE-2024-3400");
            });
      }

      ObjectNode resolved = alert("da1_1", "10.1.0.7", "ws7.corp.local", START.plusSeconds(600), "high");
      resolved.put("status", "resolved").put("lastUpdateDateTime", "2026-12-06T12:00:00Z")
          .put("classification", "falsePositive").put("determination", "notMalicious");
      alerts.put(resolved);
      alerts.put(alert("da1_3", "10.1.0.20", "fs20.corp.local", START.plusSeconds(1200), "low"));
      // From the stored watermark (09:16, the second alert's update): that alert, the update and the new one.
      follow(data, live, config, settings, problems, fake, 2 + 3);
      try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
        List<Breach> second = defenderBreaches(store);
        assertThat(second).containsAll(first).hasSize(3);
        assertThat(second).extracting(Breach::device).contains("10.1.0.20");
        assertThat(defenderRows(store)).as("the update is stored as the alert's new version").isEqualTo(4);
        assertThat(store.alertVerdicts(List.of("da1_1", "da1_3"))).as("the analyst's verdict came back")
            .containsOnlyKeys("da1_1").extractingByKey("da1_1").satisfies(v -> {
              assertThat(v.falsePositive()).isTrue();
              assertThat(v.determination()).isEqualTo("notMalicious");
            });
        assertThat(store.query("SELECT count(*) AS n FROM defender_alert WHERE uid = 'da1_1' AND status ="
            + " 'resolved'", List.of())).singleElement().satisfies(row -> assertThat(row.get("n")).isEqualTo(1L));
      }
      assertThat(problems).isEmpty();
      assertThat(alerts.filters()).as("the restart polled from the stored watermark, the newest alert's update")
          .hasSize(2).last().isEqualTo("lastUpdateDateTime ge 2026-12-06T09:16:00Z");
    }
  }

  private static ObjectNode alert(String id, String address, String host, Instant activity, String severity) {
    ObjectNode alert = SampleAlerts.alert(id, activity.plusSeconds(60).toString(), severity, host, address);
    alert.put("firstActivityDateTime", activity.toString()).put("lastActivityDateTime", activity.toString())
        .put("createdDateTime", activity.plusSeconds(30).toString());
    return alert;
  }

  /** Follows until the logs have been silent 3 s, once the fake has served {@code pages} pages of alerts. */
  private static void follow(Path data, Path live, DetectConfig config, MicrosoftSettings settings,
      List<String> problems, FakeMicrosoft fake, int pages) throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(data);
        LiveService service = new LiveService(store, live, config, AnalystConfig.defaults(), 1, new IngestReport(),
            event -> { }, status -> { });
        DefenderFeed feed = DefenderFeed.start(settings, store, new IngestReport(), AnalystConfig.defaults(),
            DeviceConfig.defaults(), problems::add)) {
      service.addAlertSource(feed);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (fake.requests().stream().filter(r -> r.startsWith("GET " + AlertsEndpoint.PATH)).count() < pages) {
        assertThat(System.nanoTime()).as("the poller read the alerts within 60 s").isLessThan(deadline);
        Thread.sleep(20);
      }
      service.run(3_000_000_000L);
      while (store.endpointMachines(List.of("10.1.0.20"), List.of()).isEmpty()) {
        assertThat(System.nanoTime()).as("the machines were refreshed within 60 s").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  private static List<Breach> defenderBreaches(DuckDbEventStore store) {
    return store.breaches(Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 0).stream()
        .filter(b -> b.model().startsWith(MODEL)).toList();
  }

  private static long defenderRows(DuckDbEventStore store) {
    List<Map<String, Object>> rows = store.query("SELECT count(*) AS n FROM " + LogType.DEFENDER_ALERT.logName(),
        List.of());
    return (Long) rows.get(0).get("n");
  }
}
