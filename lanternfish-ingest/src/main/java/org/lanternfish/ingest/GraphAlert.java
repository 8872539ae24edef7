package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;

/** The fields of one Microsoft Graph alert as {@link DefenderAlerts} reads them, checked when made an event. */
final class GraphAlert {
  /** True when the object was a list response ({@code value}, {@code @odata.*}) rather than an alert. */
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

  /** Keeps a scalar field of the alert; fields Lanternfish does not read are ignored. */
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

  /** True when the object had any field of an alert, so a bad one is reported rather than taken for a wrapper. */
  boolean isAlert() {
    return alertFields || !evidence.isEmpty() || !techniques.isEmpty();
  }

  /** The alert as an event; throws {@link MalformedRecord} without an id, or with a time that does not parse. */
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

  /** Reads the {@code evidence} array, keeping what identifies a device. */
  void evidence(JsonParser p, JsonToken t) throws IOException {
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
      evidence.add(ev);
    }
  }

  /** The text of a scalar, null for JSON null; objects and arrays are skipped and read as null. */
  static String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
  }

  /** The non-blank strings of an array (or of a lone scalar), stripped. */
  static List<String> strings(JsonParser p, JsonToken t) throws IOException {
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
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    } catch (ArithmeticException e) {
      throw new MalformedRecord(Malformation.BAD_NUMBER, "Defender alert " + field + " '" + text
          + "' is out of range");
    }
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
}
