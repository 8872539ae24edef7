package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogParser;
import org.lanternfish.ingest.LogReader;
import org.lanternfish.ingest.TimeWindow;

/** Zeek JSON written from events reads back, through the one log parser, into equal events. */
final class ZeekJsonTest {

  @Test
  void sharedZeekLogs_readBackIntoEqualEvents() throws Exception {
    Path data = Path.of(System.getProperty("lanternfish.repo", ".")).resolve("../shared/data").normalize();
    assumeTrue(Files.isDirectory(data), "the shared sample data is not here");
    List<Event> events = new ArrayList<>();
    for (String folder : List.of("rita-testdata", "zeek-btest-baselines", "mordor-lsass-campaigns", "slips-dataset",
        "stratosphere-sdt")) {
      if (Files.isDirectory(data.resolve(folder))) {
        LogReader.read(data.resolve(folder), events::add, new IngestReport(TimeWindow.FROM_EPOCH));
      }
    }
    // Zeek's test baselines mask their times, which a live sensor never does; Zeek JSON needs ts.
    events.removeIf(event -> !ZeekJson.writable(event) || event.ts() == Event.NO_TIME);
    Set<LogType> types = EnumSet.noneOf(LogType.class);
    events.forEach(event -> types.add(event.logType()));
    assertThat(types).as("the samples cover most logs").hasSizeGreaterThan(10);

    assertThat(readBack(events)).containsExactlyElementsOf(events);
  }

  @Test
  void softwareVersion_goesOutInZeeksParts() {
    List<Event> events = List.of(
        new SoftwareEvent(1_700_000_000_000_000L, "10.0.0.5", 443, "HTTP::SERVER", "nginx", "1.18.0", "nginx/1.18.0"),
        new SoftwareEvent(1_700_000_000_000_000L, "10.0.0.5", 22, "SSH::SERVER", "OpenSSH", "8.2-p1", null),
        new SoftwareEvent(1_700_000_000_000_000L, "10.0.0.5", 80, "HTTP::BROWSER", "curl", null, "curl"));

    assertThat(new String(ZeekJson.wrapped(events.getFirst()))).startsWith("{\"software\":{\"ts\":1700000000.000000,")
        .contains("\"version.major\":1,\"version.minor\":18,\"version.minor2\":0");
    assertThat(readBack(events)).containsExactlyElementsOf(events);
  }

  @Test
  void plainForm_isTheWrappedRecordsFields_asALineOfZeeksOwnJsonLog() throws Exception {
    SoftwareEvent event =
        new SoftwareEvent(1_700_000_000_000_000L, "10.0.0.5", 443, "HTTP::SERVER", "nginx", "1.18.0", "nginx/1.18.0");
    ObjectMapper json = new ObjectMapper();

    assertThat(new String(ZeekJson.plain(event))).startsWith("{\"ts\":1700000000.000000,");
    assertThat(json.readTree(ZeekJson.plain(event))).isEqualTo(json.readTree(ZeekJson.wrapped(event)).get("software"));
  }

  private static List<Event> readBack(List<Event> events) {
    List<Event> read = new ArrayList<>();
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    LogParser parser = new LogParser("zeek", read::add, report);
    long line = 0;
    for (Event event : events) {
      byte[] json = ZeekJson.wrapped(event);
      parser.acceptLine(json, 0, json.length, ++line);
    }
    assertThat(report.totalMalformed()).as(report.toJson()).isZero();
    return read;
  }
}
