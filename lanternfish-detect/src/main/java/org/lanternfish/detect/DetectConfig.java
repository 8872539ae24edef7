package org.lanternfish.detect;

import java.util.Objects;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.TimeZones;
import org.lanternfish.intel.VulnerableServices;
import org.lanternfish.intel.WatchList;
import org.lanternfish.model.Catalogue;

/**
 * How the detection core runs: the network it watches, the models in force, the watch list, how long it learns
 * before novelty may breach, and how often shards share what the whole network has seen.
 *
 * @param devices the operator's description of the network
 * @param catalogue the models
 * @param watchList indicators of compromise
 * @param learningDays days a device (and the network) is watched before novelty breaches
 * @param epochMicros event time between two exchanges of network-wide knowledge between shards
 * @param allowedLatenessMicros how far behind the newest event time a record may arrive and still count in its own
 *     epoch: an epoch closes when the watermark (newest event time minus this) passes its end (see {@link EpochClock})
 * @param timeZones the site's time zones, whose clocks say which hour of which kind of day (weekday, weekend) an
 *     event is in for a device's volume baselines
 * @param vulnerableServices the services an endpoint product reports vulnerable, whose traffic scores higher
 */
public record DetectConfig(DeviceConfig devices, Catalogue catalogue, WatchList watchList, int learningDays,
    long epochMicros, long allowedLatenessMicros, TimeZones timeZones, VulnerableServices vulnerableServices) {

  /** The usual epoch: five minutes of event time. */
  public static final long EPOCH_MICROS = 300_000_000L;

  /** Checks the time zones are given and the epoch and lateness make sense. */
  public DetectConfig {
    Objects.requireNonNull(timeZones, "timeZones");
    Objects.requireNonNull(vulnerableServices, "vulnerableServices");
    if (epochMicros <= 0 || allowedLatenessMicros < 0) {
      throw new IllegalArgumentException("epoch must be positive and allowed lateness not negative, got "
          + epochMicros + " and " + allowedLatenessMicros);
    }
  }

  /**
   * Default network, the shipped models, no watch list, 7 days of learning, 5-minute epochs, no lateness, UTC, no
   * vulnerable services.
   */
  public static DetectConfig defaults() {
    return new DetectConfig(DeviceConfig.defaults(), Catalogue.shipped(), new WatchList(), 7, EPOCH_MICROS, 0,
        TimeZones.utc(), new VulnerableServices());
  }

  /** A copy with another network description. */
  public DetectConfig withDevices(DeviceConfig d) {
    return new DetectConfig(d, catalogue, watchList, learningDays, epochMicros, allowedLatenessMicros, timeZones,
        vulnerableServices);
  }

  /** A copy with another watch list. */
  public DetectConfig withWatchList(WatchList w) {
    return new DetectConfig(devices, catalogue, w, learningDays, epochMicros, allowedLatenessMicros, timeZones,
        vulnerableServices);
  }

  /** A copy with other epochs: {@code epochMicros} long, closing {@code allowedLatenessMicros} after their end. */
  public DetectConfig withEpochs(long epochMicros, long allowedLatenessMicros) {
    return new DetectConfig(devices, catalogue, watchList, learningDays, epochMicros, allowedLatenessMicros,
        timeZones, vulnerableServices);
  }

  /** A copy with other vulnerable services. */
  public DetectConfig withVulnerableServices(VulnerableServices v) {
    return new DetectConfig(devices, catalogue, watchList, learningDays, epochMicros, allowedLatenessMicros, timeZones,
        v);
  }

  /** A copy with another learning period. */
  public DetectConfig withLearningDays(int days) {
    return new DetectConfig(devices, catalogue, watchList, days, epochMicros, allowedLatenessMicros, timeZones,
        vulnerableServices);
  }

}
