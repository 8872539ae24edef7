package org.lanternfish.simulate.zeek;

import java.util.List;

/** Renders one record as a Zeek TSV line or a Zeek JSON object, escaping as Zeek's writers do. */
final class ZeekText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ZeekText() {}

  static void appendTsv(StringBuilder out, LogRecord record) {
    ZeekLog log = record.log();
    Object[] values = record.values();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      Object value = values[i];
      if (value == null) {
        out.append('-');
      } else if (value instanceof List<?> items) {
        appendTsvContainer(out, items);
      } else {
        appendTsvScalar(out, value, log.isTime(i), false);
      }
    }
  }

  private static void appendTsvContainer(StringBuilder out, List<?> items) {
    if (items.isEmpty()) {
      out.append("(empty)");
      return;
    }
    for (int j = 0; j < items.size(); j++) {
      if (j > 0) {
        out.append(',');
      }
      appendTsvScalar(out, items.get(j), false, true);
    }
  }

  private static void appendTsvScalar(StringBuilder out, Object value, boolean time, boolean inContainer) {
    switch (value) {
      case Boolean b -> out.append(b ? 'T' : 'F');
      case Double d -> appendSeconds(out, Math.round(d * 1_000_000));
      case Long l when time -> appendSeconds(out, l);
      case Number n -> out.append(n.longValue());
      default -> appendTsvString(out, value.toString(), inContainer);
    }
  }

  private static void appendTsvString(StringBuilder out, String s, boolean inContainer) {
    // Zeek escapes a value that would read back as the unset or empty marker.
    if (s.equals("-")) {
      out.append("\\x2d");
      return;
    }
    if (s.isEmpty() && inContainer) {
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\t' || c < 0x20 || c == 0x7f || (inContainer && c == ',')) {
        out.append("\\x").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
  }

  static void appendJson(StringBuilder out, LogRecord record) {
    ZeekLog log = record.log();
    List<String> fields = log.fields();
    Object[] values = record.values();
    out.append('{');
    boolean first = true;
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append('"').append(fields.get(i)).append("\":");
      if (value instanceof List<?> items) {
        out.append('[');
        for (int j = 0; j < items.size(); j++) {
          if (j > 0) {
            out.append(',');
          }
          appendJsonScalar(out, items.get(j), false);
        }
        out.append(']');
      } else {
        appendJsonScalar(out, value, log.isTime(i));
      }
    }
    out.append('}');
  }

  private static void appendJsonScalar(StringBuilder out, Object value, boolean time) {
    switch (value) {
      case Boolean b -> out.append(b);
      case Double d -> appendSeconds(out, Math.round(d * 1_000_000));
      case Long l when time -> appendSeconds(out, l);
      case Number n -> out.append(n.longValue());
      default -> appendJsonString(out, value.toString());
    }
  }

  private static void appendJsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append("\\u00").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static void appendSeconds(StringBuilder out, long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    long fraction = Math.floorMod(micros, 1_000_000L);
    out.append(seconds).append('.');
    for (long scale = 100_000; scale > 0; scale /= 10) {
      out.append((char) ('0' + (fraction / scale) % 10));
    }
  }
}
