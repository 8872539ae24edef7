package org.lanternfish.respond;

import java.util.ArrayList;
import java.util.List;
import org.lanternfish.device.Subnet;

/**
 * Addresses no action may ever cut off: Lanternfish's own host, gateways, domain controllers and DNS servers by
 * default, and whatever the site adds. Networks are given as addresses or CIDR blocks, IPv4 or IPv6.
 */
public final class NeverBlock {

  private final List<Subnet> networks = new ArrayList<>();

  /** A list of {@code entries} (addresses or CIDR blocks); throws with the entry on one that is neither. */
  public NeverBlock(List<String> entries) {
    entries.forEach(this::add);
  }

  /** Adds an address or CIDR block; throws with the entry on one that is neither. */
  public void add(String entry) {
    networks.add(Subnet.parse(entry));
  }

  /** The entry that protects {@code address}, or null when none does (or it is not an address). */
  public String protecting(String address) {
    if (address == null) {
      return null;
    }
    for (Subnet s : networks) {
      if (s.contains(address)) {
        return s.text();
      }
    }
    return null;
  }
}
