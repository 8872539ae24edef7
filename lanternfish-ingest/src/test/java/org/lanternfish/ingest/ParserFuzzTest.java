package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.Event;

/**
 * Property-based fuzzing of the Zeek TSV, Zeek JSON and Suricata EVE parsers: 10,000 generated cases each, every one
 * a valid record mutated by field (numbers at and past their limits, exponent forms, escapes, unset and empty
 * markers, Unicode, control bytes, JSON values of the wrong type) and by byte. The properties: no exception escapes
 * a parser, every line is accounted for exactly once (a record, a malformed line or a skipped type), and every
 * record's time lies in the accepted window. A failing case names its seed, so it can be replayed.
 */
final class ParserFuzzTest {
  private static final int CASES = 10_000;
  private static final String TSV_HEADER = """
      #separator \\x09
      #set_separator\t,
      #empty_field\t(empty)
      #unset_field\t-
      #path\tconn
      #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tlocal_orig\ttunnel_parents
      #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tbool\tset[string]
      """;
  private static final String[] TSV_GOOD = {"1700000000.123456", "CabC1", "10.0.0.1", "51000", "2001:db8::2", "443",
      "tcp", "ssl", "1.5", "1200", "T", "a,b"};
  private static final String JSON_GOOD = "{\"ts\":%s,\"uid\":%s,\"id.orig_h\":%s,\"id.orig_p\":%s,"
      + "\"id.resp_h\":%s,\"id.resp_p\":%s,\"proto\":%s,\"query\":%s,\"answers\":%s,\"TTLs\":%s}";
  private static final String[] JSON_VALUES = {"1700000000.5", "\"Cj1\"", "\"10.0.0.1\"", "5353", "\"10.0.0.53\"",
      "53", "\"udp\"", "\"example.com\"", "[\"1.2.3.4\",\"name.example\"]", "[60.0,30]"};
  private static final String EVE_GOOD = "{\"timestamp\":%s,\"event_type\":%s,\"src_ip\":%s,\"src_port\":%s,"
      + "\"dest_ip\":%s,\"dest_port\":%s,\"proto\":%s,\"alert\":{\"signature\":%s,\"severity\":%s},"
      + "\"dns\":{\"type\":%s,\"rrname\":%s},\"flow\":{\"start\":%s,\"bytes_toserver\":%s}}";
  private static final String[] EVE_VALUES = {"\"2024-01-01T00:00:00.000000+0000\"", "\"alert\"", "\"10.0.0.1\"",
      "1234", "\"10.0.0.2\"", "80", "\"TCP\"", "\"ET POLICY x\"", "2", "\"query\"", "\"example.com\"",
      "\"2024-01-01T00:00:00.000000+0000\"", "100"};
  private static final String[] NASTY = {"", "-", "(empty)", "0", "-0", "-1", "1e18", "-1e18", "1E400", "1.7e9",
      "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1700000000.", ".5", "NaN",
      "Infinity", "253402300800", "-5", "65536", "4294967296", "999.999.999.999", "::ffff:1.2.3.4", "fe80::1%eth0",
      "\\x41", "\\x4", "\\", "\\\\", "\\q", "T", "F", "true", "1,2,,3", ",", "\u00e9t\u00e9", "\ud83d\udc1f",
      "\u0000", "\u0001x", "\t", "x".repeat(300), "XXXXXXXXXX.XXXXXX", "9999-12-31T23:59:59Z",
      "1969-12-31T23:59:59Z", "2024-02-30T00:00:00Z", "2024-01-01T25:00:00+0200", "2024-01-01 00:00:00"};
  private static final String[] EVENT_TYPES = {"alert", "dns", "http", "tls", "flow", "fileinfo", "smb", "dcerpc",
      "anomaly", "stats", "", "ALERT"};

