package org.lanternfish.store;

import java.util.List;

/** The devices the stored records reveal inside the site, and the DHCP leases that named them over time. */
public interface DeviceInventory {
  /**
   * Every address inside the site (marked local by the sensor, or in a private range) that opened or answered a
   * connection, with its latest DHCP lease's name and network card and whether it ever logged on to the domain;
   * ordered by address.
   */
  List<SeenDevice> devices(int limit);

  /**
   * The DHCP leases naming {@code device} (an address, a host name, or a network card as {@code mac:...}), one per
   * name, address and card, latest first.
   */
  List<Lease> leases(String device, int limit);

  /**
   * A device as the records show it.
   *
   * @param address its address
   * @param firstMicros its first connection
   * @param lastMicros its latest connection
   * @param connections connections it opened or answered
   * @param hostName the host name of its latest DHCP lease (or NTLM logon), or null
   * @param mac the network card of its latest DHCP lease, or null
   * @param domainLogons Kerberos and NTLM logons it made as a client
   */
  record SeenDevice(String address, long firstMicros, long lastMicros, long connections, String hostName, String mac,
      long domainLogons) {}

  /**
   * A host name, address and network card that DHCP bound together, and when.
   *
   * @param hostName the name the client gave, or null
   * @param address the address it was given
   * @param mac its network card
   * @param firstMicros the first lease
   * @param lastMicros the latest lease
   */
  record Lease(String hostName, String address, String mac, long firstMicros, long lastMicros) {}
}
