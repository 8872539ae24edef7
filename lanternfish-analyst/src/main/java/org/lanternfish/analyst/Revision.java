package org.lanternfish.analyst;

import java.util.List;

/**
 * One step of an incident's history: the breaches that joined it at one event time and where that left it.
 *
 * @param number 1 for the first revision, counting up
 * @param ts the event time of the breaches that joined
 * @param addedBreachIds the breaches that joined at that time, sorted
 * @param breachCount how many breaches the incident held after this revision
 * @param priority the incident's priority after this revision
 */
public record Revision(int number, long ts, List<String> addedBreachIds, int breachCount, int priority) {

  /** Makes the list immutable. */
  public Revision {
    addedBreachIds = List.copyOf(addedBreachIds);
  }
}
