package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Consumer;
import org.lanternfish.event.Event;

/**
 * Parses one log file pushed to it line by line, by the batch {@link LogReader} or by a live tailer. The first line
 * decides the format: Zeek TSV ({@code #} header), or JSON objects, each of which is Suricata EVE when it has an
 * {@code event_type} and a Zeek record otherwise; a Zeek record may come wrapped in an object keyed by its log name
 * ({@code {"conn": {...}}}), as Zeek's Kafka writer publishes it. Events go to the sink; bad lines are counted in the report with
 * their {@code file:line} and never stop the file. A file that is neither Zeek nor EVE is rejected once.
 *
 * <p>Not thread-safe: one parser per file.
 */
public final class LogParser {
  private static final JsonFactory JSON = new JsonFactory();

  private enum Format { UNKNOWN, ZEEK_TSV, JSON, REJECTED }

  private final String source;
  private final String fileLogName;
  private final Consumer<? super Event> sink;
  private final IngestReport report;
  private Format format = Format.UNKNOWN;
  private ZeekTsv tsv;
  private JsonRow json;
  private EveRecords eve;
  private boolean sawJsonRecord;
  private boolean maskedTimes;
  /** The accepted event times as {@code earliest} and an unsigned span from it, so one comparison checks both ends. */
  private final long earliest;
  private long span;

  /**
   * Creates a parser for one file.
   *
   * @param source the file's name or path, used in reports and to infer the log type when the file does not say
   * @param sink receives every event parsed
   * @param report counts records, bad lines, skipped types and rejection
   */
  public LogParser(String source, Consumer<? super Event> sink, IngestReport report) {
    this.source = source;
    this.fileLogName = LogNames.fromFileName(source);
    this.sink = sink;
    this.report = report;
    this.earliest = report.window().earliestMicros();
    this.span = report.window().latestMicros() - earliest;
  }

  /** A parser that continues a Zeek TSV file after its header, as a tailer resuming at a byte offset does. */
  public static LogParser resume(String source, ZeekHeader header, Consumer<? super Event> sink,
      IngestReport report) {
    LogParser parser = new LogParser(source, sink, report);
    parser.format = Format.ZEEK_TSV;
    parser.tsv = new ZeekTsv(source, parser.fileLogName, report, header);
    return parser;
  }

  /** Parses one line that ended with a newline; {@code len} excludes the newline. */
  public void acceptLine(byte[] buf, int off, int len, long lineNumber) {
    accept(buf, off, len, lineNumber, false);
  }

  /** Parses the file's last line, which had no newline: if it does not parse it counts as truncated. */
  public void acceptUnterminatedLine(byte[] buf, int off, int len, long lineNumber) {
    accept(buf, off, len, lineNumber, true);
  }

  /** Counts a line the reader skipped because it was longer than its cap. */
  public void acceptOverlongLine(long lineNumber, long length) {
    if (format != Format.REJECTED) {
      report.malformed(Malformation.OVERLONG_LINE, source, lineNumber, "line of " + length + " bytes skipped");
    }
  }

  /** The Zeek TSV header in force, for a tailer to keep; null when the file is not Zeek TSV. */
  public ZeekHeader header() {
    return tsv == null ? null : tsv.header();
  }

  /** True when the file was rejected as neither Zeek nor Suricata EVE; later lines are ignored. */
  public boolean rejected() {
    return format == Format.REJECTED;
  }

  private void accept(byte[] b, int off, int len, long line, boolean last) {
    if (len > 0 && b[off + len - 1] == '\r') {
      len--;
    }
    if (format == Format.UNKNOWN && len >= 3 && b[off] == (byte) 0xef && b[off + 1] == (byte) 0xbb
        && b[off + 2] == (byte) 0xbf) {
      off += 3; // a UTF-8 byte order mark, as Windows tools write
      len -= 3;
    }
    if (len > 0 && (b[off] == '\t' || b[off] == ' ')) {
      // A header line indented by mistake ("\t#separator") is still a header line; data lines are left alone.
      int i = off;
      while (i < off + len && (b[i] == '\t' || b[i] == ' ')) {
        i++;
      }
      if (i < off + len && b[i] == '#') {
        len -= i - off;
        off = i;
      }
    }
    if (len == 0 || format == Format.REJECTED) {
      return;
    }
    try {
      if (format == Format.UNKNOWN && !detect(b, off, len)) {
        return;
      }
      if (format == Format.ZEEK_TSV && b[off] == '{' && tsv.header().fields().isEmpty()) {
        // Comment lines ("### BTest ...") before JSON records made the file look like TSV; such files are Zeek's
        // test baselines, whose masked times need unmasking.
        format = Format.JSON;
        maskedTimes = true;
        json = new JsonRow();
        eve = new EveRecords();
      }
      if (format == Format.ZEEK_TSV) {
        if (b[off] == '#') {
          tsv.directive(b, off, len, line);
        } else if (!tsv.header().fields().isEmpty()) {
          emit(tsv.data(b, off, len, line));
        } else if (!tsv.columnNames(b, off, len)) {
          format = Format.REJECTED;
          report.rejected(source, "Zeek TSV data without a #fields header (line " + line + ")");
        }
      } else {
        jsonLine(b, off, len, last);
      }
    } catch (MalformedRecord bad) {
      if (last) {
        report.malformed(Malformation.TRUNCATED_LINE, source, line, "last line has no newline and does not parse: "
            + bad.getMessage());
      } else {
        report.malformed(bad.kind(), source, line, bad.getMessage());
      }
    }
  }