  @Test
  void zeekTsv_neverThrows_andAccountsForEveryLine() {
    for (int n = 0; n < CASES; n++) {
      SplittableRandom random = new SplittableRandom(n);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String[] fields = TSV_GOOD.clone();
        for (int m = random.nextInt(4); m > 0; m--) {
          fields[random.nextInt(fields.length)] = nasty(random);
        }
        String line = String.join("\t", fields);
        lines.add(random.nextInt(4) == 0 ? mutateBytes(line, random) : line);
      }
      check("tsv", n, TSV_HEADER, lines);
    }
  }

  @Test
  void zeekJson_neverThrows_andAccountsForEveryLine() {
    for (int n = 0; n < CASES; n++) {
      SplittableRandom random = new SplittableRandom(1_000_000L + n);
      List<String> lines = new ArrayList<>();
      lines.add(String.format(JSON_GOOD, (Object[]) JSON_VALUES));
      for (int i = 0; i < 3; i++) {
        String line = String.format(JSON_GOOD, (Object[]) jsonValues(JSON_VALUES, random));
        lines.add(random.nextInt(4) == 0 ? mutateBytes(line, random) : line);
      }
      check("dns.log", n, "", lines);
    }
  }

  @Test
  void suricataEve_neverThrows_andAccountsForEveryLine() {
    for (int n = 0; n < CASES; n++) {
      SplittableRandom random = new SplittableRandom(2_000_000L + n);
      List<String> lines = new ArrayList<>();
      lines.add(String.format(EVE_GOOD, (Object[]) EVE_VALUES));
      for (int i = 0; i < 3; i++) {
        String[] values = jsonValues(EVE_VALUES, random);
        if (random.nextInt(3) == 0) {
          values[1] = "\"" + EVENT_TYPES[random.nextInt(EVENT_TYPES.length)] + "\"";
        }
        String line = String.format(EVE_GOOD, (Object[]) values);
        lines.add(random.nextInt(4) == 0 ? mutateBytes(line, random) : line);
      }
      check("eve.json", n, "", lines);
    }
  }

  private static void check(String source, int n, String header, List<String> lines) {
    IngestReport report = new IngestReport();
    List<Event> events = new ArrayList<>();
    LogParser parser = new LogParser(source, events::add, report);
    long number = 0;
    long data = 0;
    try {
      for (String line : header.isEmpty() ? List.<String>of() : header.lines().toList()) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        parser.acceptLine(bytes, 0, bytes.length, ++number);
      }
      for (String line : lines) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        parser.acceptLine(bytes, 0, bytes.length, ++number);
        data++;
      }
    } catch (RuntimeException e) {
      throw new AssertionError(source + " case " + n + " threw on " + lines, e);
    }
    assertThat(report.totalRecords() + report.totalMalformed() + report.totalSkipped())
        .as("%s case %d: every line a record, a malformed line or a skipped type: %s %s", source, n, lines, report)
        .isEqualTo(data);
    long earliest = report.window().earliestMicros();
    long latest = report.window().latestMicros();
    assertThat(events).as("%s case %d", source, n)
        .allMatch(e -> e.ts() == Event.NO_TIME || e.ts() >= earliest && e.ts() <= latest);
  }

  private static String nasty(SplittableRandom random) {
    return NASTY[random.nextInt(NASTY.length)];
  }

  /** The good values with a few swapped for nasty ones, as JSON numbers, strings, nulls, arrays or objects. */
  private static String[] jsonValues(String[] good, SplittableRandom random) {
    String[] values = good.clone();
    for (int m = random.nextInt(4); m > 0; m--) {
      String nasty = nasty(random);
      String quoted = "\"" + nasty.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000")
          .replace("\u0001", "\\u0001").replace("\t", "\\t") + "\"";
      values[random.nextInt(values.length)] = switch (random.nextInt(6)) {
        case 0 -> nasty.matches("-?[0-9.eE]+") && !nasty.endsWith(".") && !nasty.startsWith(".") ? nasty : quoted;
        case 1 -> "null";
        case 2 -> "[" + quoted + ",1]";
        case 3 -> "{\"x\":" + quoted + "}";
        case 4 -> "true";
        default -> quoted;
      };
    }
    return values;
  }

  /** A line with a few bytes inserted, deleted or replaced; newlines are never added (the reader splits on them). */
  private static String mutateBytes(String line, SplittableRandom random) {
    StringBuilder text = new StringBuilder(line);
    for (int m = 1 + random.nextInt(3); m > 0 && !text.isEmpty(); m--) {
      int at = random.nextInt(text.length());
      char c = (char) (random.nextInt(5) == 0 ? random.nextInt(0x20) : 0x20 + random.nextInt(0x5f));
      if (c == '\n' || c == '\r') {
        c = ' ';
      }
      switch (random.nextInt(3)) {
        case 0 -> text.insert(at, c);
        case 1 -> text.deleteCharAt(at);
        default -> text.setCharAt(at, c);
      }
    }
    // A line that starts as a header or is blank is no data line; the property counts data lines.
    String mutated = text.toString().stripLeading();
    return mutated.isEmpty() || mutated.startsWith("#") ? line : text.toString();
  }
}
