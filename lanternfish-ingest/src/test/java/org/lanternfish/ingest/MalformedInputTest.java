package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/** Bad input of every class, written by the test: each is counted with its file:line and no good line is lost. */
final class MalformedInputTest {
  private static final String HEADER = """
      #separator \\x09
      #set_separator\t,
      #empty_field\t(empty)
      #unset_field\t-
      #path\tconn
      #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_bytes\tlocal_orig\thistory
      #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tbool\tstring
      """;

  @TempDir Path dir;

  private static String conn(String uid, String ts, String orig, String port, String bytes, String local,
      String history) {
    return String.join("\t", ts, uid, orig, "51000", "10.0.0.2", port, "tcp", bytes, local, history) + "\n";
  }

  private static String good(String uid) {
    return conn(uid, "1700000000.000001", "10.0.0.1", "443", "100", "T", "ShAD");
  }

  private List<Event> read(Path file, IngestReport report) {
    List<Event> events = new ArrayList<>();
    LogReader.readFile(file, events::add, report);
    return events;
  }

  private static List<String> uids(List<Event> events) {
    return events.stream().map(Event::uid).toList();
  }

  @Test
  void everyBadLineClass_isCountedWithItsLine_andGoodLinesSurvive() throws IOException {
    Path file = dir.resolve("conn.log");
    StringBuilder text = new StringBuilder(HEADER);                                  // lines 1-7
    text.append(good("Cgood1"));                                                      // 8
    text.append(good("Cshort").replace("\tShAD\n", "\n"));                           // 9 wrong column count
    text.append(conn("Cnum", "1700000000.1", "10.0.0.1", "443", "12x", "T", "S"));    // 10 bad count
    text.append(conn("Ctime", "17000z0000.1", "10.0.0.1", "443", "1", "T", "S"));     // 11 bad time
    text.append(conn("Cport", "1700000000.1", "10.0.0.1", "70000", "1", "T", "S"));   // 12 bad port
    text.append(conn("Cbool", "1700000000.1", "10.0.0.1", "443", "1", "Y", "S"));     // 13 bad bool
    text.append(conn("Caddr", "1700000000.1", "10.0.0.999", "443", "1", "T", "S"));   // 14 bad address
    text.append(good("Cgood2"));                                                      // 15
    text.append(conn("Cesc", "1700000000.1", "10.0.0.1", "443", "1", "T", "S\\q"));   // 16 bad escape
    text.append(conn("Cnul", "1700000000.1", "10.0.0.1", "443", "1", "T", "S\0A"));   // 17 binary garbage
    text.append("x".repeat(10 * 1024 * 1024)).append('\n');                          // 18 overlong, 10 MB
    text.append(good("Cgood3"));                                                      // 19
    text.append(good("Ccut").substring(0, 30));                                       // 20 truncated, no newline
    Files.writeString(file, text, StandardCharsets.UTF_8);

    IngestReport report = new IngestReport();
    List<Event> events = read(file, report);

    assertThat(uids(events)).containsExactly("Cgood1", "Cgood2", "Cgood3");
    assertThat(report.records(LogType.CONN)).isEqualTo(3);
    assertThat(report.malformed(Malformation.WRONG_COLUMN_COUNT)).isEqualTo(1);
    assertThat(report.malformed(Malformation.BAD_NUMBER)).isEqualTo(5);
    assertThat(report.malformed(Malformation.BAD_ESCAPE)).isEqualTo(1);
    assertThat(report.malformed(Malformation.BINARY_GARBAGE)).isEqualTo(1);
    assertThat(report.malformed(Malformation.OVERLONG_LINE)).isEqualTo(1);
    assertThat(report.malformed(Malformation.TRUNCATED_LINE)).isEqualTo(1);
    assertThat(report.totalMalformed()).isEqualTo(10);
    String name = file.toString();
    assertThat(report.samples(Malformation.WRONG_COLUMN_COUNT)).singleElement().asString()
        .startsWith(name + ":9: ").contains("9 columns");
    assertThat(report.samples(Malformation.BAD_NUMBER)).hasSize(5)
        .anySatisfy(s -> assertThat(s).startsWith(name + ":10: ").contains("orig_bytes").contains("12x"))
        .anySatisfy(s -> assertThat(s).startsWith(name + ":11: ").contains("ts"))
        .anySatisfy(s -> assertThat(s).startsWith(name + ":12: ").contains("id.resp_p").contains("70000"))
        .anySatisfy(s -> assertThat(s).startsWith(name + ":13: ").contains("local_orig"))
        .anySatisfy(s -> assertThat(s).startsWith(name + ":14: ").contains("10.0.0.999"));
    assertThat(report.samples(Malformation.BAD_ESCAPE)).singleElement().asString().startsWith(name + ":16: ");
    assertThat(report.samples(Malformation.BINARY_GARBAGE)).singleElement().asString().startsWith(name + ":17: ");
    assertThat(report.samples(Malformation.OVERLONG_LINE)).singleElement().asString().startsWith(name + ":18: ");
    assertThat(report.samples(Malformation.TRUNCATED_LINE)).singleElement().asString().startsWith(name + ":20: ");
  }

