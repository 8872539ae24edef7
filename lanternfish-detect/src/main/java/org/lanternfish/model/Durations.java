package org.lanternfish.model;

/** Parses durations such as {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d} into microseconds. */
public final class Durations {

  private Durations() {}

  /** Microseconds in the duration; throws IllegalArgumentException on anything else. */
  public static long parse(String text) {
    if (text.length() < 2) {
      throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 90s, 10m, 2h, 7d)");
    }
    long unit = switch (text.charAt(text.length() - 1)) {
      case 's' -> 1_000_000L;
      case 'm' -> 60_000_000L;
      case 'h' -> 3_600_000_000L;
      case 'd' -> 86_400_000_000L;
      default -> throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 90s, 10m, 2h, 7d)");
    };
    try {
      return Long.parseLong(text.substring(0, text.length() - 1).trim()) * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 90s, 10m, 2h, 7d)");
    }
  }
}
