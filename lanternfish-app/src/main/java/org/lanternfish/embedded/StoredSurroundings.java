package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lanternfish.analyst.Observation;
import org.lanternfish.analyst.Surroundings;
import org.lanternfish.store.InvestigationQueries;

/**
 * What the store shows of a device's activity around a time, for an AI Analyst investigation: connections to peers
 * and ports it never used before, credentials it never used before, and external hosts almost no one contacts.
 * The device is looked up by its addresses (a DHCP device's id is its MAC; its breaches name its address).
 */
public final class StoredSurroundings implements Surroundings {
  private static final int LIMIT = 50;
  /** A host contacted by the device and at most one other is rare. */
  private static final int RARE_SOURCES = 2;

  private final InvestigationQueries store;
  private final Map<String, Set<String>> addressesOfDevice;
  private final Predicate<String> internal;

  /**
   * Surroundings over {@code store}; {@code addressesOfDevice} maps device ids to the addresses they used, and
   * {@code internal} tells the site's own addresses (config.toml's internal networks), which are never rare hosts.
   */
  public StoredSurroundings(InvestigationQueries store, Map<String, Set<String>> addressesOfDevice,
      Predicate<String> internal) {
    this.store = store;
    this.addressesOfDevice = addressesOfDevice;
    this.internal = internal;
  }

  @Override
  public List<Observation> unusualConnections(String device, long fromMicros, long toMicros) {
    List<Observation> found = new ArrayList<>();
    for (String address : addresses(device)) {
      for (InvestigationQueries.FirstContact first : store.firstContacts(address, fromMicros, toMicros, LIMIT)) {
        found.add(new Observation(first.ts(), first.peer(),
            device + " connected to " + first.peer() + ":" + first.port() + " for the first time", 40,
            List.of(String.valueOf(first.uid())), Map.of("destination", first.peer())));
      }
    }
    return found;
  }

  @Override
  public List<Observation> newCredentials(String device, long fromMicros, long toMicros) {
    List<Observation> found = new ArrayList<>();
    for (String address : addresses(device)) {
      for (InvestigationQueries.FirstCredential first
          : store.firstCredentials(address, fromMicros, toMicros, LIMIT)) {
        found.add(new Observation(first.ts(), null,
            device + " used the credential " + first.credential() + " for the first time (" + first.source() + ")",
            50, List.of(String.valueOf(first.uid())), Map.of("credential", first.credential())));
      }
    }
    return found;
  }

  @Override
  public List<Observation> rareDestinations(String device, long fromMicros, long toMicros) {
    List<Observation> found = new ArrayList<>();
    for (String address : addresses(device)) {
      for (InvestigationQueries.RareHost rare
          : store.rareHosts(address, fromMicros, toMicros, RARE_SOURCES, LIMIT)) {
        if (internal.test(rare.peer())) {
          continue;
        }
        found.add(new Observation(rare.ts(), rare.peer(), device + " sent " + rare.bytesSent() + " bytes to "
            + rare.peer() + ", which at most one other device contacts", 45, List.of(String.valueOf(rare.uid())),
            Map.of("destination", rare.peer())));
      }
    }
    return found;
  }

  private Set<String> addresses(String device) {
    Set<String> known = addressesOfDevice.get(device);
    if (known != null && !known.isEmpty()) {
      return known;
    }
    return Set.of(device);
  }
}
