package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Incident;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.Commit;
import org.lanternfish.store.Incidents;
import org.lanternfish.store.IngestCheckpoint;
import org.lanternfish.store.StoredIncident;

/**
 * Keeps the stored incidents in step with the stored breaches: the AI Analyst re-threads every stored breach together
 * with those about to be stored (it is deterministic, so the same breaches always give the same incidents, each with
 * its revision history), and the result goes into the same commit as the breaches that caused it.
 */
public final class IncidentBook {
  // Sorted maps: a breach read back from the store and one fresh from detection give the same incident text.
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");

  private final BreachLog breaches;
  private final Incidents incidents;
  private final AnalystConfig config;

  /** A book over the stored {@code breaches} and {@code incidents}, threaded with the AI Analyst's {@code config}. */
  public IncidentBook(BreachLog breaches, Incidents incidents, AnalystConfig config) {
    this.breaches = breaches;
    this.incidents = incidents;
    this.config = config;
  }

  /**
   * One commit of {@code events}, {@code checkpoints}, {@code state} and the breaches {@code found} with them, and,
   * when there are new breaches, the incidents as they stand with them and those no longer standing.
   */
  public Commit commit(List<? extends Event> events, List<IngestCheckpoint> checkpoints, Map<String, byte[]> state,
      List<Breach> found) {
    if (found.isEmpty()) {
      return Commit.of(events, checkpoints, state);
    }
    Map<String, Breach> all = new LinkedHashMap<>();
    breaches.breaches(Instant.EPOCH, END_OF_TIME, 0).forEach(b -> all.put(b.id(), b));
    found.forEach(b -> all.putIfAbsent(b.id(), b));
    List<Breach> ordered = new ArrayList<>(all.values());
    // The order the store reads them in, so the threading does not depend on which commit brought a breach.
    ordered.sort(Comparator.comparingLong(Breach::ts).reversed().thenComparing(Breach::id));
    List<StoredIncident> threaded = Analyst.thread(ordered, config,
        TradecraftProfiles.bundled()).stream().map(IncidentBook::stored).toList();
    Set<String> standing = threaded.stream().map(StoredIncident::id).collect(Collectors.toSet());
    List<String> retired = incidents.incidents(Integer.MIN_VALUE).stream().map(StoredIncident::id)
        .filter(id -> !standing.contains(id)).toList();
    return new Commit(events, checkpoints, state, found, threaded, retired);
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
