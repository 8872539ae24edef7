package org.lanternfish.device;

import java.time.ZoneId;
import java.util.List;

/**
 * Whose clocks a device keeps: the site's time zone, or that of the first listed network containing the device's
 * address (an office abroad).
 *
 * @param site the time zone of devices in no listed network
 * @param networks networks with their own time zone, first match wins
 */
public record TimeZones(ZoneId site, List<NetworkZone> networks) {

  /** A network and its time zone. */
  public record NetworkZone(Subnet network, ZoneId zone) {}

  /** Makes the list immutable. */
  public TimeZones {
    networks = List.copyOf(networks);
  }

  /** Every device on UTC clocks. */
  public static TimeZones utc() {
    return new TimeZones(ZoneId.of("UTC"), List.of());
  }

  /** The time zone of the device at this address (the site's when the address is null or in no listed network). */
  public ZoneId zoneOf(String address) {
    if (address == null || networks.isEmpty()) {
      return site;
    }
    long[] parsed = Subnet.address(address);
    if (parsed != null) {
      for (NetworkZone n : networks) {
        if (n.network().contains(parsed)) {
          return n.zone();
        }
      }
    }
    return site;
  }
}
