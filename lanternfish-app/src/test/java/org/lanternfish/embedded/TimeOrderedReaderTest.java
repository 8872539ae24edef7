package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.IngestReport;

/** Logs of many periods and one file of Defender alerts for the whole span reach detection in one time order. */
final class TimeOrderedReaderTest {

  /** 2026-11-10T00:00:00Z in seconds. */
  private static final long DAY = 1_794_268_800L;

  @TempDir Path dir;

  private static String conn(String uid, long seconds) {
    return "{\"_path\":\"conn\",\"ts\":" + seconds + ".0,\"uid\":\"" + uid + "\",\"id.orig_h\":\"10.0.0.1\","
        + "\"id.orig_p\":50000,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":80,\"proto\":\"tcp\"}\n";
  }

  private static String alert(String id, String time) {
    return "{\"id\":\"" + id + "\",\"title\":\"t\",\"serviceSource\":\"microsoftDefenderForEndpoint\","
        + "\"createdDateTime\":\"" + time + "\"}";
  }

  @Test
  void read_defenderAlertsFile_isMergedIntoTheLogsByTime() throws IOException {
    Path day = Files.createDirectories(dir.resolve("2026-11-10"));
    Files.writeString(day.resolve("conn.10:00:00-11:00:00.log"),
        conn("C1005", DAY + 10 * 3600 + 300) + conn("C1020", DAY + 10 * 3600 + 1200));
    Files.writeString(day.resolve("conn.11:00:00-12:00:00.log"), conn("C1140", DAY + 11 * 3600 + 2400));
    Path defender = Files.createDirectories(dir.resolve("defender"));
    // Graph lists the newest alert first.
    Files.writeString(defender.resolve("alerts.json"), "{\"value\": [\n"
        + alert("A1300", "2026-11-10T13:00:00Z") + ",\n"
        + alert("A1015", "2026-11-10T10:15:00Z") + ",\n"
        + alert("A0900", "2026-11-10T09:00:00Z") + ",\n"
        + alert("A1130", "2026-11-10T11:30:00Z") + "\n]}\n");

    List<String> order = new ArrayList<>();
    List<Path> done = new ArrayList<>();
    IngestReport report = new IngestReport();
    TimeOrderedReader.read(List.of(dir), (Event e) -> order.add(e.uid()), report, (file, bytes) -> done.add(file));

    assertThat(order).containsExactly("A0900", "C1005", "A1015", "C1020", "A1130", "C1140", "A1300");
    assertThat(report.records(LogType.DEFENDER_ALERT)).isEqualTo(4);
    assertThat(report.records(LogType.CONN)).isEqualTo(3);
    assertThat(done).hasSize(3).contains(defender.resolve("alerts.json"));
  }

  @Test
  void read_filesOfOnePeriod_areMergedByTime_tiesInFileOrderThenWithinTheFile() throws IOException {
    Path day = Files.createDirectories(dir.resolve("2026-11-10"));
    java.util.Random random = new java.util.Random(5);
    record Written(String uid, long seconds, String log, int index) {}
    List<Written> written = new ArrayList<>();
    for (String log : List.of("conn", "dns", "http")) {
      StringBuilder text = new StringBuilder();
      long seconds = DAY + 10 * 3600;
      // More records than a reader hands over at once, with many equal times within and across the files.
      for (int i = 0; i < 1500; i++) {
        seconds += random.nextInt(3);
        String uid = log + "-" + i;
        text.append(conn(uid, seconds).replace("\"_path\":\"conn\"", "\"_path\":\"" + log + "\""));
        written.add(new Written(uid, seconds, log, i));
      }
      Files.writeString(day.resolve(log + ".10:00:00-11:00:00.log"), text);
    }
    List<String> fileOrder = TimeOrderedReader.periods(List.of(dir)).get(0).stream()
        .map(p -> p.getFileName().toString().substring(0, p.getFileName().toString().indexOf('.'))).toList();
    assertThat(fileOrder).containsExactlyInAnyOrder("conn", "dns", "http");

    List<String> order = new ArrayList<>();
    IngestReport report = new IngestReport();
    TimeOrderedReader.read(List.of(dir), (Event e) -> order.add(e.uid()), report, (file, bytes) -> {});

    List<String> expected = written.stream()
        .sorted(java.util.Comparator.comparingLong(Written::seconds)
            .thenComparingInt(w -> fileOrder.indexOf(w.log()))
            .thenComparingInt(Written::index))
        .map(Written::uid).toList();
    assertThat(report.totalMalformed()).isZero();
    assertThat(order).containsExactlyElementsOf(expected);
  }

  @Test
  void periods_ofADirectory_takeItsPacketCapturesToo_eachOnItsOwn() throws IOException {
    Path day = Files.createDirectories(dir.resolve("2026-11-10"));
    Files.writeString(day.resolve("conn.10:00:00-11:00:00.log"), conn("C1005", DAY + 10 * 3600 + 300));
    Path captures = Files.createDirectories(dir.resolve("captures"));
    Files.write(captures.resolve("b.pcapng"), new byte[] {0x0a, 0x0d, 0x0d, 0x0a});
    Files.write(captures.resolve("a.cap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1});
    Files.writeString(captures.resolve("notes.txt"), "not a capture");

    List<List<Path>> periods = TimeOrderedReader.periods(List.of(dir));

    assertThat(periods).extracting(p -> p.stream().map(f -> f.getFileName().toString()).toList())
        .containsExactly(List.of("conn.10:00:00-11:00:00.log"), List.of("a.cap"), List.of("b.pcapng"));
  }

  @Test
  void read_ofMoreFilesInOnePeriodThanMayBeOpen_keepsFewOpen_andLosesNone() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd to count open files");
    int files = 3 * TimeOrderedReader.MAX_OPEN_FILES;
    for (int i = 0; i < files; i++) {
      Files.writeString(dir.resolve("sensor" + i + "_conn.log"), conn("C" + i, DAY + i) + conn("D" + i, DAY + i));
    }
    int before = openFiles(fds);
    int[] most = {0};
    List<String> uids = new ArrayList<>();
    IngestReport report = new IngestReport();
    TimeOrderedReader.read(List.of(dir), e -> {
      if (uids.size() % 50 == 0) {
        most[0] = Math.max(most[0], openFiles(fds));
      }
      uids.add(e.uid());
    }, report, (file, bytes) -> { });

    assertThat(uids).hasSize(2 * files).doesNotHaveDuplicates();
    assertThat(report.unreadablePaths()).isEmpty();
    // Under "ulimit -n 1024" every file beyond the limit used to be lost to "Too many open files".
    assertThat(most[0] - before).isLessThanOrEqualTo(TimeOrderedReader.MAX_OPEN_FILES + 8);
  }

  private static int openFiles(Path fds) {
    try (var list = Files.list(fds)) {
      return (int) list.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
