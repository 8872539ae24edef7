package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A device's usual volume per hour of the week, kept as 48 slots (each hour of the day, on weekdays and at weekends,
 * by the device's clocks: see {@link LocalWeek}) holding an exponentially weighted mean and mean absolute deviation of
 * log(1 + bytes), so a new hour is judged against the same hour on past days of the same kind (robust to one bad day,
 * decaying over weeks). An hour with no history of its kind yet falls back to the same hour on the other kind of day.
 *
 * <p>Mean (16 bits) and deviation (15 bits) are fixed point (1/1024 on the log scale, 0.1% in bytes), packed with a
 * has-history bit in one int per slot, because every talking device holds two of these.
 */
public final class HourlyVolume {

  private static final long HOUR = 3_600_000_000L;
  private static final float WEIGHT = 0.2f;
  private static final float SCALE = 1024f;
  private static final int SLOTS = 48;

  /** Per slot: mean (high 16 bits), deviation (15 bits), then 1 when the slot has history. */
  private final int[] stats = new int[SLOTS];
  private long hour = Long.MIN_VALUE;
  private long total;

  /** Adds bytes at event time {@code ts}; returns the total of the hour {@code ts} falls in. */
  public long add(long ts, long bytes, LocalWeek week) {
    long h = Math.floorDiv(ts, HOUR);
    // A late record (Zeek logs a long connection at its end, stamped with its start) counts in the open hour.
    if (h > hour) {
      closeHour(week);
      hour = h;
      total = 0;
    }
    total += Math.max(0, bytes);
    return total;
  }

  /** The slot holding history for the hour of {@code ts}: its own kind of day, else the other kind. */
  private int historyOf(long ts, LocalWeek week) {
    int slot = week.slotOf(Math.floorDiv(ts, HOUR));
    if (!known(slot)) {
      int other = (slot + 24) % SLOTS;
      return known(other) ? other : -1;
    }
    return slot;
  }

  private boolean known(int slot) {
    return (stats[slot] & 1) != 0;
  }

  private float mean(int slot) {
    return (stats[slot] >>> 16) / SCALE;
  }

  private float deviation(int slot) {
    return (stats[slot] >>> 1 & 0x7fff) / SCALE;
  }

  private void set(int slot, float mean, float deviation) {
    stats[slot] = fixed(mean, 0xffff) << 16 | fixed(deviation, 0x7fff) << 1 | 1;
  }

  private static int fixed(float v, int max) {
    return Math.clamp(Math.round(v * SCALE), 0, max);
  }

  private void closeHour(LocalWeek week) {
    if (hour == Long.MIN_VALUE) {
      return;
    }
    int slot = week.slotOf(hour);
    float v = (float) Math.log(1.0 + total);
    if (!known(slot)) {
      set(slot, v, 1f);
    } else {
      float mean = mean(slot);
      float deviation = deviation(slot);
      set(slot, mean + WEIGHT * (v - mean), deviation + WEIGHT * (Math.abs(v - mean) - deviation));
    }
  }

  /** The usual total for the hour of {@code ts}, in bytes, or -1 when that hour has no history yet. */
  public double typical(long ts, LocalWeek week) {
    int slot = historyOf(ts, week);
    return slot < 0 ? -1 : Math.expm1(mean(slot));
  }

  /**
   * How many deviations {@code bytes} is above the usual for the hour of {@code ts} (log scale), or 0 without
   * history.
   */
  public double deviations(long ts, long bytes, LocalWeek week) {
    int slot = historyOf(ts, week);
    if (slot < 0) {
      return 0;
    }
    return (Math.log1p(bytes) - mean(slot)) / Math.max(0.25, deviation(slot));
  }

  /** Writes the baseline in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    for (int i = 0; i < SLOTS; i++) {
      out.writeInt(stats[i]);
    }
    out.writeLong(hour);
    out.writeLong(total);
  }

  /** Reads a baseline written by {@link #write}. */
  public static HourlyVolume read(DataInput in) throws IOException {
    HourlyVolume v = new HourlyVolume();
    for (int i = 0; i < SLOTS; i++) {
      v.stats[i] = in.readInt();
    }
    v.hour = in.readLong();
    v.total = in.readLong();
    return v;
  }
}
