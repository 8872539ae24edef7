package org.lanternfish.analyst;

import java.util.List;
import java.util.Map;

/**
 * One unusual thing a device did, found while investigating: not a breach, but evidence an investigation weighs.
 *
 * @param ts event time in microseconds since the epoch
 * @param peer the other endpoint (device id, IP or domain), or null
 * @param description one sentence that says why it is unusual, such as "first connection to 10.0.4.2:445"
 * @param score how unusual, 0 to 100
 * @param recordUids the records behind it
 * @param entities what it touched, keyed like a breach's entities: credential, domain, destination, file...
 */
public record Observation(long ts, String peer, String description, int score, List<String> recordUids,
    Map<String, String> entities) {

  /** Makes the list and map immutable. */
  public Observation {
    recordUids = List.copyOf(recordUids);
    entities = Map.copyOf(entities);
  }
}
