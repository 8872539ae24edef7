package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A device's usual volume per hour of the day, as an exponentially weighted mean and mean absolute deviation,
 * so a new hour can be judged against the same hour on past days (robust to one bad day, decaying over weeks).
 */
public final class HourlyVolume {

  private static final long HOUR = 3_600_000_000L;
  private static final float WEIGHT = 0.2f;

  private final float[] mean = new float[24];
  private final float[] deviation = new float[24];
  private final byte[] days = new byte[24];
  private long hour = Long.MIN_VALUE;
  private long total;

  /** Adds bytes at event time {@code ts}; returns the total of the hour {@code ts} falls in. */
  public long add(long ts, long bytes) {
    long h = Math.floorDiv(ts, HOUR);
    // A late record (Zeek logs a long connection at its end, stamped with its start) counts in the open hour.
    if (h > hour) {
      closeHour();
      hour = h;
      total = 0;
    }
    total += Math.max(0, bytes);
    return total;
  }

  private void closeHour() {
    if (hour == Long.MIN_VALUE) {
      return;
    }
    int slot = (int) Math.floorMod(hour, 24);
    float v = (float) Math.log(1.0 + total);
    if (days[slot] == 0) {
      mean[slot] = v;
      deviation[slot] = 1f;
    } else {
      deviation[slot] += WEIGHT * (Math.abs(v - mean[slot]) - deviation[slot]);
      mean[slot] += WEIGHT * (v - mean[slot]);
    }
    days[slot] = (byte) Math.min(days[slot] + 1, 100);
  }

  /** The usual total for the hour of {@code ts}, in bytes, or -1 when that hour has no history yet. */
  public double typical(long ts) {
    int slot = (int) Math.floorMod(Math.floorDiv(ts, HOUR), 24);
    return days[slot] == 0 ? -1 : Math.expm1(mean[slot]);
  }

  /** How many deviations {@code bytes} is above the usual for the hour of {@code ts} (log scale), or 0 without history. */
  public double deviations(long ts, long bytes) {
    int slot = (int) Math.floorMod(Math.floorDiv(ts, HOUR), 24);
    if (days[slot] == 0) {
      return 0;
    }
    return (Math.log1p(bytes) - mean[slot]) / Math.max(0.25, deviation[slot]);
  }

  /** Writes the baseline in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    for (int i = 0; i < 24; i++) {
      out.writeFloat(mean[i]);
      out.writeFloat(deviation[i]);
      out.writeByte(days[i]);
    }
    out.writeLong(hour);
    out.writeLong(total);
  }

  /** Reads a baseline written by {@link #write}. */
  public static HourlyVolume read(DataInput in) throws IOException {
    HourlyVolume v = new HourlyVolume();
    for (int i = 0; i < 24; i++) {
      v.mean[i] = in.readFloat();
      v.deviation[i] = in.readFloat();
      v.days[i] = in.readByte();
    }
    v.hour = in.readLong();
    v.total = in.readLong();
    return v;
  }
}
