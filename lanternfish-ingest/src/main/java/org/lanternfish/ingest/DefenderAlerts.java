package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  private static final int HEAD_BYTES = 1 << 16;
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

  /**
   * True when a file holds Defender alerts: JSON in a folder named {@code defender}, or JSON whose start names
   * Graph alert fields ({@code detectionSource}, {@code serviceSource}, the alert's {@code @odata.type}). Files
   * named after a Zeek log are never opened to ask.
   */
  public static boolean isAlertFile(Path file) {
    if (zeekNamed(file.toString())) {
      return false;
    }
    try (InputStream in = LogReader.open(file)) {
      byte[] head = in.readNBytes(HEAD_BYTES);
      return looksLike(file.toString(), head, head.length);
    } catch (IOException unreadable) {
      return false;
    }
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
  private static boolean zeekNamed(String source) {
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
  static void read(InputStream in, String source, Consumer<? super Event> sink, IngestReport report)
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
      Alert alert = object(p, lineOffset, true);
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
      Alert alert = object(p, lineOffset, false);
      if (alert.isAlert()) {
        emit(alert, line);
      } else {
        report.malformed(Malformation.BAD_JSON, source, line, "object without the fields of a Graph alert");
      }
    }
  }

  /** Reads one object; at the top level a {@code value} array is a page of alerts, read as it streams by. */
  private Alert object(JsonParser p, int lineOffset, boolean top) throws IOException {
    Alert a = new Alert();
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
        case "mitreTechniques" -> a.techniques = strings(p, value);
        case "evidence" -> evidence(p, value, a);
        default -> a.set(name, text(p, value));
      }
    }
    return a;
  }

  private void evidence(JsonParser p, JsonToken t, Alert a) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (e == null) {
        throw new IOException("unexpected end of input");
      }
      if (e != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      Evidence ev = new Evidence();
      for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
        if (f == null) {
          throw new IOException("unexpected end of input");
        }
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "@odata.type" -> ev.type = text(p, value);
          case "deviceDnsName" -> ev.dnsName = text(p, value);
          case "mdeDeviceId" -> ev.mdeDeviceId = text(p, value);
          case "ipInterfaces" -> ev.addresses.addAll(strings(p, value));
          case "ipAddress" -> ev.ipAddress = text(p, value);
          case "roles", "detailedRoles" -> ev.main |= strings(p, value).stream()
              .anyMatch(r -> r.equalsIgnoreCase("compromised") || r.equalsIgnoreCase("main device"));
          default -> p.skipChildren();
        }
      }
      a.evidence.add(ev);
    }
  }

  /** The text of a scalar, null for JSON null; objects and arrays are skipped and read as null. */
  private static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
  }

  private static List<String> strings(JsonParser p, JsonToken t) throws IOException {
    List<String> out = new ArrayList<>();
    if (t != JsonToken.START_ARRAY) {
      String single = text(p, t);
      if (single != null && !single.isBlank()) {
        out.add(single);
      }
      return out;
    }
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (e == null) {
        throw new IOException("unexpected end of input");
      }
      String s = text(p, e);
      if (s != null && !s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  private void emit(Alert a, long line) {
    try {
      DefenderAlertEvent event = a.toEvent();
      report.record(LogType.DEFENDER_ALERT);
      sink.accept(event);
    } catch (MalformedRecord bad) {
      report.malformed(bad.kind(), source, line, bad.getMessage());
    }
  }

  /** Graph's ISO 8601 time (up to 7 fraction digits, {@code Z} or an offset) in epoch microseconds. */
  static long micros(String field, String text) {
    if (text == null || text.isBlank()) {
      return Event.NO_TIME;
    }
    Instant instant;
    try {
      instant = Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      try {
        instant = LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new MalformedRecord(Malformation.BAD_NUMBER, "Defender alert " + field + " '" + text
            + "' is not an ISO 8601 time");
      }
    }
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** One piece of an alert's evidence, reduced to what identifies a device. */
  private static final class Evidence {
    String type;
    String dnsName;
    String mdeDeviceId;
    String ipAddress;
    boolean main;
    final List<String> addresses = new ArrayList<>();

    boolean device() {
      return type != null && type.toLowerCase(Locale.ROOT).endsWith("deviceevidence");
    }
  }

  /** The fields of one alert as read, before they are checked. */
  private static final class Alert {
    boolean wrapper;
    String id;
    String title;
    String category;
    String severity;
    String status;
    String actor;
    String threat;
    String detectionSource;
    String serviceSource;
    String created;
    String firstActivity;
    String lastActivity;
    String webUrl;
    boolean alertFields;
    List<String> techniques = List.of();
    final List<Evidence> evidence = new ArrayList<>();

    void set(String name, String value) {
      switch (name) {
        case "id" -> id = value;
        case "title" -> title = value;
        case "category" -> category = value;
        case "severity" -> severity = value == null ? null : value.toLowerCase(Locale.ROOT);
        case "status" -> status = value;
        case "actorDisplayName" -> actor = value;
        case "threatDisplayName" -> threat = value;
        case "detectionSource" -> detectionSource = value;
        case "serviceSource" -> serviceSource = value;
        case "createdDateTime" -> created = value;
        case "firstActivityDateTime" -> firstActivity = value;
        case "lastActivityDateTime" -> lastActivity = value;
        case "alertWebUrl" -> webUrl = value;
        default -> {
          return;
        }
      }
      alertFields = true;
    }

    boolean isAlert() {
      return alertFields || !evidence.isEmpty() || !techniques.isEmpty();
    }

    DefenderAlertEvent toEvent() {
      if (id == null || id.isBlank()) {
        throw new MalformedRecord(Malformation.BAD_JSON, "Defender alert without an id");
      }
      long createdTs = micros("createdDateTime", created);
      long first = micros("firstActivityDateTime", firstActivity);
      long last = micros("lastActivityDateTime", lastActivity);
      long ts = first != Event.NO_TIME ? first : createdTs;
      if (ts == Event.NO_TIME) {
        throw new MalformedRecord(Malformation.BAD_JSON, "Defender alert " + id
            + " has neither firstActivityDateTime nor createdDateTime");
      }
      Evidence device = null;
      List<String> addresses = new ArrayList<>();
      for (Evidence e : evidence) {
        if (e.device() && (device == null || e.main && !device.main)) {
          device = e;
        }
      }
      if (device != null) {
        device.addresses.forEach(address -> addAddress(addresses, address));
      } else {
        evidence.stream().filter(e -> e.ipAddress != null).forEach(e -> addAddress(addresses, e.ipAddress));
      }
      return new DefenderAlertEvent(ts, id, title, category, severity, status, actor, threat, techniques,
          detectionSource, serviceSource, device == null ? null : device.dnsName,
          device == null ? null : device.mdeDeviceId, addresses, first, last, webUrl);
    }

    /** Keeps valid addresses in canonical form; loopback, link-local and unspecified ones name no device. */
    private static void addAddress(List<String> out, String text) {
      String address = IpText.canonical(text.strip());
      if (address == null || out.contains(address) || address.startsWith("127.") || address.equals("::1")
          || address.startsWith("169.254.") || address.startsWith("fe80:") || address.equals("0.0.0.0")
          || address.equals("::")) {
        return;
      }
      out.add(address);
    }
  }
}