  /** Decides the format from the first non-blank line; false when that line is consumed or the file rejected. */
  private boolean detect(byte[] b, int off, int len) {
    byte first = b[off];
    if (first == '#') {
      format = Format.ZEEK_TSV;
      tsv = new ZeekTsv(source, fileLogName, report, null);
      return true;
    }
    if (first == 't' && len > 2 && b[off + 1] == 's' && b[off + 2] == '\t') {
      ZeekTsv candidate = new ZeekTsv(source, fileLogName, report, null);
      if (candidate.columnNames(b, off, len)) {
        format = Format.ZEEK_TSV;
        tsv = candidate;
        return false;
      }
    }
    if (first == '{') {
      format = Format.JSON;
      json = new JsonRow();
      eve = new EveRecords();
      return true;
    }
    String reason;
    if (garbageAt(b, off, len) >= 0) {
      reason = "binary content, not a text log";
    } else if (first == '[') {
      reason = "a JSON array; LogReader reads such files whole";
    } else if (indexOf(b, off, len, (byte) '\t') >= 0) {
      reason = "Zeek TSV data without a #fields header";
    } else {
      reason = "neither a Zeek log nor Suricata EVE JSON";
    }
    format = Format.REJECTED;
    report.rejected(source, reason);
    return false;
  }

  private void jsonLine(byte[] b, int off, int len, boolean last) {
    String wrapper = null;
    try (JsonParser parser = JSON.createParser(maskedTimes ? unmaskTimes(b, off, len) : b, off, len)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedRecord(Malformation.BAD_JSON, "not a JSON object");
      }
      if (wrapped(b, off, len)) {
        parser.nextToken();
        wrapper = parser.currentName();
        parser.nextToken();
      }
      json.read(parser);
      if (wrapper != null && parser.nextToken() != JsonToken.END_OBJECT) {
        throw new MalformedRecord(Malformation.BAD_JSON, "more than one record in a " + wrapper + " wrapper");
      }
      if (parser.nextToken() != null) {
        throw new MalformedRecord(Malformation.BAD_JSON, "text after the JSON object");
      }
    } catch (JsonProcessingException e) {
      // Garbage always breaks the JSON, so it is looked for only then, keeping the scan off the good path.
      int garbage = garbageAt(b, off, len);
      if (garbage >= 0) {
        throw new MalformedRecord(Malformation.BINARY_GARBAGE, "control byte 0x"
            + Integer.toHexString(b[garbage] & 0xff) + " at byte " + (garbage - off + 1));
      }
      if (!sawJsonRecord && !last) {
        // The first object spans lines: a pretty-printed document, not one event per line.
        format = Format.REJECTED;
        report.rejected(source, "not one JSON object per line: " + e.getOriginalMessage());
        return;
      }
      throw new MalformedRecord(Malformation.BAD_JSON, e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRecord(Malformation.BAD_JSON, String.valueOf(e.getMessage()));
    }
    jsonRecord(wrapper);
  }

  /**
   * Whether a line is a record in the form Zeek's Kafka writer publishes, wrapped in an object keyed by its log's
   * name ({@code {"conn": {...}}}): an object whose first value is an object. Plain Zeek and EVE records start with
   * a scalar ({@code ts}, {@code timestamp}), so a look at the first bytes tells them apart without parsing twice.
   */
  static boolean wrapped(byte[] b, int off, int len) {
    int end = off + len;
    int i = skipSpace(b, off + 1, end);
    if (i >= end || b[i] != '"') {
      return false;
    }
    i++;
    while (i < end && b[i] != '"') {
      byte c = b[i];
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
      i++;
    }
    i = skipSpace(b, i + 1, end);
    if (i >= end || b[i] != ':') {
      return false;
    }
    i = skipSpace(b, i + 1, end);
    return i < end && b[i] == '{';
  }

