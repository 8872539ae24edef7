package org.lanternfish.embedded;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.event.Event;

/**
 * Alerts an integration fetched on its own schedule (Defender's Graph poller), which the live service takes
 * between its reads of the logs and commits together with the position the integration reached.
 */
public interface AlertSource {

  /**
   * What one fetch gave.
   *
   * @param detect new alerts, for detection and the store
   * @param storeOnly later versions of alerts taken before, for the store only (never a second breach)
   * @param state the integration's position, stored as learned state in the same commit
   */
  record Fetched(List<Event> detect, List<Event> storeOnly, Map<String, byte[]> state) {

    /** Makes the lists and the map immutable. */
    public Fetched {
      detect = List.copyOf(detect);
      storeOnly = List.copyOf(storeOnly);
      state = Map.copyOf(state);
    }
  }

  /** The next fetch that is ready, without waiting; empty when none is. Called on the live service's thread. */
  Optional<Fetched> take();
}
