package org.lanternfish.web.api;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;

/** The breaches no suppression hides, summed per breaching device id, with the names and addresses they saw. */
final class BreachTotals {
  /** {breaches, max score, last breach micros} */
  final Map<String, long[]> totals = new LinkedHashMap<>();
  final Map<String, Map<LocalDate, Integer>> daily = new HashMap<>();
  final Map<String, String> names = new HashMap<>();
  final Map<String, String> addresses = new HashMap<>();
  final Map<String, Set<String>> byAddress = new HashMap<>();
  /** Device ids by {@link #hostKey} of their names. */
  final Map<String, Set<String>> byName = new HashMap<>();
  /** The ids of the incidents each device takes part in. */
  final Map<String, Set<String>> incidents = new HashMap<>();
  LocalDate lastDay;

  /** Counts {@code breach} for its device. */
  void add(Breach breach) {
    String id = breach.device();
    long[] row = totals.computeIfAbsent(id, d -> new long[] {0, 0, Long.MIN_VALUE});
    row[0]++;
    row[1] = Math.max(row[1], breach.score());
    LocalDate day = DevicesApi.day(breach.ts());
    daily.computeIfAbsent(id, d -> new HashMap<>()).merge(day, breach.score(), Math::max);
    lastDay = lastDay == null || day.isAfter(lastDay) ? day : lastDay;
    boolean latest = breach.ts() >= row[2];
    row[2] = Math.max(row[2], breach.ts());
    String address = DevicesApi.ADDRESS.matcher(id).matches() ? id : breach.entities().get(Entities.DEVICE_IP);
    String name = breach.entities().get(Entities.DEVICE_NAME);
    if (name == null && !DevicesApi.ADDRESS.matcher(id).matches() && !id.startsWith("mac:")) {
      name = id;
    }
    if (address != null) {
      byAddress.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(id);
      if (latest || !addresses.containsKey(id)) {
        addresses.put(id, address);
      }
    }
    if (name != null) {
      byName.computeIfAbsent(hostKey(name), n -> new LinkedHashSet<>()).add(id);
      if (latest || !names.containsKey(id)) {
        names.put(id, name);
      }
    }
  }

  /** Notes that incident {@code incidentId} involves {@code device}, which is known by that name when it is one. */
  void involve(String device, String incidentId) {
    incidents.computeIfAbsent(device, d -> new LinkedHashSet<>()).add(incidentId);
    if (!DevicesApi.ADDRESS.matcher(device).matches() && !device.startsWith("mac:")) {
      byName.computeIfAbsent(hostKey(device), n -> new LinkedHashSet<>()).add(device);
    }
  }

  /**
   * How a host name is matched: its first label, case-insensitive, so a host Defender reported first by its DNS name
   * ({@code laptop-99.corp.local}) and DHCP later leased as {@code LAPTOP-99} is one device.
   */
  static String hostKey(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    int dot = lower.indexOf('.');
    return dot > 0 ? lower.substring(0, dot) : lower;
  }

  /** Every device id with a breach or an incident. */
  Set<String> devices() {
    Set<String> all = new LinkedHashSet<>(totals.keySet());
    all.addAll(incidents.keySet());
    return all;
  }
}
