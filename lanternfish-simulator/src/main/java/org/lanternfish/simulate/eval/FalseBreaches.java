package org.lanternfish.simulate.eval;

import java.util.List;

/**
 * Breaches that cite no scenario record, the noise an analyst would wade through.
 *
 * @param total count of false breaches
 * @param per100DeviceDays total per 100 device-days of traffic
 * @param bands counts by score band, lowest band first
 */
public record FalseBreaches(long total, double per100DeviceDays, List<Band> bands) {

  /** Makes the band list immutable. */
  public FalseBreaches {
    bands = List.copyOf(bands);
  }

  /**
   * False breaches whose score lies in one band.
   *
   * @param label the band as shown, such as {@code 60-79}
   * @param low lowest score in the band
   * @param high highest score in the band
   * @param count false breaches in the band
   * @param per100DeviceDays count per 100 device-days
   */
  public record Band(String label, int low, int high, long count, double per100DeviceDays) {}
}
