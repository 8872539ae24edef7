package org.lanternfish.store;

import java.util.List;
import java.util.Map;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;

/**
 * Everything one step of ingestion produced, written by {@link CommitLog#commit} in one transaction: after a crash
 * the store holds all of it or none of it.
 *
 * @param events events read
 * @param checkpoints how far each live file was read to get them
 * @param state learned state by name, as it stands after the events (detection core, later the Analyst)
 * @param breaches breaches found; those already stored are ignored, so replays are idempotent
 * @param incidents incidents opened or changed; one stored unchanged yields no update
 * @param retiredIncidents ids of incidents that no longer stand (merged into another)
 */
public record Commit(
    List<? extends Event> events, List<IngestCheckpoint> checkpoints, Map<String, byte[]> state,
    List<Breach> breaches, List<StoredIncident> incidents, List<String> retiredIncidents) {
  /** Copies every list and map but the events, which may be many and are only read. */
  public Commit {
    checkpoints = List.copyOf(checkpoints);
    state = Map.copyOf(state);
    breaches = List.copyOf(breaches);
    incidents = List.copyOf(incidents);
    retiredIncidents = List.copyOf(retiredIncidents);
  }

  /** Events, tail positions and learned state without breaches or incident changes. */
  public static Commit of(List<? extends Event> events, List<IngestCheckpoint> checkpoints,
      Map<String, byte[]> state) {
    return new Commit(events, checkpoints, state, List.of(), List.of(), List.of());
  }
}