  @Test
  void controlBytesAndUnicode_atEveryPlaceOfAnEightByteWord_areToldApart() throws IOException {
    // The splitter reads eight bytes at a time: each case sits at every offset within a word, next to a tab.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
    List<String> kept = new ArrayList<>();
    int garbage = 0;
    for (int pad = 0; pad < 16; pad++) {
      String prefix = "C" + "x".repeat(pad);
      String unicode = prefix + "\u00e9\u20ac\ud834\udd1e";
      kept.add(unicode);
      bytes.writeBytes(conn(unicode, "1700000000.000001", "10.0.0.1", "443", "100", "T", "S" + "\u00fc".repeat(pad % 3))
          .getBytes(StandardCharsets.UTF_8));
      for (int bad : new int[] {0x00, 0x01, 0x0b, 0x1f, 0xfe, 0xff}) {
        byte[] line = good(prefix + "#y").getBytes(StandardCharsets.UTF_8);
        line[prefix.length() + "1700000000.000001\t".length()] = (byte) bad;
        bytes.writeBytes(line);
        garbage++;
      }
    }
    Path file = dir.resolve("conn.log");
    Files.write(file, bytes.toByteArray());

    IngestReport report = new IngestReport();
    List<Event> events = read(file, report);

    assertThat(uids(events)).containsExactlyElementsOf(kept);
    assertThat(events).extracting(e -> ((ConnEvent) e).history())
        .allSatisfy(history -> assertThat(history).matches("S\u00fc*"));
    assertThat(report.malformed(Malformation.BINARY_GARBAGE)).isEqualTo(garbage);
    assertThat(report.samples(Malformation.BINARY_GARBAGE)).isNotEmpty()
        .allSatisfy(sample -> assertThat(sample).contains("at column 2"));
    assertThat(report.totalMalformed()).isEqualTo(garbage);
  }

  @Test
  void timeInExponentForm_outsideTheRangeOfPlainTimes_isABadNumber_andNeighboursKept() throws IOException {
    Path tsv = dir.resolve("conn.log");
    Files.writeString(tsv, HEADER + good("C1")
        + conn("Chuge", "1e18", "10.0.0.1", "443", "1", "T", "S")                    // 9: issue 21 item 1
        + conn("Cneg", "-1E13", "10.0.0.1", "443", "1", "T", "S")                    // 10
        + conn("Cfine", "1.7e9", "10.0.0.1", "443", "1", "T", "S")                   // 11: 2023, accepted
        + good("C2"));
    Path json = dir.resolve("dns.log");
    Files.writeString(json, """
        {"ts":1e18,"uid":"Jhuge","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":53}
        {"ts":1700000000.5,"uid":"J1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":53}
        """);
    IngestReport report = new IngestReport();
    List<Event> events = read(tsv, report);
    events.addAll(read(json, report));

    assertThat(uids(events)).containsExactly("C1", "Cfine", "C2", "J1");
    assertThat(events.get(1).ts()).isEqualTo(1_700_000_000_000_000L);
    assertThat(report.malformed(Malformation.BAD_NUMBER)).isEqualTo(3);
    assertThat(report.samples(Malformation.BAD_NUMBER)).extracting(s -> s.substring(0, s.indexOf(": ")))
        .containsExactly(tsv + ":9", tsv + ":10", json + ":1");
  }

