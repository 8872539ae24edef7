package org.lanternfish.baseline;

/**
 * How regular a series is (intervals between connections, or their sizes): an exponentially weighted mean and mean
 * absolute deviation, whose ratio is near 0 for a beacon and near 1 for human traffic.
 */
public final class Regularity {

  private static final double WEIGHT = 0.125;

  private double mean;
  private double deviation;
  private int samples;

  /** Adds one value. */
  public void add(double value) {
    if (samples == 0) {
      mean = value;
      deviation = 0;
    } else {
      deviation += WEIGHT * (Math.abs(value - mean) - deviation);
      mean += WEIGHT * (value - mean);
    }
    samples = Math.min(samples + 1, 1_000_000);
  }

  /** 1 for a perfectly regular series, falling towards 0 as the deviation reaches the mean. */
  public double score() {
    if (samples == 0 || mean <= 0) {
      return 0;
    }
    return Math.max(0, 1 - deviation / mean);
  }

  /** The weighted mean. */
  public double mean() {
    return mean;
  }

  /** How many values were added. */
  public int samples() {
    return samples;
  }

  /** Restores the three numbers a snapshot holds. */
  public void restore(double mean, double deviation, int samples) {
    this.mean = mean;
    this.deviation = deviation;
    this.samples = samples;
  }

  /** The weighted mean absolute deviation. */
  public double deviation() {
    return deviation;
  }
}