  private static int skipSpace(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** Maps one object of a JSON array file, the parser positioned on its START_OBJECT; used by LogReader. */
  void acceptObject(JsonParser parser, long line) throws IOException {
    if (format == Format.UNKNOWN) {
      format = Format.JSON;
      json = new JsonRow();
      eve = new EveRecords();
    }
    if (format == Format.REJECTED) {
      parser.skipChildren();
      return;
    }
    json.read(parser);
    try {
      jsonRecord(null);
    } catch (MalformedRecord bad) {
      report.malformed(bad.kind(), source, line, bad.getMessage());
    }
  }

  /** Maps the record just read; {@code wrapper} is the log name it was wrapped in, or null for a plain record. */
  private void jsonRecord(String wrapper) {
    String eventType = json.str("event_type");
    if (eventType != null && wrapper == null) {
      sawJsonRecord = true;
      emit(eve.map(json, eventType, report));
      return;
    }
    String logName = wrapper != null ? wrapper : json.str("_path");
    if (logName == null) {
      logName = json.str("@stream");
    }
    if (!sawJsonRecord && logName == null && !json.has("ts") && !source.contains(".log")) {
      format = Format.REJECTED;
      report.rejected(source, "JSON objects with neither event_type (Suricata EVE) nor ts (Zeek)");
      return;
    }
    sawJsonRecord = true;
    if (logName == null) {
      logName = ZeekSchema.forLog(fileLogName) != null ? fileLogName : ZeekSchema.guess(json::has);
    }
    if (logName == null) {
      logName = fileLogName;
    }
    ZeekSchema schema = ZeekSchema.forLog(logName);
    if (schema == null) {
      // Zeek logs without a time, such as loaded_scripts, are skipped like any other log Lanternfish does not read.
      report.skipped(logName == null ? "unknown" : logName);
      return;
    }
    if (!json.has("ts")) {
      throw new MalformedRecord(Malformation.BAD_JSON, "Zeek " + logName + " record without ts");
    }
    json.bind(schema.names());
    emit(schema.map(json));
  }

  /**
   * Hands on an event whose time lies in the report's window: the one place every Zeek and EVE record's time is
   * checked, with one unsigned comparison (a time before {@code earliest} wraps to a huge span). The rare rest is
   * kept out of this method so it stays small enough to inline into the line loop.
   */
  private void emit(Event event) {
    if (event == null) {
      return;
    }
    if (Long.compareUnsigned(event.ts() - earliest, span) > 0) {
      checkWindow(event.ts());
    }
    report.record(event.logType());
    sink.accept(event);
  }

  /**
   * Throws for a time outside the window as of now (its end moves with the clock, so a long-lived parser looks
   * again before refusing); a record without a time passes.
   */
  private void checkWindow(long ts) {
    if (ts == Event.NO_TIME) {
      return;
    }
    span = report.window().latestMicros() - earliest;
    if (Long.compareUnsigned(ts - earliest, span) > 0) {
      throw new MalformedRecord(Malformation.TIME_OUT_OF_RANGE, "time " + shown(ts) + " outside the accepted "
          + report.window().describe() + " in field ts");
    }
  }

  private static String shown(long micros) {
    try {
      return java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS).toString();
    } catch (java.time.DateTimeException | ArithmeticException tooFar) {
      return micros + " us";
    }
  }

  /**
   * Zeek's test baselines mask times as a bare {@code XXXXXXXXXX.XXXXXX}, which is not JSON; this quotes the mask
   * in a copy of the line, keeping its length, so the record parses and its time reads as {@code NO_TIME}.
   */
  private static byte[] unmaskTimes(byte[] b, int off, int len) {
    byte[] copy = null;
    for (int i = off + 1; i + MASK.length <= off + len; i++) {
      if (b[i - 1] == ':' && b[i] == 'X' && java.util.Arrays.equals(b, i, i + MASK.length, MASK, 0, MASK.length)) {
        if (copy == null) {
          copy = b.clone();
        }
        copy[i] = '"';
        copy[i + 10] = 'X';
        copy[i + MASK.length - 1] = '"';
      }
    }
    return copy == null ? b : copy;
  }

  private static final byte[] MASK = "XXXXXXXXXX.XXXXXX".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  /** The position of the first byte that never occurs in a text log (NUL, control, 0xFE/0xFF), or -1. */
  private static int garbageAt(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c >= 0 && c < 0x20 && c != '\t' || c == (byte) 0xff || c == (byte) 0xfe) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] b, int off, int len, byte wanted) {
    for (int i = off; i < off + len; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