  @Test
  void timesOutsideTheWindow_areCountedWithTheirLine_inTsvJsonAndEve() throws IOException {
    String future = String.valueOf(java.time.Instant.now().plus(java.time.Duration.ofDays(3)).getEpochSecond());
    Path tsv = dir.resolve("conn.log");
    Files.writeString(tsv, HEADER + good("C1")
        + conn("C9999", "253402214400.0", "10.0.0.1", "443", "1", "T", "S")          // 9: year 9999
        + conn("Cminus", "-5", "10.0.0.1", "443", "1", "T", "S")                     // 10
        + conn("C1970", "0.000001", "10.0.0.1", "443", "1", "T", "S")                // 11
        + conn("Cahead", future, "10.0.0.1", "443", "1", "T", "S")                   // 12: three days ahead
        + good("C2"));
    Path json = dir.resolve("http.log");
    Files.writeString(json, """
        {"ts":"9999-12-31T00:00:00Z","uid":"Jfar","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80}
        {"ts":"2024-01-01T00:00:00Z","uid":"J1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80}
        """);
    Path eve = dir.resolve("eve.json");
    Files.writeString(eve, """
        {"timestamp":"1969-12-31T23:59:59.000000+0000","event_type":"dns","src_ip":"10.0.0.1","src_port":1,"dest_ip":"10.0.0.2","dest_port":53,"proto":"UDP","dns":{"type":"query","rrname":"a.example"}}
        {"timestamp":"2024-01-01T00:00:00.000000+0000","event_type":"dns","src_ip":"10.0.0.1","src_port":1,"dest_ip":"10.0.0.2","dest_port":53,"proto":"UDP","dns":{"type":"query","rrname":"b.example"}}
        """);
    IngestReport report = new IngestReport();
    List<Event> events = read(tsv, report);
    events.addAll(read(json, report));
    List<Event> eveEvents = read(eve, report);

    assertThat(uids(events)).containsExactly("C1", "C2", "J1");
    assertThat(eveEvents).singleElement().extracting(Event::ts).isEqualTo(1_704_067_200_000_000L);
    assertThat(report.malformed(Malformation.TIME_OUT_OF_RANGE)).isEqualTo(6);
    assertThat(report.samples(Malformation.TIME_OUT_OF_RANGE)).extracting(s -> s.substring(0, s.indexOf(": ")))
        .containsExactly(tsv + ":9", tsv + ":10", tsv + ":11", tsv + ":12", json + ":1", eve + ":1");
    assertThat(report.samples(Malformation.TIME_OUT_OF_RANGE).get(0))
        .contains("9999-12-31T00:00:00Z").contains("1990-01-01T00:00:00Z .. now + 1 day");
  }

  @Test
  void timeWindow_isConfigurable() throws IOException {
    Path tsv = dir.resolve("conn.log");
    Files.writeString(tsv, HEADER + conn("Cold", "600000000.0", "10.0.0.1", "443", "1", "T", "S") + good("C1"));
    TimeWindow from1980 = new TimeWindow(315_532_800_000_000L, 0);
    IngestReport report = new IngestReport(from1980);
    assertThat(uids(read(tsv, report))).containsExactly("Cold", "C1");
    assertThat(report.totalMalformed()).isZero();
    assertThat(uids(read(tsv, new IngestReport()))).containsExactly("C1");
  }

  @Test
  void cursor_resumingAGrownLog_readsItsHeaderAndOnlyTheLinesAfterThoseStored() throws IOException {
    Path file = dir.resolve("conn.log");
    Files.writeString(file, HEADER + good("C1") + good("C2") + good("Cpart").substring(0, 20));
    IngestReport first = new IngestReport();
    assertThat(uids(read(file, first))).containsExactly("C1", "C2");
    // The cut line was being written: the lines counted as read end before it.
    assertThat(first.linesRead(file.toString())).isEqualTo(9);

    Files.writeString(file, HEADER + good("C1") + good("C2") + good("Cpart") + good("C3"));
    IngestReport resumed = new IngestReport();
    List<Event> events = new ArrayList<>();
    LogReader.readFile(file, events::add, resumed, first.linesRead(file.toString()));
    assertThat(uids(events)).containsExactly("Cpart", "C3");
    assertThat(resumed.totalMalformed()).isZero();
    assertThat(resumed.linesRead(file.toString())).isEqualTo(11);
  }

