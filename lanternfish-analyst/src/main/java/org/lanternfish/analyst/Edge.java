package org.lanternfish.analyst;

import java.util.List;

/**
 * An arrow of the incident's device graph: one device acted on another device or an external endpoint.
 *
 * @param from the device that acted (the breaching device)
 * @param to the device or endpoint it acted on (the breach's peer)
 * @param kind what it did, such as {@link Step#SMB_WRITE} or {@link Step#DCSYNC}
 * @param internal whether {@code to} is a device inside the network
 * @param firstTs the first such breach, microseconds since the epoch
 * @param lastTs the last such breach
 * @param breachIds the breaches behind the arrow
 */
public record Edge(String from, String to, Step kind, boolean internal, long firstTs, long lastTs,
    List<String> breachIds) {

  /** Makes the list immutable. */
  public Edge {
    breachIds = List.copyOf(breachIds);
  }
}
