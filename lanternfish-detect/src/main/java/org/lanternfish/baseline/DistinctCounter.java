package org.lanternfish.baseline;

/**
 * A 128-bit linear-counting sketch of how many distinct things were seen: exact enough for the small counts where
 * rarity matters ("seen from 2 devices"), saturating at a few hundred where everything is common anyway.
 */
public final class DistinctCounter {

  /** The estimate for each number of set bits, so estimating costs a table lookup and no logarithm. */
  private static final int[] ESTIMATE = new int[129];

  static {
    for (int ones = 0; ones <= 128; ones++) {
      ESTIMATE[ones] = ones >= 127 ? 600 : (int) Math.round(-128 * Math.log((128.0 - ones) / 128.0));
    }
  }

  private long low;
  private long high;

  /** An empty counter. */
  public DistinctCounter() {}

  /** A counter with the given bits, as read from a snapshot. */
  public DistinctCounter(long low, long high) {
    this.low = low;
    this.high = high;
  }

  /** The bit (0 to 127) a thing sets, for callers that keep the 128 bits in their own arrays. */
  public static int bit(long fingerprint) {
    return (int) (Fingerprint.mix(fingerprint) >>> 57);
  }

  /** The estimate for counter bits kept elsewhere. */
  public static int estimate(long low, long high) {
    return ESTIMATE[Long.bitCount(low) + Long.bitCount(high)];
  }

  /** Adds one thing by its fingerprint; returns true when this changed the estimate. */
  public boolean add(long fingerprint) {
    int bit = bit(fingerprint);
    if (bit < 64) {
      long before = low;
      low |= 1L << bit;
      return before != low;
    }
    long before = high;
    high |= 1L << (bit - 64);
    return before != high;
  }

  /** The estimated number of distinct things added. */
  public int estimate() {
    return estimate(low, high);
  }

  /** The low 64 bits, for snapshots. */
  public long low() {
    return low;
  }

  /** The high 64 bits, for snapshots. */
  public long high() {
    return high;
  }
}
