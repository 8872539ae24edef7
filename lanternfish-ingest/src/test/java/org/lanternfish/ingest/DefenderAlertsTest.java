package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/** Microsoft Graph alerts_v2 as documented and as exported: pages, single alerts, NDJSON, and bad alerts among them. */
final class DefenderAlertsTest {

  @TempDir Path dir;

  private static Path microsoftSamples() {
    Path data = Path.of(System.getProperty("lanternfish.repo", ".")).resolve("../shared/data/microsoft").normalize();
    assumeTrue(Files.isDirectory(data), "Microsoft sample payloads not found at " + data
        + " (they live outside the repository); skipping the tests that read them");
    return data;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DefenderAlertsTest.class.getResource("/" + name).toURI());
  }

  private static List<DefenderAlertEvent> read(Path file, IngestReport report) {
    List<Event> events = new ArrayList<>();
    LogReader.readFile(file, events::add, report);
    assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(DefenderAlertEvent.class));
    return events.stream().map(DefenderAlertEvent.class::cast).toList();
  }

  private static long micros(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  @Test
  void documentedListResponse_givesTheAlertWithItsDevice() {
    Path file = microsoftSamples().resolve("graph-security-alerts_v2-list-response.json");
    IngestReport report = new IngestReport();
    List<DefenderAlertEvent> alerts = read(file, report);
    assertThat(report.totalMalformed()).isZero();
    assertThat(report.rejectedFiles()).isEmpty();
    assertThat(report.records(LogType.DEFENDER_ALERT)).isEqualTo(1);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.uid()).isEqualTo("da637551227677560813_-961444813");
      assertThat(a.title()).isEqualTo("Suspicious execution of hidden file");
      assertThat(a.category()).isEqualTo("DefenseEvasion");
      assertThat(a.severity()).isEqualTo("low");
      assertThat(a.status()).isEqualTo("new");
      assertThat(a.actorDisplayName()).isNull();
      assertThat(a.mitreTechniques()).containsExactly("T1564.001");
      assertThat(a.detectionSource()).isEqualTo("antivirus");
      assertThat(a.serviceSource()).isEqualTo("microsoftDefenderForEndpoint");
      assertThat(a.deviceDnsName()).isEqualTo("tempDns");
      assertThat(a.mdeDeviceId()).isEqualTo("73e7e2de709dff64ef64b1d0c30e67fab63279db");
      assertThat(a.ipAddresses()).containsExactly("1.1.1.1");
      assertThat(a.ts()).isEqualTo(micros("2021-04-26T07:45:50.116Z"));
      assertThat(a.firstActivity()).isEqualTo(micros("2021-04-26T07:45:50.116Z"));
      assertThat(a.lastActivity()).isEqualTo(micros("2021-05-02T07:56:58.222Z"));
      assertThat(a.alertWebUrl()).startsWith("https://security.microsoft.com/alerts/da637551227677560813");
      assertThat(a.logType()).isEqualTo(LogType.DEFENDER_ALERT);
    });
  }

  @Test
  void documentedResourceTemplate_isOneBadAlertCountedNotACrash() {
    Path file = microsoftSamples().resolve("graph-security-alert-resource-template.json");
    IngestReport report = new IngestReport();
    assertThat(InputKind.of(file)).isEqualTo(InputKind.DEFENDER_ALERTS);
    assertThat(read(file, report)).isEmpty();
    // The template's times read "String (timestamp)".
    assertThat(report.malformed(Malformation.BAD_NUMBER)).isEqualTo(1);
    assertThat(report.samples(Malformation.BAD_NUMBER)).singleElement().asString()
        .startsWith(file + ":1: ").contains("not an ISO 8601 time");
  }

  @Test
  void documentedMachineResponse_isNotTakenForAlerts() {
    Path file = microsoftSamples().resolve("mde-alert-related-machine-with-ipaddresses-response.json");
    assertThat(InputKind.of(file)).isEqualTo(InputKind.LOG);
  }

  @Test
  void page_withABadAlert_countsItsLineAndKeepsTheAlertsAroundIt() throws URISyntaxException {
    Path file = resource("defender/alerts.json");
    IngestReport report = new IngestReport();
    List<DefenderAlertEvent> alerts = read(file, report);
    assertThat(alerts).extracting(DefenderAlertEvent::uid)
        .containsExactly("da100000000000000001_1", "da100000000000000003_3");
    assertThat(report.malformed(Malformation.BAD_JSON)).isEqualTo(1);
    assertThat(report.samples(Malformation.BAD_JSON)).singleElement().asString()
        .startsWith(file + ":35: ").contains("without an id");
    DefenderAlertEvent first = alerts.get(0);
    assertThat(first.actorDisplayName()).isEqualTo("DEV-0408");
    assertThat(first.ts()).as("first activity, not creation").isEqualTo(micros("2026-11-10T10:15:00Z"));
    assertThat(first.deviceDnsName()).isEqualTo("ws-017.corp.example");
    assertThat(first.ipAddresses()).as("the device's own routable address, not the remote ipEvidence")
        .containsExactly("10.20.0.17");
    DefenderAlertEvent third = alerts.get(1);
    assertThat(third.ts()).as("creation when there is no first activity").isEqualTo(micros("2026-11-10T12:00:00Z"));
    assertThat(third.firstActivity()).isEqualTo(Event.NO_TIME);
    assertThat(third.mitreTechniques()).isEmpty();
    assertThat(third.ipAddresses()).isEmpty();
    assertThat(third.deviceDnsName()).isEqualTo("ws-018");
  }

  @Test
  void ndjson_badLinesAreCountedWithTheirLineAndGoodOnesKept() throws IOException {
    Path file = dir.resolve("alerts.ndjson");
    String good = """
        {"id":"A%d","title":"Suspicious PowerShell command line","severity":"medium","serviceSource":"microsoftDefenderForEndpoint","createdDateTime":"2026-11-10T1%d:00:00Z","evidence":[{"@odata.type":"#microsoft.graph.security.deviceEvidence","deviceDnsName":"ws-01","ipInterfaces":["10.0.0.%d"]}]}
        """;
    String text = good.formatted(1, 1, 1)                                                       // 1
        + "{\"id\":\"A2\",\"title\":\"cut off\",\"serviceSource\":\"x\",\"createdDateTime\":\n"  // 2 broken JSON
        + good.formatted(3, 3, 3)                                                               // 3
        + "{\"id\":\"A4\",\"serviceSource\":\"x\",\"createdDateTime\":\"yesterday\"}\n"           // 4 bad time
        + "\n"                                                                                  // 5 blank
        + "{\"value\":[" + good.formatted(6, 6, 6).strip() + "]}\n"                             // 6 a page a line
        + "{\"id\":\"A7\",\"serviceSource\":\"x\",\"createdDateTime\":\"+999999999-01-01T00:00:00Z\"}\n"; // 7 far off
    Files.writeString(file, text, StandardCharsets.UTF_8);
    IngestReport report = new IngestReport();
    List<DefenderAlertEvent> alerts = read(file, report);
    assertThat(alerts).extracting(DefenderAlertEvent::uid).containsExactly("A1", "A3", "A6");
    assertThat(alerts).extracting(a -> a.ipAddresses().get(0)).containsExactly("10.0.0.1", "10.0.0.3", "10.0.0.6");
    assertThat(report.samples(Malformation.BAD_JSON)).singleElement().asString().startsWith(file + ":2: ");
    assertThat(report.samples(Malformation.BAD_NUMBER)).satisfiesExactly(
        bad -> assertThat(bad).startsWith(file + ":4: ").contains("not an ISO 8601 time"),
        bad -> assertThat(bad).startsWith(file + ":7: ").contains("out of range"));
  }

  @Test
  void singleAlertObject_isRead() throws IOException {
    Path file = dir.resolve("one-alert.json");
    Files.writeString(file, """
        {
          "id": "B1",
          "title": "Ransomware behavior detected in the file system",
          "severity": "high",
          "detectionSource": "microsoftDefenderForEndpoint",
          "createdDateTime": "2026-11-10T09:00:00+01:00"
        }
        """);
    IngestReport report = new IngestReport();
    assertThat(read(file, report)).singleElement().satisfies(a -> {
      assertThat(a.uid()).isEqualTo("B1");
      assertThat(a.ts()).isEqualTo(micros("2026-11-10T08:00:00Z"));
    });
    assertThat(report.totalMalformed()).isZero();
  }

  @Test
  void documentBrokenHalfway_keepsTheAlertsBeforeTheBreak() throws IOException {
    Path file = dir.resolve("defender").resolve("page.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        {"value": [
          {"id": "C1", "title": "first", "createdDateTime": "2026-11-10T09:00:00Z"},
          {"id": "C2", "title": "second", "createdDateTime": "2026-11-10T09:05:00Z"},
          {"id": "C3", "title": "third", "createdDateTime"
        """);
    IngestReport report = new IngestReport();
    assertThat(read(file, report)).extracting(DefenderAlertEvent::uid).containsExactly("C1", "C2");
    assertThat(report.samples(Malformation.BAD_JSON)).singleElement().asString().contains("alerts after it are lost");
  }

  @Test
  void discovery_findsAlertsByFolderOrByContent_andNeverOpensZeekLogsToAsk() throws IOException {
    Path byFolder = dir.resolve("defender").resolve("alerts.json");
    Files.createDirectories(byFolder.getParent());
    Files.writeString(byFolder, "{\"value\": []}\n");
    Path byContent = dir.resolve("export.json");
    Files.writeString(byContent, "[{\"id\":\"D1\",\"detectionSource\":\"antivirus\","
        + "\"createdDateTime\":\"2026-11-10T09:00:00Z\"}]\n");
    Path eve = dir.resolve("eve.json");
    Files.writeString(eve, "{\"timestamp\":\"2026-11-10T09:00:00.000000+0000\",\"event_type\":\"flow\"}\n");
    Path conn = dir.resolve("conn.log");
    Files.writeString(conn, "{\"ts\":1700000000.0,\"uid\":\"C1\",\"detectionSource\":\"not a Defender field here\"}\n");

    assertThat(InputKind.of(byFolder)).isEqualTo(InputKind.DEFENDER_ALERTS);
    assertThat(InputKind.of(byContent)).isEqualTo(InputKind.DEFENDER_ALERTS);
    assertThat(InputKind.of(eve)).isEqualTo(InputKind.LOG);
    assertThat(InputKind.of(conn)).isEqualTo(InputKind.LOG);
    assertThat(LogFiles.discover(dir, new IngestReport())).contains(byFolder, byContent, eve, conn);

    IngestReport report = new IngestReport();
    List<Event> events = new ArrayList<>();
    LogReader.read(dir, events::add, report);
    assertThat(events).filteredOn(e -> e instanceof DefenderAlertEvent).extracting(Event::uid).containsExactly("D1");
    assertThat(events).as("conn.log is read as Zeek, not as alerts").filteredOn(e -> "C1".equals(e.uid()))
        .singleElement().isInstanceOf(ConnEvent.class);
    assertThat(report.rejectedFiles()).isEmpty();
  }
}
