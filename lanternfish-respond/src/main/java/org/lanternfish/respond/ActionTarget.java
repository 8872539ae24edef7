package org.lanternfish.respond;

import java.util.Objects;

/**
 * What an action applies to: a device (by id and by the address a firewall sees) and, for a connection block, the
 * peer address and port it may no longer reach.
 *
 * @param device the device's stable id
 * @param address the device's address
 * @param peer the other end's address, or null when the action is not about one peer
 * @param port the peer's port, or 0 for every port
 */
public record ActionTarget(String device, String address, String peer, int port) {

  /** Checks the target names a device and an address, and a port in range. */
  public ActionTarget {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** A target that is the whole device. */
  public static ActionTarget device(String device, String address) {
    return new ActionTarget(device, address, null, 0);
  }

  /** How an analyst reads the target, such as {@code 10.0.3.7 -> 10.0.0.10:445}. */
  public String describe() {
    if (peer == null) {
      return address;
    }
    return address + " -> " + peer + (port == 0 ? "" : ":" + port);
  }
}
