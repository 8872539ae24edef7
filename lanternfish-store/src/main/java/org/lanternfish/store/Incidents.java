package org.lanternfish.store;

import java.util.List;

/** The AI Analyst's incidents as they stand after the last commit. */
public interface Incidents {
  /** Stored incidents with a priority of at least {@code minPriority}, highest first. */
  List<StoredIncident> incidents(int minPriority);
}
