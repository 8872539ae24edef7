package org.lanternfish.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The small sketches behind rarity, volume, regularity and DNS baselines. */
final class SketchesTest {

  @Test
  void distinctCounter_isExactEnoughWhereRarityMatters() {
    DistinctCounter c = new DistinctCounter();
    assertThat(c.estimate()).isZero();
    for (int i = 0; i < 3; i++) {
      c.add(Fingerprint.of("device" + i));
      c.add(Fingerprint.of("device" + i));
    }
    assertThat(c.estimate()).isBetween(2, 3);
    for (int i = 3; i < 60; i++) {
      c.add(Fingerprint.of("device" + i));
    }
    assertThat(c.estimate()).isBetween(45, 80);
  }

  @Test
  void hourlyVolume_judgesAnHourAgainstTheSameHourOnPastDays() {
    HourlyVolume v = new HourlyVolume();
    long hour = 3_600_000_000L;
    long day = 24 * hour;
    for (int d = 0; d < 10; d++) {
      v.add(d * day + 9 * hour, 100_000_000L, LocalWeek.utc());
      v.add(d * day + 10 * hour, 1_000L, LocalWeek.utc());
    }
    long today = 10 * day + 9 * hour;
    assertThat(v.typical(today, LocalWeek.utc())).isCloseTo(100_000_000, within(1_000_000.0));
    assertThat(v.deviations(today, 110_000_000L, LocalWeek.utc())).isLessThan(1);
    assertThat(v.deviations(today, 20_000_000_000L, LocalWeek.utc())).isGreaterThan(3);
    assertThat(v.typical(10 * day + 3 * hour, LocalWeek.utc())).isEqualTo(-1);
    long open = v.add(today, 5L, LocalWeek.utc());
    assertThat(v.add(today - 5 * hour, 7L, LocalWeek.utc())).as("late record joins the open hour")
        .isEqualTo(open + 7);
  }

  @Test
  void hourlyVolume_judgesWeekendHoursAgainstWeekendsOnceItHasThem() {
    HourlyVolume v = new HourlyVolume();
    long hour = 3_600_000_000L;
    long day = 24 * hour;
    // Day 0 (1 January 1970) is a Thursday; days 2-3, 9-10, 16-17 are weekends. Busy weekdays, quiet weekends.
    for (int d = 0; d < 21; d++) {
      boolean weekend = d % 7 == 2 || d % 7 == 3;
      v.add(d * day + 10 * hour, weekend ? 10_000_000L : 1_000_000_000L, LocalWeek.utc());
    }
    long saturday = 23 * day + 10 * hour;
    long monday = 25 * day + 10 * hour;
    assertThat(v.typical(saturday, LocalWeek.utc())).isCloseTo(10_000_000, within(100_000.0));
    assertThat(v.typical(monday, LocalWeek.utc())).isCloseTo(1_000_000_000, within(10_000_000.0));
    assertThat(v.deviations(saturday, 1_000_000_000L, LocalWeek.utc())).as("a weekday's volume on a Saturday")
        .isGreaterThan(3);
    assertThat(v.deviations(monday, 1_000_000_000L, LocalWeek.utc())).isLessThan(1);
  }

  @Test
  void hourlyVolume_withoutWeekendHistoryFallsBackToWeekdays() {
    HourlyVolume v = new HourlyVolume();
    long hour = 3_600_000_000L;
    long day = 24 * hour;
    v.add(4 * day + 10 * hour, 50_000_000L, LocalWeek.utc()); // Monday 5 January 1970
    v.add(5 * day + 10 * hour, 1L, LocalWeek.utc());
    assertThat(v.typical(9 * day + 10 * hour, LocalWeek.utc())).as("Saturday, no weekend history yet")
        .isCloseTo(50_000_000, within(500_000.0));
  }

