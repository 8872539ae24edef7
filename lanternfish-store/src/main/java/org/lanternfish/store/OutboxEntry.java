package org.lanternfish.store;

import java.util.Optional;
import org.lanternfish.breach.Breach;

/** One thing a commit produced, numbered in commit order: a new breach or a change to an incident. */
public sealed interface OutboxEntry {
  /** The entry's sequence number: unique, increasing in commit order, never reused. */
  long seq();

  /**
   * A breach stored for the first time.
   *
   * @param seq its sequence number
   * @param breach the breach
   */
  record BreachStored(long seq, Breach breach) implements OutboxEntry {}

  /**
   * An incident opened or changed ({@code incident} holds it as it now stands) or retired, having been merged into
   * another (empty).
   *
   * @param seq the update's sequence number
   * @param incidentId the incident's id
   * @param incident the incident after the update; empty when it was retired
   */
  record IncidentUpdated(long seq, String incidentId, Optional<StoredIncident> incident) implements OutboxEntry {}
}
