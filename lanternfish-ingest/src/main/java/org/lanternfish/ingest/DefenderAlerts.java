package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/**
 * Reads Microsoft Defender alerts as Microsoft Graph {@code security/alerts_v2} returns them: a list response
 * ({@code {"value": [alert, ...]}}, with or without {@code @odata.nextLink}), a single alert object, a JSON array of
 * alerts, or one of those per line (NDJSON). A bad alert is counted with the line it starts on and the others are
 * kept; a file whose JSON breaks keeps the alerts before the break.
 *
 * <p>The alert's device comes from its {@code #microsoft.graph.security.deviceEvidence} (DNS name, Defender device
 * id, interface addresses); when several devices are in evidence the one Defender marks compromised or as the main
 * device is taken. Only without any device evidence do the addresses of {@code ipEvidence} stand in, since those
 * are usually the remote end of what the device did.
 */
public final class DefenderAlerts {
  /** Files larger than this are not Defender alert exports; they are rejected rather than held in memory. */
  static final int MAX_FILE_BYTES = 256 << 20;

  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> MARKERS = List.of("\"detectionSource\"", "\"serviceSource\"",
      "#microsoft.graph.security.alert\"", "security/alerts_v2");

  private final String source;
  private final Consumer<? super Event> sink;
  private final IngestReport report;

  private DefenderAlerts(String source, Consumer<? super Event> sink, IngestReport report) {
    this.source = source;
    this.sink = sink;
    this.report = report;
  }

  /** True when the first {@code n} bytes of a file named {@code source} look like Defender alerts. */
  static boolean looksLike(String source, byte[] head, int n) {
    if (zeekNamed(source)) {
      return false;
    }
    int first = firstNonBlank(head, n);
    if (first < 0 || head[first] != '{' && head[first] != '[') {
      return false;
    }
    if (inDefenderFolder(source)) {
      return true;
    }
    String text = new String(head, first, n - first, StandardCharsets.ISO_8859_1);
    for (String marker : MARKERS) {
      if (text.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** A file named after a Zeek log ({@code conn.log}) outside a {@code defender} folder is that log, whatever it says. */
  static boolean zeekNamed(String source) {
    String log = LogNames.fromFileName(source);
    return log != null && ZeekSchema.forLog(log) != null && !inDefenderFolder(source);
  }

  private static boolean inDefenderFolder(String source) {
    String[] parts = source.replace('\\', '/').split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equalsIgnoreCase("defender")) {
        return true;
      }
    }
    return false;
  }

  private static int firstNonBlank(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != (byte) 0xef && c != (byte) 0xbb
          && c != (byte) 0xbf) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads every alert of a stream named {@code source} into {@code sink}, counting each in {@code report}; bad
   * alerts are counted as malformed with their line and never stop the file.
   */
  public static void read(InputStream in, String source, Consumer<? super Event> sink, IngestReport report)
      throws IOException {
    byte[] all = in.readNBytes(MAX_FILE_BYTES + 1);
    if (all.length > MAX_FILE_BYTES) {
      report.rejected(source, "more than " + (MAX_FILE_BYTES >> 20) + " MB: not a Defender alert export");
      return;
    }
    DefenderAlerts reader = new DefenderAlerts(source, sink, report);
    int start = firstNonBlank(all, all.length);
    if (start < 0) {
      return;
    }
    int firstLineEnd = indexOf(all, start, (byte) '\n');
    if (firstLineEnd > start && reader.completeValue(all, start, firstLineEnd)) {
      reader.readLines(all);
    } else {
      reader.readDocument(all, start);
    }
  }

  private static int indexOf(byte[] b, int from, byte wanted) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return b.length;
  }

