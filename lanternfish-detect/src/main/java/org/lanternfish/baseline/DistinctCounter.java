package org.lanternfish.baseline;

/**
 * A 128-bit linear-counting sketch of how many distinct things were seen: exact enough for the small counts where
 * rarity matters ("seen from 2 devices"), saturating at a few hundred where everything is common anyway.
 */
public final class DistinctCounter {

  private long low;
  private long high;

  /** An empty counter. */
  public DistinctCounter() {}

  /** A counter with the given bits, as read from a snapshot. */
  public DistinctCounter(long low, long high) {
    this.low = low;
    this.high = high;
  }

  /** Adds one thing by its fingerprint; returns true when this changed the estimate. */
  public boolean add(long fingerprint) {
    int bit = (int) (Fingerprint.mix(fingerprint) >>> 57);
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
    int ones = Long.bitCount(low) + Long.bitCount(high);
    if (ones >= 127) {
      return 600;
    }
    return (int) Math.round(-128 * Math.log((128.0 - ones) / 128.0));
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
