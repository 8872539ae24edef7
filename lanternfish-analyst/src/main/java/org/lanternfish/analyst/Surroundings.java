package org.lanternfish.analyst;

import java.util.List;

/**
 * What the app knows about a device's activity around a time, from its store and baselines; an investigation asks
 * it and threads the answers with nearby breaches.
 */
public interface Surroundings {

  /** Connections of the device in [from, to) that are unusual for it: new peers, ports or services, odd volumes. */
  List<Observation> unusualConnections(String device, long fromMicros, long toMicros);

  /** Credentials the device used for the first time in [from, to). */
  List<Observation> newCredentials(String device, long fromMicros, long toMicros);

  /** External destinations that few devices of the network contact, contacted by the device in [from, to). */
  List<Observation> rareDestinations(String device, long fromMicros, long toMicros);
}
