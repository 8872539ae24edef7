package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.Sources.Source;

/** Finding and classifying input: symbolic links, unreadable folders and files, and what is not input at all. */
final class SourcesTest {
  @TempDir Path dir;

  private static String connJson(String uid) {
    return "{\"ts\":1700000000.0,\"uid\":\"" + uid
        + "\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":80}\n";
  }

  private List<String> uids(Path input, IngestReport report) {
    List<Event> events = new ArrayList<>();
    for (Source source : Sources.find(List.of(input), report)) {
      LogReader.readFile(source.file(), events::add, report);
    }
    return events.stream().map(Event::uid).toList();
  }

  @Test
  void find_followsASymlinkedFolder_asZeeksLogsCurrentIs() throws IOException {
    Path spool = Files.createDirectories(dir.resolve("spool/zeek"));
    Files.writeString(spool.resolve("conn.log"), connJson("C1"));
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path current = Files.createSymbolicLink(logs.resolve("current"), spool);
    Files.createDirectories(logs.resolve("2024-01-01"));
    Files.createSymbolicLink(logs.resolve("2024-01-01/conn.log"), spool.resolve("conn.log"));

    IngestReport report = new IngestReport();
    assertThat(uids(current, report)).containsExactly("C1");
    assertThat(uids(logs, report)).containsExactly("C1", "C1");
    assertThat(report.unreadablePaths()).isEmpty();
  }

  @Test
  void find_notesASymlinkLoop_andReadsEachFolderOnce() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs/day"));
    Files.writeString(logs.resolve("conn.log"), connJson("C1"));
    Files.createSymbolicLink(logs.resolve("again"), dir.resolve("logs"));

    IngestReport report = new IngestReport();
    assertThat(uids(dir.resolve("logs"), report)).containsExactly("C1");
    assertThat(report.ignoredFiles()).singleElement().asString().contains("again").contains("loops back");
    assertThat(report.unreadablePaths()).isEmpty();
  }

  @Test
  void find_reportsADanglingLink_andReadsTheRest() throws IOException {
    Files.writeString(dir.resolve("conn.log"), connJson("C1"));
    Files.createSymbolicLink(dir.resolve("dns.log"), dir.resolve("rotated-away.log"));

    IngestReport report = new IngestReport();
    assertThat(uids(dir, report)).containsExactly("C1");
    assertThat(report.unreadablePaths()).singleElement().asString().startsWith(dir.resolve("dns.log") + ": ");
  }

  @Test
  void find_reportsAnUnreadableSubfolderAndFile_andReadsTheRest() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every folder whatever its mode");
    Files.writeString(dir.resolve("conn.log"), connJson("C1"));
    Path locked = Files.createDirectories(dir.resolve("locked"));
    Files.writeString(locked.resolve("conn.log"), connJson("C2"));
    Path secret = Files.writeString(dir.resolve("dns.log"), connJson("C3"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      IngestReport report = new IngestReport();
      assertThat(uids(dir, report)).containsExactly("C1");
      assertThat(report.unreadablePaths()).containsExactlyInAnyOrder(
          locked + ": permission denied", secret + ": permission denied");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void find_classifiesEachFileOnce() throws IOException {
    Files.writeString(dir.resolve("conn.log"), connJson("C1"));
    Files.write(dir.resolve("lab.pcapng"), new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0});
    Files.createDirectories(dir.resolve("defender"));
    Files.writeString(dir.resolve("defender/alerts.json"), "{\"value\": []}\n");
    Files.writeString(dir.resolve("truth.json"), "{\n  \"seed\" : 1,\n  \"start\" : \"2024-01-01\",\n"
        + "  \"days\" : 1,\n  \"devices\" : 5,\n  \"format\" : \"tsv\",\n  \"scenarios\" : [ ]\n}\n");
    Files.writeString(dir.resolve("notes.txt"), "not looked at");

    List<Source> found = Sources.find(List.of(dir), new IngestReport());

    assertThat(found).extracting(s -> dir.relativize(s.file()).toString() + " " + s.kind()).containsExactlyInAnyOrder(
        "conn.log LOG", "lab.pcapng CAPTURE", "defender/alerts.json DEFENDER_ALERTS", "truth.json SIMULATOR_TRUTH");
    assertThat(InputKind.of(Path.of("/data/ring/eth0_00001.PCAPNG"))).isEqualTo(InputKind.CAPTURE);
    assertThat(InputKind.of(Path.of("conn.log.gz"))).isEqualTo(InputKind.LOG);
  }

  @Test
  void simulatorTruth_readAsALog_isIgnoredWithOneLineReason_notRejected() throws IOException {
    Path truth = dir.resolve("truth.json");
    Files.writeString(truth, "{\n  \"seed\" : 1,\n  \"start\" : \"2024-01-01\",\n  \"scenarios\" : [ ]\n}\n");
    IngestReport report = new IngestReport();
    LogReader.read(dir, e -> { }, report);
    assertThat(report.rejectedFiles()).isEmpty();
    assertThat(report.totalMalformed()).isZero();
    assertThat(report.ignoredFiles()).containsExactly(truth + ": " + InputKind.TRUTH_REASON);
  }
}
