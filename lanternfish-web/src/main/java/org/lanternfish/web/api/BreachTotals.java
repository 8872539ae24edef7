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
      byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new LinkedHashSet<>()).add(id);
      if (latest || !names.containsKey(id)) {
        names.put(id, name);
      }
    }
  }

  /** Notes that incident {@code incidentId} involves {@code device}, which is known by that name when it is one. */
  void involve(String device, String incidentId) {
    incidents.computeIfAbsent(device, d -> new LinkedHashSet<>()).add(incidentId);
    if (!DevicesApi.ADDRESS.matcher(device).matches() && !device.startsWith("mac:")) {
      byName.computeIfAbsent(device.toLowerCase(Locale.ROOT), n -> new LinkedHashSet<>()).add(device);
    }
  }

  /** Every device id with a breach or an incident. */
  Set<String> devices() {
    Set<String> all = new LinkedHashSet<>(totals.keySet());
    all.addAll(incidents.keySet());
    return all;
  }
}
