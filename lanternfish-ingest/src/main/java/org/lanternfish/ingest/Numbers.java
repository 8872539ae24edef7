package org.lanternfish.ingest;

import java.time.LocalDate;

/**
 * Hand-written number and time parsing over bytes and strings, because the TSV hot path cannot afford a String and
 * a regex per value. Each method returns {@link #BAD} (or NaN) instead of throwing, so callers name the field.
 */
final class Numbers {
  /** Returned by the long parsers for input that is not a number of the expected shape. */
  static final long BAD = Long.MIN_VALUE + 1;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18
  };

  private Numbers() {}

  /** A non-negative or negative decimal integer, or {@link #BAD}. */
  static long integer(byte[] b, int s, int e) {
    boolean negative = s < e && b[s] == '-';
    int i = negative ? s + 1 : s;
    if (i == e || e - i > 18) {
      return e - i > 18 ? slowInteger(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1)) : BAD;
    }
    long v = 0;
    for (; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return BAD;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** A decimal integer in a string (JSON), or {@link #BAD}; a JSON float with a zero fraction is accepted. */
  static long integer(String text) {
    int len = text.length();
    if (len == 0 || len > 18) {
      return slowInteger(text);
    }
    boolean negative = text.charAt(0) == '-';
    long v = 0;
    for (int i = negative ? 1 : 0; i < len; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return slowInteger(text);
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private static long slowInteger(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notLong) {
      try {
        double d = Double.parseDouble(text);
        return d == Math.rint(d) && Math.abs(d) < 9e18 ? (long) d : BAD;
      } catch (NumberFormatException notNumber) {
        return BAD;
      }
    }
  }

  /** A decimal such as {@code 3.000158} or {@code -1}, or NaN when it is not one. */
  static double decimal(byte[] b, int s, int e) {
    boolean negative = s < e && b[s] == '-';
    int i = negative ? s + 1 : s;
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < e; i++) {
      byte c = b[i];
      if (c == '.' && fraction < 0) {
        fraction = 0;
        continue;
      }
      int d = c - '0';
      if (d < 0 || d > 9 || digits >= 17) {
        return slowDecimal(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      mantissa = mantissa * 10 + d;
      digits++;
      if (fraction >= 0) {
        fraction++;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
    return negative ? -v : v;
  }

  /** A decimal in a string (JSON), or NaN. */
  static double decimal(String text) {
    return slowDecimal(text);
  }

  private static double slowDecimal(String text) {
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Epoch seconds with up to six (more are truncated) fractional digits as microseconds, or {@link #BAD}. */
  static long epochMicros(byte[] b, int s, int e) {
    long seconds = 0;
    int i = s;
    boolean negative = i < e && b[i] == '-';
    if (negative) {
      i++;
    }
    int start = i;
    for (; i < e && b[i] != '.' && b[i] != 'e' && b[i] != 'E'; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || i - start >= 12) {
        return BAD;
      }
      seconds = seconds * 10 + d;
    }
    if (i == start) {
      return BAD;
    }
    long micros = 0;
    int scale = 100_000;
    if (i < e) {
      if (b[i] != '.') {
        return scientificMicros(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      for (i++; i < e; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return d == 'e' - '0' || d == 'E' - '0'
              ? scientificMicros(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1))
              : BAD;
        }
        micros += d * scale;
        scale /= 10;
      }
    }
    long v = seconds * 1_000_000 + micros;
    return negative ? -v : v;
  }

  /** {@code 1.7e9} as microseconds, held to the twelve digits of seconds a plain time may have, or {@link #BAD}. */
  private static long scientificMicros(String text) {
    double v = slowDecimal(text);
    return Double.isNaN(v) || Math.abs(v) >= 1e12 ? BAD : Math.round(v * 1e6);
  }

  /** Epoch seconds or an ISO-8601 date-time ({@code 2021-06-06T15:59:46.457984+0200}) as microseconds, or BAD. */
  static long micros(String text) {
    int len = text.length();
    if (len >= 19 && text.charAt(4) == '-' && text.charAt(10) == 'T' || len >= 19 && text.charAt(10) == ' ') {
      return isoMicros(text);
    }
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    return epochMicros(bytes, 0, bytes.length);
  }

  private static long isoMicros(String t) {
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 60 || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return BAD;
    }
    int i = 19;
    long micros = 0;
    if (i < t.length() && t.charAt(i) == '.') {
      int scale = 100_000;
      for (i++; i < t.length() && Character.isDigit(t.charAt(i)); i++) {
        micros += (t.charAt(i) - '0') * (long) scale;
        scale /= 10;
      }
    }
    long offsetSeconds = 0;
    if (i < t.length()) {
      char sign = t.charAt(i);
      if (sign == 'Z' && i + 1 == t.length()) {
        offsetSeconds = 0;
      } else if (sign == '+' || sign == '-') {
        String rest = t.substring(i + 1).replace(":", "");
        if (rest.length() != 4 || digits(rest, 0, 4) < 0) {
          return BAD;
        }
        offsetSeconds = (digits(rest, 0, 2) * 3600L + digits(rest, 2, 4) * 60L) * (sign == '+' ? 1 : -1);
      } else {
        return BAD;
      }
    }
    long days;
    try {
      days = LocalDate.of(year, month, day).toEpochDay();
    } catch (java.time.DateTimeException e) {
      return BAD;
    }
    long seconds = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1_000_000 + micros;
  }

  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
