package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.Event;

/** Discovery and time ordering of archived log trees, and log names inferred from file names. */
final class LogFilesTest {
  @TempDir Path dir;

  private static void writeGz(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String connJson(String uid, long seconds) {
    return "{\"ts\":" + seconds + ".0,\"uid\":\"" + uid
        + "\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1,\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":80}\n";
  }

  @Test
  void discover_ordersDailyFoldersAndRotationsByTime() throws IOException {
    // Written out of order on purpose: names sort differently from time.
    writeGz(dir.resolve("2024-01-02/conn.00:00:00-01:00:00.log.gz"), connJson("C3", 1_704_153_600L));
    writeGz(dir.resolve("2024-01-01/conn.23:00:00-00:00:00.log.gz"), connJson("C2", 1_704_150_000L));
    writeGz(dir.resolve("2024-01-01/conn.09:00:00-10:00:00.log.gz"), connJson("C1", 1_704_099_600L));
    writeGz(dir.resolve("2024-01-01/dns.09:00:00-10:00:00.log.gz"), "");
    Files.writeString(dir.resolve("2024-01-01/README.md"), "not a log");
    Files.writeString(dir.resolve(".hidden.log"), "ignored");

    List<Path> files = LogFiles.discover(dir, new IngestReport());

    assertThat(files).extracting(p -> dir.relativize(p).toString().replace('\\', '/')).containsExactly(
        "2024-01-01/conn.09:00:00-10:00:00.log.gz", "2024-01-01/dns.09:00:00-10:00:00.log.gz",
        "2024-01-01/conn.23:00:00-00:00:00.log.gz", "2024-01-02/conn.00:00:00-01:00:00.log.gz");
    List<Event> events = new ArrayList<>();
    LogReader.read(dir, events::add, new IngestReport());
    assertThat(events).extracting(Event::uid).containsExactly("C1", "C2", "C3");
  }

  @Test
  void discover_ofOneDayFolder_ordersByRotationTimeWithoutReadingRecords() throws IOException {
    // Empty files: only their names (the folder given plus the rotation time) can order them.
    Path day = dir.resolve("2024-01-01");
    Files.createDirectories(day);
    Files.writeString(day.resolve("conn.10:00:00-11:00:00.log"), "");
    Files.writeString(day.resolve("dns.09:00:00-10:00:00.log"), "");
    Files.writeString(day.resolve("zeta.08:00:00-09:00:00.log"), "");
    assertThat(LogFiles.discover(day, new IngestReport())).extracting(p -> p.getFileName().toString()).containsExactly(
        "zeta.08:00:00-09:00:00.log", "dns.09:00:00-10:00:00.log", "conn.10:00:00-11:00:00.log");
  }

  @Test
  void discover_readsZeeksOwnRotationStamp() throws IOException {
    // No records to date them by, and names whose alphabetical order is not their time order.
    Files.writeString(dir.resolve("conn.2024-01-01-11-00-00.log"), "");
    Files.writeString(dir.resolve("dns.2024-01-01-10-00-00.log"), "");
    Files.writeString(dir.resolve("weird.2023-12-31-23-00-00.log"), "");
    assertThat(LogFiles.discover(dir, new IngestReport())).extracting(p -> p.getFileName().toString()).containsExactly(
        "weird.2023-12-31-23-00-00.log", "dns.2024-01-01-10-00-00.log", "conn.2024-01-01-11-00-00.log");
  }

  @Test
  void discover_withoutDates_fallsBackToFirstRecordTime() throws IOException {
    Files.writeString(dir.resolve("a_conn.log"), connJson("late", 1_700_000_900L));
    Files.writeString(dir.resolve("b_conn.log"), connJson("early", 1_700_000_100L));
    List<Event> events = new ArrayList<>();
    LogReader.read(dir, events::add, new IngestReport());
    assertThat(events).extracting(Event::uid).containsExactly("early", "late");
  }

  @Test
  void fromFileName_understandsCommonNamings() {
    assertThat(LogNames.fromFileName("conn.log")).isEqualTo("conn");
    assertThat(LogNames.fromFileName("/x/2024-01-01/conn.00:00:00-01:00:00.log.gz")).isEqualTo("conn");
    assertThat(LogNames.fromFileName("SENSOR-7_conn.log")).isEqualTo("conn");
    assertThat(LogNames.fromFileName("conn_20240101.log")).isEqualTo("conn");
    assertThat(LogNames.fromFileName("conn.log.labeled")).isEqualTo("conn");
    assertThat(LogNames.fromFileName("smb_files.log")).isEqualTo("smb_files");
    assertThat(LogNames.fromFileName("host_dce_rpc.log")).isEqualTo("dce_rpc");
    assertThat(LogNames.fromFileName("open_conn.log")).isEqualTo("open_conn");
    assertThat(LogNames.fromFileName("tunnel.log")).isEqualTo("tunnel");
  }
}
