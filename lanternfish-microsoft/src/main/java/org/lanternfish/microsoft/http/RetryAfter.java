package org.lanternfish.microsoft.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header as Microsoft sends it: seconds, whole or decimal (Graph answers {@code 2.128}), or
 * an HTTP date.
 */
public final class RetryAfter {
  /** A header asking for longer than this is capped, so one bad answer cannot park the poller for a day. */
  static final Duration LONGEST = Duration.ofMinutes(10);

  private RetryAfter() {
  }

  /** The wait the header asks for at {@code now}; empty when it is absent or unreadable. */
  public static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String text = header.strip();
    Duration wait;
    try {
      double seconds = Double.parseDouble(text);
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        return Optional.empty();
      }
      wait = Duration.ofNanos((long) Math.min(seconds * 1e9, LONGEST.toNanos()));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    return Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
  }
}
