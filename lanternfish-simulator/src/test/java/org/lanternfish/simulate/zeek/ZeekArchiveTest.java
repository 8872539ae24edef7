package org.lanternfish.simulate.zeek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.simulate.Format;

/** Records land in Zeek's archive layout with Zeek's own header lines and escaping. */
final class ZeekArchiveTest {
  /** 2026-11-02 23:59:59.5 UTC. */
  private static final long LATE = 1_793_663_999_500_000L;

  @Test
  void write_rotatesHourlyIntoDailyFoldersWithZeekHeaders(@TempDir Path dir) throws IOException {
    try (ZeekArchive archive = new ZeekArchive(dir, Format.TSV)) {
      archive.write(weird(LATE, "C1", "odd\tname"));
      archive.write(weird(LATE + 1_000_000, "C2", "-"));
    }
    assertThat(ZeekArchive.files(dir)).extracting(p -> dir.relativize(p).toString()).containsExactly(
        "2026-11-02/weird.23:00:00-00:00:00.log.gz", "2026-11-03/weird.00:00:00-01:00:00.log.gz");
    List<String> lines = read(dir.resolve("2026-11-02/weird.23:00:00-00:00:00.log.gz"));
    assertThat(lines).containsExactly(
        "#separator \\x09",
        "#set_separator\t,",
        "#empty_field\t(empty)",
        "#unset_field\t-",
        "#path\tweird",
        "#open\t2026-11-02-23-00-00",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tname\taddl\tnotice\tpeer\tsource",
        "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tbool\tstring\tstring",
        "1793663999.500000\tC1\t10.0.0.1\t49152\t10.0.0.2\t445\todd\\x09name\t-\tF\tzeek\tTCP",
        "#close\t2026-11-03-00-00-00");
    assertThat(read(dir.resolve("2026-11-03/weird.00:00:00-01:00:00.log.gz")).get(8))
        .isEqualTo("1793664000.500000\tC2\t10.0.0.1\t49152\t10.0.0.2\t445\t\\x2d\t-\tF\tzeek\tTCP");
  }

  @Test
  void write_rendersContainersBackslashesAndJson(@TempDir Path tsv, @TempDir Path json) throws IOException {
    Object[] values = {LATE, "CX", "10.0.0.1", 50000, "10.0.0.9", 53, "udp", 7L, 0.0012, "a,b.example", 1L,
        "C_INTERNET", 16L, "TXT", 0L, "NOERROR", false, false, true, true, 0L, List.of("x,y", "z\\w"),
        List.of(60.0, 30.5), false, 0L, "query"};
    LogRecord record = new LogRecord(LATE, 0, ZeekLog.DNS, values);
    try (ZeekArchive archive = new ZeekArchive(tsv, Format.TSV)) {
      archive.write(record);
    }
    try (ZeekArchive archive = new ZeekArchive(json, Format.JSON)) {
      archive.write(record);
    }
    String line = read(ZeekArchive.files(tsv).getFirst()).get(8);
    assertThat(line.split("\t")[9]).isEqualTo("a,b.example");
    assertThat(line.split("\t")[21]).isEqualTo("x\\x2cy,z\\\\w");
    assertThat(line.split("\t")[22]).isEqualTo("60.000000,30.500000");
    assertThat(read(ZeekArchive.files(json).getFirst())).containsExactly(
        "{\"ts\":1793663999.500000,\"uid\":\"CX\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":50000,"
            + "\"id.resp_h\":\"10.0.0.9\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":7,\"rtt\":0.001200,"
            + "\"query\":\"a,b.example\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":16,\"qtype_name\":\"TXT\","
            + "\"rcode\":0,\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0,"
            + "\"answers\":[\"x,y\",\"z\\\\w\"],\"TTLs\":[60.000000,30.500000],\"rejected\":false,\"opcode\":0,"
            + "\"opcode_name\":\"query\"}");
  }

  @Test
  void write_refusesRecordsOlderThanTheOpenHour(@TempDir Path dir) {
    try (ZeekArchive archive = new ZeekArchive(dir, Format.TSV)) {
      archive.write(weird(LATE + 3_600_000_000L, "C1", "late"));
      assertThatThrownBy(() -> archive.write(weird(LATE, "C2", "early")))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private static LogRecord weird(long ts, String uid, String name) {
    return new LogRecord(ts, 0, ZeekLog.WEIRD,
        new Object[] {ts, uid, "10.0.0.1", 49152, "10.0.0.2", 445, name, null, false, "zeek", "TCP"});
  }

  private static List<String> read(Path file) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }
}
