package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.LogType;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SslEvent;

/**
 * Reads every Zeek and Suricata file in the shared sample data (GPL data stays outside the repository, so this
 * skips when {@code ../shared/data} is absent). Expectations are computed from the files' text, not from the parser.
 */
final class SharedDataTest {
  private static final Pattern COLUMN_NAMES = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*(\t[A-Za-z_][A-Za-z0-9_.]*)*\t?");
  private static final Pattern EVENT_TYPE = Pattern.compile("\"event_type\": ?\"(\\w+)\"");

  /** Files that are broken on purpose or by accident upstream, with what reading them must report. */
  private record Broken(long lostLines, Map<Malformation, Long> malformed, boolean rejected) {}

  private static final Map<String, Broken> BROKEN = Map.ofEntries(
      Map.entry("rita-testdata/truncated/conn.log",
          new Broken(1, Map.of(Malformation.TRUNCATED_LINE, 1L), false)),
      Map.entry("rita-testdata/truncated/conn_json.log",
          new Broken(2, Map.of(Malformation.TRUNCATED_LINE, 1L, Malformation.BAD_NUMBER, 1L), false)),
      Map.entry("rita-testdata/truncated/conn_top.log", new Broken(-1, Map.of(), true)),
      Map.entry("slips-dataset/test10-mixed-zeek-dir/notice.log",
          new Broken(1, Map.of(Malformation.WRONG_COLUMN_COUNT, 1L), false)),
      Map.entry("zeek-btest-baselines/spicy.file-analysis-data-in/files.log", new Broken(-1, Map.of(), true)),
      Map.entry("zeek-btest-baselines/spicy.file-analysis-data-in/x509.log", new Broken(-1, Map.of(), true)),
      Map.entry("zeek-btest-baselines/spicy.file-data-in-at-offset/x509.log", new Broken(-1, Map.of(), true)),
      Map.entry("zeek-btest-baselines/scripts.base.frameworks.logging.ascii-options/ssh.log",
          new Broken(-1, Map.of(), true)),
      // The logging framework's own tests write records of made-up fields to files named ssh.log.
      Map.entry("zeek-btest-baselines/scripts.base.frameworks.logging.ascii-json/ssh.log",
          new Broken(1, Map.of(Malformation.BAD_JSON, 1L), false)),
      Map.entry("zeek-btest-baselines/scripts.base.frameworks.logging.ascii-json-iso-timestamps/ssh.log",
          new Broken(10, Map.of(Malformation.BAD_JSON, 10L), false)));

  private static Path data() {
    Path data = Path.of(System.getProperty("lanternfish.repo", ".")).resolve("../shared/data").normalize();
    assumeTrue(Files.isDirectory(data), "shared sample data not found at " + data
        + " (it lives outside the repository); skipping the tests that read it");
    return data;
  }