  @Test
  void hourlyVolume_countsHoursOfTheSitesWeek() {
    LocalWeek newYork = LocalWeek.of(ZoneId.of("America/New_York"));
    HourlyVolume v = new HourlyVolume();
    long hour = 3_600_000_000L;
    // Weekday evenings at 19:00 in New York (00:00 UTC the next day), three weeks from Monday 2 November 2026.
    long firstEvening = Instant.parse("2026-11-03T00:00:00Z").getEpochSecond() * 1_000_000L;
    for (int d = 0; d < 21; d++) {
      long evening = firstEvening + d * 24 * hour;
      int weekday = Math.floorMod(d, 7); // 0 = Monday evening
      v.add(evening, weekday >= 5 ? 1_000L : 500_000_000L, newYork);
    }
    v.add(firstEvening + 30 * 24 * hour, 1L, newYork); // closes the last hour
    long fridayEvening = Instant.parse("2026-11-28T00:00:00Z").getEpochSecond() * 1_000_000L;
    assertThat(v.typical(fridayEvening, newYork)).as("Friday 19:00 in New York is a weekday evening there")
        .isCloseTo(500_000_000, within(5_000_000.0));
    assertThat(v.typical(fridayEvening + 24 * hour, newYork)).as("Saturday 19:00").isCloseTo(1_000, within(10.0));
    assertThat(v.typical(fridayEvening, LocalWeek.utc())).as("by UTC clocks it is Saturday, with no history")
        .isEqualTo(-1);
  }

  @Test
  void localWeek_followsDaylightSavingTime() {
    LocalWeek berlin = LocalWeek.of(ZoneId.of("Europe/Berlin"));
    long summer = Instant.parse("2026-07-06T07:00:00Z").getEpochSecond() / 3600; // Monday 09:00 CEST
    long winter = Instant.parse("2026-11-02T08:00:00Z").getEpochSecond() / 3600; // Monday 09:00 CET
    assertThat(berlin.slotOf(summer)).isEqualTo(9);
    assertThat(berlin.slotOf(winter)).isEqualTo(9);
    assertThat(berlin.slotOf(summer)).as("asked again after another hour").isEqualTo(9);
    long sunday = Instant.parse("2026-07-05T22:00:00Z").getEpochSecond() / 3600; // Monday 00:00 CEST
    assertThat(berlin.slotOf(sunday)).isZero();
    assertThat(berlin.slotOf(sunday - 1)).as("Sunday 23:00").isEqualTo(24 + 23);
    assertThat(LocalWeek.utc().slotOf(sunday)).as("Sunday 22:00 UTC").isEqualTo(24 + 22);
  }

  @Test
  void dnsSlots_countUniqueNamesTxtAndEntropyPerDomain() {
    DnsSlots s = new DnsSlots();
    long fp = Fingerprint.of("dst", "chtq.net");
    int slot = 0;
    for (int i = 0; i < 40; i++) {
      String sub = "q" + Integer.toString(i * 7919, 36) + "x9z";
      slot = s.observe(fp, "chtq.net", sub + ".chtq.net", sub.length(), i % 2 == 0, i * 1_000_000L);
    }
    assertThat(s.domain(slot)).isEqualTo("chtq.net");
    assertThat(s.uniqueNames(slot)).isBetween(32, 48);
    assertThat(s.txtRatio(slot)).isEqualTo(0.5);
    assertThat(DnsSlots.entropy("aaaa")).isZero();
    assertThat(DnsSlots.entropy("abcd")).isEqualTo(2.0);
  }

