package org.lanternfish.analyst;

import java.util.List;

/**
 * What a new breach changed: an incident appeared or grew, and earlier incidents it absorbed are gone.
 *
 * @param kind whether the incident is new or revised
 * @param incident the incident as it now stands
 * @param supersededIds ids of incidents shown before that are now part of this one (the store drops them)
 */
public record IncidentUpdate(Kind kind, Incident incident, List<String> supersededIds) {

  /** Whether an update created an incident or revised one. */
  public enum Kind { CREATED, UPDATED }

  /** Makes the list immutable. */
  public IncidentUpdate {
    supersededIds = List.copyOf(supersededIds);
  }
}