  private static List<Path> zeekFiles(Path data) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("zeek-btest-baselines", "rita-testdata", "stratosphere-sdt", "slips-dataset",
        "mordor-lsass-campaigns")) {
      try (Stream<Path> walk = Files.walk(data.resolve(dir))) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(log|log\\.gz|labeled)$"))
            .filter(p -> !dir.equals("mordor-lsass-campaigns") || p.getParent().endsWith("zeek"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  private static List<String> lines(Path file) throws IOException {
    var raw = Files.newInputStream(file);
    var in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }

  /** Lines that carry a record: not blank, not a # directive, and not a bare row of column names. */
  private static long dataLines(List<String> lines) {
    boolean hasFields = lines.stream().anyMatch(l -> l.strip().startsWith("#fields"));
    long count = 0;
    boolean first = true;
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      if (first && !hasFields && COLUMN_NAMES.matcher(line).matches()) {
        first = false;
        continue;
      }
      first = false;
      count++;
    }
    return count;
  }

  @Test
  void everyZeekFile_yieldsOneRecordOrSkipPerDataLine() throws IOException {
    Path data = data();
    List<String> failures = new ArrayList<>();
    Set<LogType> seen = EnumSet.noneOf(LogType.class);
    int checked = 0;
    for (Path file : zeekFiles(data)) {
      String name = data.relativize(file).toString().replace('\\', '/');
      long expected = dataLines(lines(file));
      IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
      List<Event> events = new ArrayList<>();
      LogReader.readFile(file, events::add, report);
      events.forEach(e -> seen.add(e.logType()));
      Broken broken = BROKEN.get(name);
      long got = report.totalRecords() + report.totalSkipped();
      if (broken == null) {
        if (report.totalMalformed() != 0 || !report.rejectedFiles().isEmpty() || got != expected) {
          failures.add(name + ": expected " + expected + " records, " + report);
        }
      } else if (broken.rejected()) {
        if (report.rejectedFiles().size() != 1 || got != 0) {
          failures.add(name + ": expected rejection, " + report);
        }
      } else {
        for (Malformation kind : Malformation.values()) {
          if (report.malformed(kind) != broken.malformed().getOrDefault(kind, 0L)) {
            failures.add(name + ": expected " + broken.malformed() + ", " + report);
          }
        }
        if (got != expected - broken.lostLines()) {
          failures.add(name + ": expected " + (expected - broken.lostLines()) + " records, " + report);
        }
      }
      checked++;
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThan(800);
    assertThat(seen).containsAll(EnumSet.range(LogType.CONN, LogType.WEIRD));
  }

  @Test
  void brokenFiles_reportTheExactLine() {
    Path data = data();
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    LogReader.readFile(data.resolve("rita-testdata/truncated/conn_json.log"), e -> { }, report);
    LogReader.readFile(data.resolve("slips-dataset/test10-mixed-zeek-dir/notice.log"), e -> { }, report);
    assertThat(report.samples(Malformation.BAD_NUMBER)).singleElement().asString()
        .endsWith("conn_json.log:3: bad port '93145' in field id.orig_p");
    assertThat(report.samples(Malformation.TRUNCATED_LINE)).singleElement().asString().contains("conn_json.log:4: ");
    assertThat(report.samples(Malformation.WRONG_COLUMN_COUNT)).singleElement().asString()
        .contains("notice.log:21: 23 columns, #fields has 26");
  }

  private static Map<String, Long> eventTypes(List<String> lines) {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      Matcher m = EVENT_TYPE.matcher(line);
      if (m.find()) {
        counts.merge(m.group(1), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static final Map<String, LogType> EVE_TYPES = Map.of("flow", LogType.CONN, "dns", LogType.DNS, "http",
      LogType.HTTP, "tls", LogType.SSL, "alert", LogType.ALERT, "fileinfo", LogType.FILES);

  private static void assertEveCounts(Map<String, Long> expected, IngestReport report) {
    expected.forEach((type, count) -> {
      LogType mapped = EVE_TYPES.get(type);
      if (mapped != null) {
        assertThat(report.records(mapped)).as(type).isEqualTo(count);
      } else {
        assertThat(report.skippedTypes()).as(type).containsEntry("eve:" + type, count);
      }
    });
  }

  @Test
  void slipsEve_mapsEveryEventType() throws IOException {
    Path file = data().resolve("slips-dataset/test6-malicious.suricata.json");
    List<String> lines = lines(file);
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    List<Event> events = new ArrayList<>();
    LogReader.readFile(file, events::add, report);
    assertThat(report.totalMalformed()).isZero();
    assertEveCounts(eventTypes(lines), report);

    String alertLine = lines.stream().filter(l -> l.contains("\"event_type\":\"alert\"")).findFirst().orElseThrow();
    AlertEvent alert = events.stream().filter(AlertEvent.class::isInstance).map(AlertEvent.class::cast)
        .findFirst().orElseThrow();
    assertThat(alert.uid()).isEqualTo(field(alertLine, "flow_id"));
    assertThat(alert.flowId()).isEqualTo(Long.parseLong(field(alertLine, "flow_id")));
    assertThat(alert.id().origHost()).isEqualTo(field(alertLine, "src_ip"));
    assertThat(alert.id().respPort()).isEqualTo(Integer.parseInt(field(alertLine, "dest_port")));
    assertThat(alert.proto()).isEqualTo(field(alertLine, "proto").toLowerCase());
    assertThat(alert.signatureId()).isEqualTo(Long.parseLong(field(alertLine, "signature_id")));
    assertThat(alert.signature()).isEqualTo(field(alertLine, "signature"));
    assertThat(alert.severity()).isEqualTo(Long.parseLong(field(alertLine, "severity")));

    String tlsLine = lines.stream().filter(l -> l.contains("\"event_type\":\"tls\"")).findFirst().orElseThrow();
    SslEvent tls = events.stream().filter(SslEvent.class::isInstance).map(SslEvent.class::cast).findFirst()
        .orElseThrow();
    assertThat(tls.serverName()).isEqualTo(field(tlsLine, "sni"));
    assertThat(tls.ja3()).isEqualTo(field(tlsLine, "hash"));
    assertThat(tls.version()).isEqualTo("TLSv" + field(tlsLine, "version").substring(4).replace(".", ""));

    assertThat(events).filteredOn(DnsEvent.class::isInstance).map(DnsEvent.class::cast)
        .anyMatch(d -> "www.google.com".equals(d.query()) && d.qtype() == 1);
    assertThat(events).filteredOn(ConnEvent.class::isInstance).map(ConnEvent.class::cast)
        .allMatch(c -> c.uid() != null && c.origPkts() >= 0);
  }

  /** The first value of a JSON field in a line, found by text; good enough for flat values in test data. */
  private static String field(String line, String name) {
    Matcher m = Pattern.compile("\"" + name + "\": ?\"?([^\",}]*)").matcher(line);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }

  @Test
  void suricataDocExamples_fullEventsMap_andFragmentsFileIsRejected() throws IOException {
    Path dir = data().resolve("suricata-docs-eve");
    Path full = dir.resolve("eve-doc-examples-full-events.json");
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    List<Event> events = new ArrayList<>();
    LogReader.readFile(full, events::add, report);
    assertThat(report.totalMalformed()).isZero();
    assertEveCounts(eventTypes(lines(full)), report);
    assertThat(events).filteredOn(e -> "1676750115612680".equals(e.uid())).extracting(Event::logType)
        .contains(LogType.ALERT, LogType.HTTP, LogType.FILES, LogType.CONN);

    IngestReport fragments = new IngestReport(TimeWindow.FROM_EPOCH);
    LogReader.readFile(dir.resolve("eve-doc-examples-fragments.json"), e -> { }, fragments);
    assertThat(fragments.rejectedFiles()).singleElement().asString().contains("neither event_type");
  }

  /**
   * The documentation's fragments are partial objects, so the file is rejected as a whole; wrapped in a minimal
   * EVE envelope they exercise the DNS (v3 detailed and grouped), TLS, Kerberos and SMB mappings.
   */
  @Test
  void suricataDocFragments_inAnEnvelope_mapOntoEvents() throws IOException {
    List<String> lines = lines(data().resolve("suricata-docs-eve/eve-doc-examples-fragments.json"));
    List<Event> events = new ArrayList<>();
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    LogParser parser = new LogParser("fragments.json", events::add, report);
    long number = 0;
    for (String line : lines) {
      Matcher section = Pattern.compile("\"section\": \"([\\w-]+)\"").matcher(line);
      section.find();
      if (!Set.of("dns", "tls", "krb5", "smb").contains(section.group(1))) {
        continue;
      }
      String example = line.substring(line.indexOf("\"example\": {") + 12, line.lastIndexOf('}') - 1);
      String event = "{\"timestamp\":\"2024-01-01T00:00:00.000001+0000\",\"flow_id\":7,\"event_type\":\""
          + section.group(1) + "\",\"src_ip\":\"10.0.0.1\",\"src_port\":50000,\"dest_ip\":\"10.0.0.2\","
          + "\"dest_port\":445,\"proto\":\"TCP\"," + example + "}";
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      parser.acceptLine(bytes, 0, bytes.length, ++number);
    }
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).allMatch(e -> e.ts() == 1_704_067_200_000_001L && "7".equals(e.uid()));
    List<DnsEvent> dns = events.stream().filter(DnsEvent.class::isInstance).map(DnsEvent.class::cast).toList();
    assertThat(dns).hasSize(3);
    assertThat(dns.get(0).query()).isEqualTo("twitter.com");
    assertThat(dns.get(0).rcode()).isEqualTo(Event.UNSET);
    assertThat(dns.get(1).query()).isEqualTo("www.suricata.io");
    assertThat(dns.get(1).answers()).contains("suricata.io");
    assertThat(dns.get(1).ttls()).hasSameSizeAs(dns.get(1).answers());
    assertThat(dns.get(2).answers()).containsExactly("192.0.78.24", "192.0.78.25", "suricata.io");
    assertThat(dns.get(2).rcodeName()).isEqualTo("NOERROR");
    assertThat(events).filteredOn(SslEvent.class::isInstance).hasSize(3);
    assertThat(events).filteredOn(KerberosEvent.class::isInstance).map(KerberosEvent.class::cast)
        .singleElement().satisfies(k -> {
          assertThat(k.client()).isEqualTo("robin/CYLERA.LAB");
          assertThat(k.service()).isEqualTo("ldap/dc01");
          assertThat(k.requestType()).isEqualTo("TGS");
          assertThat(k.success()).isTrue();
        });
    assertThat(events).filteredOn(SmbMappingEvent.class::isInstance).map(SmbMappingEvent.class::cast)
        .singleElement().satisfies(m -> {
          assertThat(m.path()).isEqualTo("\\\\admin-pc\\c$");
          assertThat(m.shareType()).isEqualTo("DISK");
        });
    assertThat(events).filteredOn(SmbFileEvent.class::isInstance).map(SmbFileEvent.class::cast)
        .singleElement().satisfies(f -> {
          assertThat(f.name()).isEqualTo("atsvc");
          assertThat(f.action()).isEqualTo("SMB::FILE_OPEN");
        });
    assertThat(events).filteredOn(DceRpcEvent.class::isInstance).map(DceRpcEvent.class::cast)
        .singleElement().satisfies(d -> assertThat(d.operation()).isEqualTo("unknown-0"));
  }

  @Test
  void alertSampleArrays_areReadElementByElement() throws IOException {
    Path dir = data().resolve("suricata-alert-samples");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().equals("alerts-only.json")).sorted().toList();
    }
    assertThat(files).hasSize(4);
    for (Path file : files) {
      long expected = eventTypes(lines(file)).getOrDefault("alert", 0L);
      IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
      List<Event> events = new ArrayList<>();
      LogReader.readFile(file, events::add, report);
      assertThat(report.totalMalformed()).as(file.toString()).isZero();
      assertThat(report.records(LogType.ALERT)).as(file.toString()).isEqualTo(expected).isPositive();
      assertThat(events).allSatisfy(e -> assertThat(((AlertEvent) e).signatureId()).isPositive());
    }
  }
}
