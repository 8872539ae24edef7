package org.lanternfish.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The event times a reader accepts: from a fixed earliest instant to a margin ahead of the wall clock. A record
 * outside it (a year 9999 or negative {@code ts}, a clock reset to 1970) is counted as malformed rather than stored,
 * since one such record stretches every time span and retention decision made from the data.
 *
 * @param earliestMicros the earliest accepted time, epoch microseconds
 * @param aheadMicros how far past the current time a record may lie (sensor clocks drift, time zones are misread)
 */
public record TimeWindow(long earliestMicros, long aheadMicros) {
  /** The usual window: from 1990-01-01 to one day past now. */
  public static final TimeWindow USUAL = new TimeWindow(
      LocalDate.of(1990, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000,
      Duration.ofDays(1).toNanos() / 1_000);

  /** From the epoch itself, for logs whose times count from the start of a capture (Zeek's test baselines). */
  public static final TimeWindow FROM_EPOCH = new TimeWindow(0, USUAL.aheadMicros);

  /** Checks that the window is not empty or inverted at the current time. */
  public TimeWindow {
    if (aheadMicros < 0 || earliestMicros > nowMicros() + aheadMicros) {
      throw new IllegalArgumentException("time window starts after it ends");
    }
  }

  /** The latest accepted time as of now, epoch microseconds. */
  public long latestMicros() {
    return nowMicros() + aheadMicros;
  }

  /** The window in words, for the reason given with a rejected record. */
  public String describe() {
    long day = Duration.ofDays(1).toNanos() / 1_000;
    String ahead = aheadMicros % day == 0 ? aheadMicros / day + (aheadMicros == day ? " day" : " days")
        : Duration.ofNanos(aheadMicros * 1_000).toString();
    return "window " + Instant.ofEpochSecond(Math.floorDiv(earliestMicros, 1_000_000)) + " .. now + " + ahead;
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }
}
