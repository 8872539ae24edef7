package org.lanternfish.simulate.traffic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Role;

/**
 * When the person at a client device works: arrival and departure in the office's local time, weekends off for
 * most, and whether a laptop user works from home that day.
 *
 * <p>Each local date's schedule is drawn from a hash of seed, device and date, so the same local day looks the same
 * whichever UTC day asks about it.
 */
public final class Workday {
  private static final double HOUR_US = 3_600_000_000.0;

  private final long seed;

  /** Creates schedules for {@code seed}. */
  public Workday(long seed) {
    this.seed = seed;
  }

  /**
   * The working interval of {@code device} on local date {@code date} as {start, end} in epoch microseconds, or
   * null when the person does not work that day.
   */
  public long[] interval(Device device, LocalDate date) {
    SplittableRandom r = random(device, date);
    boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    double weekendWorker = Internet.mix(seed ^ device.index()) % 20 == 0 ? 0.5 : 0.02;
    if (weekend ? r.nextDouble() >= weekendWorker : r.nextDouble() < 0.04) {
      return null;
    }
    double arrive = weekend ? 10 + r.nextDouble() * 3 : 7.2 + r.nextGaussian() * 0.6;
    double hours = weekend ? 1 + r.nextDouble() * 3 : 8.4 + r.nextGaussian() * 0.8;
    ZonedDateTime midnight = date.atStartOfDay(device.site().zone());
    long start = midnight.toEpochSecond() * 1_000_000L + (long) (arrive * HOUR_US);
    return new long[] {start, start + (long) (Math.max(2, hours) * HOUR_US)};
  }

  /** True when a laptop's user works from home (over the VPN) on local date {@code date}. */
  public boolean remote(Device device, LocalDate date) {
    if (device.role() != Role.LAPTOP) {
      return false;
    }
    SplittableRandom r = random(device, date);
    r.nextDouble();
    return r.nextDouble() < 0.35;
  }

  private SplittableRandom random(Device device, LocalDate date) {
    return new SplittableRandom(Internet.mix(seed * 31 + device.index() * 1_000_003L + date.toEpochDay()));
  }
}
