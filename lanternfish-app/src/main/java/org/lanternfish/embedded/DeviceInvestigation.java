package org.lanternfish.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Investigation;
import org.lanternfish.analyst.Investigator;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.store.EventStore;

/**
 * The AI Analyst's investigation of one device around one time over the store, on demand ({@code investigate}) or
 * triggered by a Defender alert: the breaches of the day either side, and what {@link StoredSurroundings} finds.
 */
public final class DeviceInvestigation {

  private DeviceInvestigation() {}

  /**
   * Investigates {@code device} (a device id, or a host name or address its breaches name) around
   * {@code atMicros}, with {@code analyst}'s thresholds and window; {@code site} tells its internal networks.
   */
  public static Investigation run(EventStore store, AnalystConfig analyst, DeviceConfig site, String device,
      long atMicros) {
    Instant when = Instant.ofEpochSecond(Math.floorDiv(atMicros, 1_000_000L));
    List<Breach> nearby = store.breaches(when.minus(Duration.ofDays(1)), when.plus(Duration.ofDays(1)), 0);
    Map<String, Set<String>> addresses = new HashMap<>();
    String id = device;
    for (Breach breach : nearby) {
      String ip = breach.entities().get("device_ip");
      if (ip != null) {
        addresses.computeIfAbsent(breach.device(), d -> new HashSet<>()).add(ip);
      }
      if (device.equals(breach.entities().get("device_name")) || device.equals(ip)) {
        id = breach.device();
      }
    }
    return new Investigator(analyst, TradecraftProfiles.bundled())
        .investigate(id, atMicros, nearby, new StoredSurroundings(store, addresses, site::isInternal));
  }
}
