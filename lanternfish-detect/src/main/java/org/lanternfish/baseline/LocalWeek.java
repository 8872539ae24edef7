package org.lanternfish.baseline;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The week of a time zone: which hour of the day, and which kind of day (weekday or weekend), an hour of event time
 * is by its clocks, daylight saving included. An office's Monday 09:00 is then its Monday 09:00 all year, and a
 * Friday evening in New York is not mistaken for a Saturday because it is one in UTC.
 */
public final class LocalWeek {

  private static final long HOUR_SECONDS = 3600;
  private static final long DAY_SECONDS = 24 * HOUR_SECONDS;

  private final ZoneRules rules;
  /** The last hour asked for and its slot: most calls ask about the hour the input is in. */
  private long lastHour = Long.MIN_VALUE;
  private int lastSlot;

  private LocalWeek(ZoneId zone) {
    this.rules = zone.getRules();
  }

  /** The week in a time zone (one instance per thread: it remembers its last answer). */
  public static LocalWeek of(ZoneId zone) {
    return new LocalWeek(zone);
  }

  /** The week by UTC clocks. */
  public static LocalWeek utc() {
    return new LocalWeek(ZoneId.of("UTC"));
  }

  /**
   * The slot of an hour (whole hours since the epoch, UTC): the local hour of the day at its start, plus 24 on a
   * Saturday or Sunday.
   */
  public int slotOf(long hour) {
    if (hour == lastHour) {
      return lastSlot;
    }
    long second = hour * HOUR_SECONDS;
    long local = second + rules.getOffset(Instant.ofEpochSecond(second)).getTotalSeconds();
    long day = Math.floorDiv(local, DAY_SECONDS);
    int hourOfDay = (int) (Math.floorMod(local, DAY_SECONDS) / HOUR_SECONDS);
    // 1 January 1970 was a Thursday: day-of-week 0 is Thursday, so 2 and 3 are Saturday and Sunday.
    int weekday = (int) Math.floorMod(day, 7);
    int slot = hourOfDay + (weekday == 2 || weekday == 3 ? 24 : 0);
    lastHour = hour;
    lastSlot = slot;
    return slot;
  }
}