  /** True when the bytes hold exactly one whole JSON value: the file is one value a line. */
  private boolean completeValue(byte[] b, int from, int to) {
    try (JsonParser p = JSON.createParser(b, from, to - from)) {
      p.nextToken();
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private void readLines(byte[] b) {
    int line = 0;
    for (int start = 0; start < b.length; ) {
      int end = indexOf(b, start, (byte) '\n');
      line++;
      if (!blank(b, start, end)) {
        try (JsonParser p = JSON.createParser(b, start, end - start)) {
          JsonToken t = p.nextToken();
          root(p, t, line);
          if (p.nextToken() != null) {
            report.malformed(Malformation.BAD_JSON, source, line, "text after the JSON value");
          }
        } catch (JsonProcessingException e) {
          report.malformed(Malformation.BAD_JSON, source, line, e.getOriginalMessage());
        } catch (IOException e) {
          report.malformed(Malformation.BAD_JSON, source, line, String.valueOf(e.getMessage()));
        }
      }
      start = end + 1;
    }
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private void readDocument(byte[] b, int start) {
    try (JsonParser p = JSON.createParser(b, start, b.length - start)) {
      int skippedLines = countNewlines(b, 0, start);
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        root(p, t, skippedLines + p.currentTokenLocation().getLineNr());
      }
    } catch (JsonProcessingException e) {
      long line = (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + countNewlines(b, 0, start);
      report.malformed(Malformation.BAD_JSON, source, line, "JSON breaks here, alerts after it are lost: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      report.malformed(Malformation.BAD_JSON, source, 0, String.valueOf(e.getMessage()));
    }
  }

  private static int countNewlines(byte[] b, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** One top-level value: a list response, a single alert, or an array of alerts. */
  private void root(JsonParser p, JsonToken t, long line) throws IOException {
    int lineOffset = (int) (line - p.currentTokenLocation().getLineNr());
    if (t == JsonToken.START_ARRAY) {
      elements(p, lineOffset);
    } else if (t == JsonToken.START_OBJECT) {
      GraphAlert alert = object(p, lineOffset, true);
      if (alert.isAlert()) {
        emit(alert, line);
      } else if (!alert.wrapper) {
        report.malformed(Malformation.BAD_JSON, source, line, "neither a Graph alert nor a list of alerts");
      }
    } else {
      p.skipChildren();
      report.malformed(Malformation.BAD_JSON, source, line, "not a JSON object");
    }
  }

  private void elements(JsonParser p, int lineOffset) throws IOException {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new IOException("unexpected end of input");
      }
      long line = lineOffset + p.currentTokenLocation().getLineNr();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        report.malformed(Malformation.BAD_JSON, source, line, "alert is not a JSON object");
        continue;
      }
      GraphAlert alert = object(p, lineOffset, false);
      if (alert.isAlert()) {
        emit(alert, line);
      } else {
        report.malformed(Malformation.BAD_JSON, source, line, "object without the fields of a Graph alert");
      }
    }
  }

  /** Reads one object; at the top level a {@code value} array is a page of alerts, read as it streams by. */
  private GraphAlert object(JsonParser p, int lineOffset, boolean top) throws IOException {
    GraphAlert a = new GraphAlert();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t == null) {
        throw new IOException("unexpected end of input");
      }
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (top && name.equals("value") && value == JsonToken.START_ARRAY) {
        a.wrapper = true;
        elements(p, lineOffset);
        continue;
      }
      switch (name) {
        case "@odata.context", "@odata.nextLink", "@odata.count" -> {
          a.wrapper = true;
          p.skipChildren();
        }
        case "mitreTechniques" -> a.techniques = GraphAlert.strings(p, value);
        case "evidence" -> a.evidence(p, value);
        default -> a.set(name, GraphAlert.text(p, value));
      }
    }
    return a;
  }


  private void emit(GraphAlert a, long line) {
    try {
      DefenderAlertEvent event = a.toEvent();
      report.record(LogType.DEFENDER_ALERT);
      sink.accept(event);
    } catch (MalformedRecord bad) {
      report.malformed(bad.kind(), source, line, bad.getMessage());
    }
  }
}
