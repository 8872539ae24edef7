package org.lanternfish.ingest.pcap;

import org.lanternfish.event.Event;

/** One packet as tshark printed it: a tab-separated line with one column per {@link Field}. */
final class Packet {

  private static final String[] NONE = new String[0];

  private final String[] columns;
  private final long ts;

  private Packet(String[] columns, long ts) {
    this.columns = columns;
    this.ts = ts;
  }

  /**
   * Splits one output line, or returns null when it does not have one column per field or no time.
   *
   * <p>Splitting by hand avoids a regex per packet on the import's hottest loop.
   */
  static Packet parse(String line) {
    int count = Field.count();
    String[] columns = new String[count];
    int start = 0;
    for (int i = 0; i < count - 1; i++) {
      int tab = line.indexOf('\t', start);
      if (tab < 0) {
        return null;
      }
      columns[i] = line.substring(start, tab);
      start = tab + 1;
    }
    if (line.indexOf('\t', start) >= 0) {
      return null;
    }
    columns[count - 1] = line.substring(start);
    long ts = parseMicros(columns[Field.TIME.ordinal()]);
    return ts == Event.NO_TIME ? null : new Packet(columns, ts);
  }

  /** Packet time in microseconds since the epoch. */
  long ts() {
    return ts;
  }

  /** True when tshark printed a value for the field. */
  boolean has(Field field) {
    return !columns[field.ordinal()].isEmpty();
  }

  /** The field's first occurrence, or null when absent. */
  String first(Field field) {
    String column = columns[field.ordinal()];
    if (column.isEmpty()) {
      return null;
    }
    int end = column.indexOf(Field.AGGREGATOR);
    return end < 0 ? column : column.substring(0, end);
  }

  /** Every occurrence of the field in the packet, in dissection order. */
  String[] all(Field field) {
    String column = columns[field.ordinal()];
    if (column.isEmpty()) {
      return NONE;
    }
    return column.indexOf(Field.AGGREGATOR) < 0
        ? new String[] {column}
        : column.split(String.valueOf(Field.AGGREGATOR), -1);
  }

  /** The field's first occurrence as a number (decimal or 0x hex), or {@link Event#UNSET}. */
  long firstLong(Field field) {
    return number(first(field));
  }

  /** A decimal or 0x-hex number as tshark prints it, or {@link Event#UNSET} when absent or malformed. */
  static long number(String text) {
    if (text == null || text.isEmpty()) {
      return Event.UNSET;
    }
    try {
      if (text.startsWith("0x")) {
        return Long.parseUnsignedLong(text, 2, text.length(), 16);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Event.UNSET;
    }
  }

  /** Element {@code i} of {@code values}, or null when the array is shorter. */
  static String at(String[] values, int i) {
    return i < values.length ? values[i] : null;
  }

  /** Parses tshark's {@code seconds.nanoseconds} without a lossy double. */
  private static long parseMicros(String text) {
    int dot = text.indexOf('.');
    try {
      if (dot < 0) {
        return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
      }
      long seconds = Long.parseLong(text, 0, dot, 10);
      long micros = 0;
      int digits = 0;
      for (int i = dot + 1; i < text.length() && digits < 6; i++, digits++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return Event.NO_TIME;
        }
        micros = micros * 10 + (c - '0');
      }
      for (; digits < 6; digits++) {
        micros *= 10;
      }
      return seconds * 1_000_000L + micros;
    } catch (NumberFormatException | ArithmeticException e) {
      return Event.NO_TIME;
    }
  }
}
