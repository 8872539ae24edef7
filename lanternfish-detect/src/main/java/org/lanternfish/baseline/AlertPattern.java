package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One device's normal pattern of a security product's alerts: the categories it raises and how many alerts it
 * raises a day over the last four weeks, in bounded memory. {@link #observe} learns each alert and says what about
 * it leaves the pattern: a category the device never raised, or a day with far more alerts than its usual.
 */
public final class AlertPattern {

  /** Days of daily counts kept. */
  public static final int DAYS = 28;
  /** A device is judged against its pattern once it has been known this many days. */
  public static final int LEARNING_DAYS = 7;
  /** A day needs more alerts than this, and than {@value #BURST_FACTOR} times the usual day, to be a burst. */
  public static final int BURST_MIN = 4;
  /** How many times its usual daily number of alerts a burst exceeds. */
  public static final double BURST_FACTOR = 4.0;
  static final int MAX_CATEGORIES = 16;

  private final long[] categories = new long[MAX_CATEGORIES];
  private final int[] categoryCounts = new int[MAX_CATEGORIES];
  private final int[] perDay = new int[DAYS];
  /** The newest day counted, or -1 before the first alert. */
  private int lastDay = -1;
  /** The day a burst was last reported, so a burst is reported once a day. */
  private int burstDay = -1;

  /**
   * What one alert did to the pattern.
   *
   * @param newCategory true when the device never raised an alert of this category though it has a pattern
   * @param burst true when this alert makes the day's number a burst (reported once a day)
   * @param today the day's alerts, this one included
   * @param usualPerDay the device's usual alerts a day over the days before today
   * @param knownCategories the categories the device raised before this alert
   */
  public record Deviation(boolean newCategory, boolean burst, int today, double usualPerDay, int knownCategories) {

    /** True when the alert leaves the device's pattern. */
    public boolean unusual() {
      return newCategory || burst;
    }
  }

  /**
   * Learns one alert of the category {@code categoryFingerprint} names on {@code day} (days since the epoch) by a
   * device known for {@code daysKnown} days; while the device is learning (fewer than {@value #LEARNING_DAYS} days),
   * nothing is unusual.
   */
  public Deviation observe(long categoryFingerprint, int day, int daysKnown) {
    long category = categoryFingerprint == 0 ? 1 : categoryFingerprint;
    roll(day);
    double usual = usualPerDay(day, daysKnown);
    int known = knownCategories();
    boolean learned = daysKnown >= LEARNING_DAYS;
    boolean newCategory = learned && known > 0 && countCategory(category) == 0;
    // An alert that arrives after its day left the window counts for its category only.
    int today = day > lastDay - DAYS ? ++perDay[Math.floorMod(day, DAYS)] : 1;
    boolean burst = learned && burstDay != day && today > BURST_MIN && today > BURST_FACTOR * usual;
    if (burst) {
      burstDay = day;
    }
    count(category);
    return new Deviation(newCategory, burst, today, usual, known);
  }

  /** Clears the days between the last counted one and {@code day}, so the ring holds only the last four weeks. */
  private void roll(int day) {
    if (lastDay < 0 || day - lastDay >= DAYS) {
      Arrays.fill(perDay, 0);
    } else {
      for (int d = lastDay + 1; d <= day; d++) {
        perDay[Math.floorMod(d, DAYS)] = 0;
      }
    }
    lastDay = Math.max(lastDay, day);
  }

  /** The mean alerts a day over the days before {@code day} that the window and the device's life cover. */
  private double usualPerDay(int day, int daysKnown) {
    int days = Math.min(DAYS - 1, Math.max(1, daysKnown));
    long sum = 0;
    for (int d = day - days; d < day; d++) {
      if (d > lastDay - DAYS && d >= 0) {
        sum += perDay[Math.floorMod(d, DAYS)];
      }
    }
    return (double) sum / days;
  }

  private int knownCategories() {
    int n = 0;
    for (long c : categories) {
      if (c != 0) {
        n++;
      }
    }
    return n;
  }

  private int countCategory(long category) {
    for (int i = 0; i < MAX_CATEGORIES; i++) {
      if (categories[i] == category) {
        return categoryCounts[i];
      }
    }
    return 0;
  }

  /** Counts one alert of {@code category}; a full table forgets its rarest category. */
  private void count(long category) {
    int free = -1;
    int rarest = 0;
    for (int i = 0; i < MAX_CATEGORIES; i++) {
      if (categories[i] == category) {
        categoryCounts[i] = Math.min(Integer.MAX_VALUE - 1, categoryCounts[i] + 1);
        return;
      }
      if (categories[i] == 0 && free < 0) {
        free = i;
      }
      if (categoryCounts[i] < categoryCounts[rarest]) {
        rarest = i;
      }
    }
    int slot = free >= 0 ? free : rarest;
    categories[slot] = category;
    categoryCounts[slot] = 1;
  }

  /** Writes the pattern in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(lastDay);
    out.writeInt(burstDay);
    for (int i = 0; i < MAX_CATEGORIES; i++) {
      out.writeLong(categories[i]);
      out.writeInt(categoryCounts[i]);
    }
    for (int count : perDay) {
      out.writeInt(count);
    }
  }

  /** Reads a pattern written by {@link #write}. */
  public static AlertPattern read(DataInput in) throws IOException {
    AlertPattern p = new AlertPattern();
    p.lastDay = in.readInt();
    p.burstDay = in.readInt();
    for (int i = 0; i < MAX_CATEGORIES; i++) {
      p.categories[i] = in.readLong();
      p.categoryCounts[i] = in.readInt();
    }
    for (int i = 0; i < DAYS; i++) {
      p.perDay[i] = in.readInt();
    }
    return p;
  }
}
