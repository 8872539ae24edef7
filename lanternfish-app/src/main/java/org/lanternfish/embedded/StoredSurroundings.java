package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lanternfish.analyst.Observation;
import org.lanternfish.analyst.Surroundings;
import org.lanternfish.store.EventStore;

/**
 * What the store shows of a device's activity around a time, for an AI Analyst investigation: connections to peers
 * and ports it never used before, credentials it never used before, and external hosts almost no one contacts.
 * The device is looked up by its addresses (a DHCP device's id is its MAC; its breaches name its address).
 */
public final class StoredSurroundings implements Surroundings {
  private static final int LIMIT = 50;

  private final EventStore store;
  private final Map<String, Set<String>> addressesOfDevice;

  /** Surroundings over {@code store}; {@code addressesOfDevice} maps device ids to the addresses they used. */
  public StoredSurroundings(EventStore store, Map<String, Set<String>> addressesOfDevice) {
    this.store = store;
    this.addressesOfDevice = addressesOfDevice;
  }

  @Override
  public List<Observation> unusualConnections(String device, long fromMicros, long toMicros) {
    List<Observation> found = new ArrayList<>();
    for (String address : addresses(device)) {
      for (Map<String, Object> row : store.query("SELECT min(epoch_us(ts)) AS ts, resp_h, resp_p, min(uid) AS uid"
          + " FROM conn c WHERE orig_h = ? AND ts >= make_timestamp(?) AND ts < make_timestamp(?)"
          + " AND NOT EXISTS (SELECT 1 FROM conn p WHERE p.orig_h = c.orig_h AND p.resp_h = c.resp_h"
          + " AND p.resp_p = c.resp_p AND p.ts < make_timestamp(?))"
          + " GROUP BY resp_h, resp_p ORDER BY ts LIMIT " + LIMIT,
          List.of(address, fromMicros, toMicros, fromMicros))) {
        String peer = String.valueOf(row.get("resp_h"));
        found.add(new Observation(((Number) row.get("ts")).longValue(), peer,
            device + " connected to " + peer + ":" + row.get("resp_p") + " for the first time", 40,
            List.of(String.valueOf(row.get("uid"))), Map.of("destination", peer)));
      }
    }
    return found;
  }

  @Override
  public List<Observation> newCredentials(String device, long fromMicros, long toMicros) {
    List<Observation> found = new ArrayList<>();
    for (String address : addresses(device)) {
      for (String[] source : new String[][] {{"kerberos", "client"}, {"ntlm", "username"}}) {
        String table = source[0];
        String column = source[1];
        for (Map<String, Object> row : store.query("SELECT min(epoch_us(ts)) AS ts, " + column + " AS credential,"
            + " min(uid) AS uid FROM " + table + " c WHERE orig_h = ? AND " + column + " IS NOT NULL"
            + " AND ts >= make_timestamp(?) AND ts < make_timestamp(?) AND NOT EXISTS (SELECT 1 FROM " + table
            + " p WHERE p.orig_h = c.orig_h AND p." + column + " = c." + column + " AND p.ts < make_timestamp(?))"
            + " GROUP BY " + column + " ORDER BY ts LIMIT " + LIMIT,
            List.of(address, fromMicros, toMicros, fromMicros))) {
          String credential = String.valueOf(row.get("credential"));
          found.add(new Observation(((Number) row.get("ts")).longValue(), null,
              device + " used the credential " + credential + " for the first time (" + table + ")", 50,
              List.of(String.valueOf(row.get("uid"))), Map.of("credential", credential)));
        }
      }
    }
    return found;
  }

  @Override
  public List<Observation> rareDestinations(String device, long fromMicros, long toMicros) {
    List<Observation> found = new ArrayList<>();
    for (String address : addresses(device)) {
      for (Map<String, Object> row : store.query("SELECT min(epoch_us(c.ts)) AS ts, c.resp_h, min(c.uid) AS uid,"
          + " sum(coalesce(c.orig_bytes, 0)) AS sent FROM conn c WHERE c.orig_h = ? AND c.ts >= make_timestamp(?)"
          + " AND c.ts < make_timestamp(?) AND c.local_resp IS NOT TRUE AND (SELECT count(DISTINCT o.orig_h) FROM"
          + " conn o WHERE o.resp_h = c.resp_h) <= 2 GROUP BY c.resp_h ORDER BY ts LIMIT " + LIMIT,
          List.of(address, fromMicros, toMicros))) {
        String peer = String.valueOf(row.get("resp_h"));
        if (TrafficSummary.isInternal(peer)) {
          continue;
        }
        found.add(new Observation(((Number) row.get("ts")).longValue(), peer,
            device + " sent " + row.get("sent") + " bytes to " + peer + ", which at most one other device contacts",
            45, List.of(String.valueOf(row.get("uid"))), Map.of("destination", peer)));
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