  @Test
  void dnsTtls_areReadPerElement_andABadOneCountsItsLine() throws IOException {
    Path file = dir.resolve("dns.log");
    String header = """
        #separator \\x09
        #set_separator	,
        #empty_field	(empty)
        #unset_field	-
        #path	dns
        #fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	query	answers	TTLs
        #types	time	string	addr	port	addr	port	string	vector[string]	vector[interval]
        """;
    String row = "1700000000.000001\t%s\t10.0.0.1\t51000\t10.0.0.53\t53\texample.com\t%s\t%s\n";
    Files.writeString(file, header
        + row.formatted("Cthree", "a,b,c", "300.000000,-,0.5")                       // line 8
        + row.formatted("Cbad", "a,b", "300.0,3x0")                                  // 9: bad interval
        + row.formatted("Cnone", "(empty)", "(empty)")                               // 10
        + row.formatted("Cunset", "-", "-"));                                        // 11
    IngestReport report = new IngestReport();
    List<Event> events = read(file, report);
    assertThat(uids(events)).containsExactly("Cthree", "Cnone", "Cunset");
    assertThat(((DnsEvent) events.get(0)).ttls()).containsExactly(300.0, Double.NaN, 0.5);
    assertThat(((DnsEvent) events.get(1)).ttls()).isEmpty();
    assertThat(((DnsEvent) events.get(2)).ttls()).isNull();
    assertThat(report.malformed(Malformation.BAD_NUMBER)).isEqualTo(1);
    assertThat(report.samples(Malformation.BAD_NUMBER)).singleElement().asString().startsWith(file + ":9: ");
  }

  @Test
  void lastLineWithoutNewline_thatParses_isKept() throws IOException {
    Path file = dir.resolve("conn.log");
    String last = good("Clast");
    Files.writeString(file, HEADER + good("Cfirst") + last.substring(0, last.length() - 1));
    IngestReport report = new IngestReport();
    assertThat(uids(read(file, report))).containsExactly("Cfirst", "Clast");
    assertThat(report.totalMalformed()).isZero();
  }

  @Test
  void typesHeader_withWrongCount_isCountedOnce_andRecordsStillParse() throws IOException {
    Path file = dir.resolve("conn.log");
    String header = HEADER.replace("\tbool\tstring\n", "\tbool\n");
    Files.writeString(file, header + good("C1") + good("C2"));
    IngestReport report = new IngestReport();
    assertThat(uids(read(file, report))).containsExactly("C1", "C2");
    assertThat(report.malformed(Malformation.BAD_TYPES_HEADER)).isEqualTo(1);
    assertThat(report.samples(Malformation.BAD_TYPES_HEADER)).singleElement().asString()
        .startsWith(file + ":7: ").contains("#types has 9 columns but #fields has 10");
  }

  @Test
  void unknownTypeForKnownField_dropsThatField_only() throws IOException {
    Path file = dir.resolve("conn.log");
    Files.writeString(file, HEADER.replace("\tenum\tcount\t", "\tenum\tblob\t") + good("C1"));
    IngestReport report = new IngestReport();
    List<Event> events = read(file, report);
    assertThat(events).singleElement().isInstanceOfSatisfying(ConnEvent.class, e -> {
      assertThat(e.origBytes()).isEqualTo(Event.UNSET);
      assertThat(e.history()).isEqualTo("ShAD");
    });
    assertThat(report.samples(Malformation.BAD_TYPES_HEADER)).singleElement().asString()
        .contains("orig_bytes has type blob");
  }

  @Test
  void badJsonLines_areCounted_andNeighboursKept() throws IOException {
    Path file = dir.resolve("conn.log");
    Files.writeString(file, """
        {"ts":1700000000.5,"uid":"J1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80}
        {"ts":1700000000.6,"uid":"Jbad",
        [1, 2, 3]
        {"uid":"Jnots","id.orig_h":"10.0.0.1"}
        {"ts":1700000000.7,"uid":"J2","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80}
        """);
    IngestReport report = new IngestReport();
    assertThat(uids(read(file, report))).containsExactly("J1", "J2");
    assertThat(report.malformed(Malformation.BAD_JSON)).isEqualTo(3);
    assertThat(report.samples(Malformation.BAD_JSON)).extracting(s -> s.substring(file.toString().length()))
        .allMatch(s -> s.startsWith(":2: ") || s.startsWith(":3: ") || s.startsWith(":4: "));
  }

