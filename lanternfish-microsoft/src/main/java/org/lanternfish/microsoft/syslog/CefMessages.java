package org.lanternfish.microsoft.syslog;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;

/**
 * Breaches and incident updates as ArcSight Common Event Format lines inside RFC 5424 syslog messages, for SIEMs
 * other than Sentinel. Header fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =}
 * and line breaks, as CEF requires.
 */
public final class CefMessages {
  /** Syslog facility local4 (20): security tools' usual choice. */
  static final int FACILITY = 20;
  static final String VERSION = "0.1.0";

  private CefMessages() {
  }

  /** A breach as an RFC 5424 message from {@code host} carrying one CEF line. */
  public static String breach(Breach b, String host) {
    Map<String, String> ext = new LinkedHashMap<>();
    ext.put("rt", String.valueOf(b.ts() / 1_000));
    ext.put("dvchost", b.device());
    if (b.peer() != null) {
      ext.put(b.peer().kind() == Peer.Kind.DOMAIN ? "dhost" : "dst", Peer.valueOf(b.peer()));
    }
    ext.put("cat", b.category());
    ext.put("externalId", b.id());
    ext.put("cs1Label", "techniques");
    ext.put("cs1", String.join(",", b.techniques()));
    ext.put("cn1Label", "score");
    ext.put("cn1", String.valueOf(b.score()));
    ext.put("msg", b.explanation());
    return syslog(b.ts(), host, "breach", cef(b.modelId(), b.model(), b.score(), ext), b.score());
  }

  /** An incident update (its current title, priority and devices, or its retirement) as an RFC 5424 message. */
  public static String incident(String id, boolean retired, String title, int priority, List<String> devices,
      long atMicros, String host) {
    Map<String, String> ext = new LinkedHashMap<>();
    ext.put("rt", String.valueOf(atMicros / 1_000));
    ext.put("externalId", id);
    ext.put("act", retired ? "retired" : "updated");
    if (!retired) {
      ext.put("cs1Label", "devices");
      ext.put("cs1", String.join(",", devices));
      ext.put("cn1Label", "priority");
      ext.put("cn1", String.valueOf(priority));
    }
    String name = retired ? "incident " + id + " merged into another" : title;
    return syslog(atMicros, host, "incident", cef("ai-analyst-incident", name, priority, ext), priority);
  }

  private static String cef(String signature, String name, int score, Map<String, String> extension) {
    StringBuilder line = new StringBuilder("CEF:0|Lanternfish|Lanternfish|").append(VERSION).append('|')
        .append(header(signature)).append('|').append(header(name)).append('|')
        .append(Math.min(10, Math.max(0, Math.round(score / 10f)))).append('|');
    String separator = "";
    for (Map.Entry<String, String> e : extension.entrySet()) {
      if (e.getValue() != null) {
        line.append(separator).append(e.getKey()).append('=').append(value(e.getValue()));
        separator = " ";
      }
    }
    return line.toString();
  }

  /** The RFC 5424 frame: priority by score, timestamp in UTC to the millisecond, app name and message id. */
  private static String syslog(long micros, String host, String messageId, String message, int score) {
    int severity = score >= 90 ? 2 : score >= 70 ? 3 : score >= 50 ? 4 : 5;
    String time = DateTimeFormatter.ISO_INSTANT.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS)
        .truncatedTo(ChronoUnit.MILLIS));
    return "<" + (FACILITY * 8 + severity) + ">1 " + time + " " + printable(host) + " lanternfish - " + messageId
        + " - " + message;
  }

  private static String printable(String host) {
    String cleaned = host == null ? "" : host.replaceAll("[^!-~]", "");
    return cleaned.isEmpty() ? "-" : cleaned.length() > 255 ? cleaned.substring(0, 255) : cleaned;
  }

  private static String header(String text) {
    return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  private static String value(String text) {
    return text.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n")
        .replace("\r", "\\r");
  }
}
