package org.lanternfish.simulate.traffic;

import java.util.SplittableRandom;

/** Heavy-tailed byte counts: most transfers are small, a few are very large, as in real networks. */
public final class Volumes {
  private Volumes() {}

  /** A lognormal byte count with median {@code median} and spread {@code sigma} (log scale), at least 1. */
  public static long heavy(SplittableRandom random, long median, double sigma) {
    double value = median * Math.exp(random.nextGaussian() * sigma);
    return Math.max(1, Math.min((long) value, 200L * median));
  }
}
