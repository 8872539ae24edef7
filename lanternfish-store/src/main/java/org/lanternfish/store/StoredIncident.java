package org.lanternfish.store;

import java.util.List;

/**
 * An AI Analyst incident as the store keeps it: the fields an incident list sorts and filters on, plus the whole
 * incident (timeline, summary with its links, device graph, history) as JSON written by the caller.
 *
 * @param id the incident's stable id
 * @param title its headline
 * @param priority 0 to 100
 * @param firstTs its earliest breach, microseconds since the epoch
 * @param lastTs its latest breach
 * @param breaches how many breaches it holds
 * @param devices the devices involved
 * @param json the full incident
 */
public record StoredIncident(
    String id, String title, int priority, long firstTs, long lastTs, int breaches, List<String> devices,
    String json) {
  /** Copies the device list. */
  public StoredIncident {
    devices = List.copyOf(devices);
  }
}