  @Test
  void fileThatIsNeitherZeekNorEve_isRejectedOnce() throws IOException {
    Path text = dir.resolve("notes.log");
    Files.writeString(text, "hello\nworld\nthis is not a log\n");
    Path binary = dir.resolve("conn.log");
    Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, '\n', 0, 0, '\n'});
    Path headerless = dir.resolve("dns.log");
    Files.writeString(headerless, "1700000000.1\tC1\t10.0.0.1\n1700000000.2\tC2\t10.0.0.1\n");
    IngestReport report = new IngestReport();
    for (Path file : List.of(text, binary, headerless)) {
      read(file, report);
    }
    assertThat(report.rejectedFiles()).containsExactly(
        text + ": neither a Zeek log nor Suricata EVE JSON",
        binary + ": binary content, not a text log",
        headerless + ": Zeek TSV data without a #fields header");
    assertThat(report.totalMalformed()).isZero();
    assertThat(report.totalRecords()).isZero();
  }

  @Test
  void gzip_isDetectedByMagicBytes_notByName() throws IOException {
    Path file = dir.resolve("conn-archive.dat");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((HEADER + good("Cz1") + good("Cz2")).getBytes(StandardCharsets.UTF_8));
    }
    IngestReport report = new IngestReport();
    assertThat(uids(read(file, report))).containsExactly("Cz1", "Cz2");
    assertThat(report.totalMalformed()).isZero();
  }

  @Test
  void gzipOfTwoMembers_readsTheLinesOfBoth() throws IOException {
    // Concatenated gzip files (cat a.gz b.gz) are one valid gzip file, whose trailer gives the last member's length.
    Path file = dir.resolve("conn.log.gz");
    try (OutputStream out = Files.newOutputStream(file)) {
      for (String text : new String[] {HEADER + good("Cm1") + good("Cm2"), good("Cm3")}) {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(member)) {
          gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.write(member.toByteArray());
      }
    }
    IngestReport report = new IngestReport();
    assertThat(uids(read(file, report))).containsExactly("Cm1", "Cm2", "Cm3");
    assertThat(report.totalMalformed()).isZero();
  }

  @Test
  void cutOffGzip_keepsTheLinesBeforeTheCut() throws IOException {
    Path whole = dir.resolve("whole.gz");
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < 2000; i++) {
      text.append(good("C" + i));
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("conn.log.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IngestReport report = new IngestReport();
    List<Event> events = read(cut, report);
    assertThat(events).isNotEmpty().hasSizeLessThan(2000);
    assertThat(uids(events)).startsWith("C0", "C1", "C2");
    assertThat(report.malformed(Malformation.TRUNCATED_LINE)).isEqualTo(1);
  }

  @Test
  void cursor_readingAFewLinesAtATime_findsWhatReadingTheWholeFileFinds() throws IOException {
    Path file = dir.resolve("conn.log.gz");
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 0; i < 300; i++) {
      text.append(i % 17 == 0 ? conn("Cbad" + i, "1700000000.1", "10.0.0.1", "443", "12x", "T", "S")
          : i == 150 ? "x".repeat(LogReader.MAX_LINE_BYTES + 10) + "\n" : good("C" + i));
    }
    text.append(good("Clast").stripTrailing()); // no final newline
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    IngestReport whole = new IngestReport();
    List<Event> all = read(file, whole);

    for (int step : new int[] {1, 3, 64}) {
      IngestReport report = new IngestReport();
      List<Event> events = new ArrayList<>();
      int calls = 0;
      try (LogCursor cursor = LogCursor.open(file, events::add, report)) {
        while (cursor.read(step)) {
          calls++;
        }
      }
      assertThat(uids(events)).as("step " + step).containsExactlyElementsOf(uids(all));
      assertThat(report.toJson()).isEqualTo(whole.toJson());
      assertThat(calls).isGreaterThanOrEqualTo(300 / step);
    }
    assertThat(uids(all)).contains("C1", "C299", "Clast").doesNotContain("C150", "Cbad17");
    assertThat(whole.totalMalformed()).isEqualTo(19);
  }
}
