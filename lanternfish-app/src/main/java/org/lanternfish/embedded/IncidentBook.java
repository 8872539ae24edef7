package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Incident;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.EventStore;
import org.lanternfish.store.StoredIncident;

/**
 * Keeps the stored incidents in step with the stored breaches: the AI Analyst re-threads every stored breach (it is
 * deterministic, so the same breaches always give the same incidents, each with its revision history) and the result
 * replaces what the store held.
 */
public final class IncidentBook {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");

  private IncidentBook() {}

  /** Re-threads all stored breaches with these thresholds and stores the incidents; returns how many there are. */
  public static int refresh(EventStore store, AnalystConfig config) {
    List<Breach> breaches = store.breaches(Instant.EPOCH, END_OF_TIME, 0);
    List<Incident> incidents = Analyst.thread(breaches, config, TradecraftProfiles.bundled());
    store.replaceIncidents(incidents.stream().map(IncidentBook::stored).toList());
    return incidents.size();
  }

  private static StoredIncident stored(Incident incident) {
    try {
      return new StoredIncident(incident.id(), incident.title(), incident.priority(), incident.firstTs(),
          incident.lastTs(), incident.breaches().size(), incident.devices(), JSON.writeValueAsString(incident));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write incident " + incident.id() + " as JSON", e);
    }
  }
}