  @Test
  void destinationSlots_keepUncommonDestinationsAndReuseTheLeastUsed() {
    DestinationSlots s = new DestinationSlots();
    for (int i = 0; i < DestinationSlots.SLOTS; i++) {
      s.observe(i + 1, "d" + i, DestinationSlots.endpoint("192.0.2." + i, 443), i * 1_000_000L, 10, true, null);
    }
    int again = s.observe(1, "d0", DestinationSlots.endpoint("192.0.2.0", 443), 100_000_000L, 5, true, null);
    assertThat(s.bytes(again)).isEqualTo(15);
    int ninth = s.observe(99, "d99", DestinationSlots.endpoint("192.0.2.99", 443), 200_000_000L, 7, true, null);
    for (int k = 1; k <= 10; k++) {
      s.observe(99, "d99", DestinationSlots.endpoint("192.0.2.99", 443), 200_000_000L + k * 60_000_000L, 7, true,
          null);
    }
    assertThat(s.intervals(ninth)).isEqualTo(10);
    assertThat(s.meanInterval(ninth)).isCloseTo(60_000_000, within(1.0));
    assertThat(s.intervalRegularity(ninth)).isEqualTo(1.0);
    assertThat(s.sizeRegularity(ninth)).isEqualTo(1.0);
    s.observe(1, "d0", DestinationSlots.endpoint("192.0.2.0", 443), 900_000_000L, 5, true, null);
    s.observe(1, "d0", DestinationSlots.endpoint("192.0.2.0", 443), 903_000_000L, 50_000, true, null);
    s.observe(1, "d0", DestinationSlots.endpoint("192.0.2.0", 443), 1_500_000_000L, 5, true, null);
    assertThat(s.intervalRegularity(again)).isLessThan(0.9);
    assertThat(s.name(ninth)).isEqualTo("d99");
    assertThat(s.name(again)).isEqualTo("d0");
    assertThat(s.nameAt(DestinationSlots.endpoint("192.0.2.99", 443))).isEqualTo("d99");
    assertThat(s.nameAt(DestinationSlots.endpoint("192.0.2.99", 53))).as("another port").isNull();
    assertThat(s.nameAt(DestinationSlots.endpoint("198.51.100.1", 443))).isNull();
    assertThat(s.report(ninth, 1)).isTrue();
    assertThat(s.report(ninth, 1)).isFalse();
  }

  @Test
  void destinationSlots_keepABeaconThroughOneOffCallers() {
    DestinationSlots s = new DestinationSlots(true);
    long minute = 60_000_000L;
    int beacon = -1;
    for (int call = 0; call < 20; call++) {
      long at = call * 5 * minute;
      beacon = s.observe(7, "poller", DestinationSlots.endpoint("198.51.100.7", 80), at, 200, true, "B" + call);
      for (int k = 0; k < 30; k++) {
        // A scanner every ten seconds between the calls, each from another address.
        s.observe(1000 + call * 30 + k, "scanner", DestinationSlots.endpoint("203.0.113." + k, 80),
            at + (k + 1) * 9_000_000L, 0, true, "S" + call + "-" + k);
      }
    }
    assertThat(s.name(beacon)).isEqualTo("poller");
    assertThat(s.intervals(beacon)).isEqualTo(19);
    assertThat(s.recentSpread(beacon)).isZero();
    assertThat(s.recentUids(beacon)).containsExactly("B16", "B17", "B18", "B19");
  }

  @Test
  void destinationSlots_recentSpread_tellsJitterFromATunnelsPace() {
    java.util.Random random = new java.util.Random(7);
    DestinationSlots s = new DestinationSlots();
    long jittered = 0;
    long tunnel = 0;
    int beacon = 0;
    int chatter = 0;
    for (int i = 0; i < 16; i++) {
      // A 300 s beacon with +-50% jitter, and a channel whose gaps are anything from 2 to 27 s.
      jittered += (long) (300_000_000L * (0.5 + random.nextDouble()));
      tunnel += (long) ((2 + 25 * random.nextDouble()) * 1_000_000L);
      beacon = s.observe(1, "c2", 1, jittered, 100, true, null);
      chatter = s.observe(2, "tunnel", 2, tunnel, 100, true, null);
    }
    assertThat(s.recentSpread(beacon)).isLessThan(1.0);
    assertThat(s.recentSpread(chatter)).isGreaterThan(1.0);
    int few = s.observe(3, "few", 3, 0, 100, true, null);
    for (int i = 1; i < DestinationSlots.MIN_INTERVALS; i++) {
      s.observe(3, "few", 3, i * 60_000_000L, 100, true, null);
    }
    assertThat(s.recentSpread(few)).as("too few intervals to judge").isInfinite();
  }

  @Test
  void destinationSlots_aSessionsContinuationCountsItsBytesNotItsTiming() {
    DestinationSlots s = new DestinationSlots();
    int slot = -1;
    for (int i = 0; i < 20; i++) {
      slot = s.observe(5, "push", 5, i * 300_000_000L, 31, i == 0, null);
    }
    assertThat(s.intervals(slot)).isZero();
    assertThat(s.bytes(slot)).isEqualTo(20 * 31);
  }
}
