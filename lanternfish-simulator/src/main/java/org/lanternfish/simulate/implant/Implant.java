package org.lanternfish.simulate.implant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;

/**
 * Implants a real recording into a simulated organisation's logs: its internal addresses become simulated devices
 * of the same role (a domain controller stays a domain controller, a client becomes a workstation), its times move
 * into a day after the learning period, and its records are written beside the simulated ones of the same hour, so
 * detection sees the technique against weeks of the devices' history.
 *
 * @param addresses the recording's internal address and the simulated device address it became, busiest first
 * @param roles the role inferred for each of the recording's internal addresses
 * @param shiftMicros what was added to every time of the recording
 * @param start the implanted recording's first time, microseconds since the epoch
 * @param end its last time
 * @param uids the connection and file ids of its records, to tell which breaches cite it
 * @param written records written
 * @param dropped records that fell after the simulated run and were left out
 * @param files the files written, to remove after scoring
 */
public record Implant(Map<String, String> addresses, Map<String, Capture.Role> roles, long shiftMicros, long start,
    long end, Set<String> uids, long written, long dropped, List<Path> files) {
  private static final long HOUR = 3_600_000_000L;

  /**
   * Implants {@code capture} into the simulated logs in {@code simulation} (written by the simulator for
   * {@code org}, from {@code runStart} for {@code days} days), starting at 10:00 UTC on day {@code day}.
   */
  public static Implant into(Capture capture, Organisation org, Path simulation, LocalDate runStart, int days,
      int day, long seed) throws IOException {
    Map<String, Capture.Role> roles = capture.devices();
    Map<String, String> addresses = map(roles, org, seed);
    long[] span = capture.span();
    long target = runStart.plusDays(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L + 10 * HOUR;
    // Whole seconds keep every time's fraction digits as the recording wrote them.
    long shift = (target / 1_000_000L - Math.floorDiv(span[0], 1_000_000L)) * 1_000_000L;
    long runEnd = runStart.plusDays(days).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    Set<String> uids = new HashSet<>();
    long written = 0;
    long dropped = 0;
    List<Path> files = new ArrayList<>();
    for (Capture.Log log : capture.logs()) {
      Map<Long, List<String>> byHour = new TreeMap<>();
      for (int r = 0; r < log.size(); r++) {
        String ts = log.value(r, "ts");
        long when = ts != null ? Capture.micros(ts) + shift : span[0] + shift;
        if (when >= runEnd) {
          dropped++;
          continue;
        }
        for (String id : List.of("uid", "fuid")) {
          String value = log.value(r, id);
          if (value != null) {
            uids.add(value);
          }
        }
        String line = log.json() ? rewrite(log.objects().get(r), addresses, shift)
            : String.join("\t", rewrite(log, log.rows().get(r), addresses, shift));
        byHour.computeIfAbsent(Math.floorDiv(when, HOUR), h -> new ArrayList<>()).add(line);
        written++;
      }
      for (Map.Entry<Long, List<String>> hour : byHour.entrySet()) {
        files.add(write(simulation, log, hour.getKey(), hour.getValue(), files.size()));
      }
    }
    return new Implant(addresses, roles, shift, span[0] + shift, span[1] + shift, uids, written, dropped, files);
  }

  /** Removes the implanted files, leaving the simulated logs as the simulator wrote them. */
  public void remove() throws IOException {
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }

  private static Map<String, String> map(Map<String, Capture.Role> roles, Organisation org, long seed) {
    SplittableRandom random = new SplittableRandom(Internet.mix(seed ^ 0x1a9L));
    Map<Capture.Role, List<Device>> free = new LinkedHashMap<>();
    free.put(Capture.Role.DOMAIN_CONTROLLER, shuffled(org.devices(Role.DOMAIN_CONTROLLER), random));
    List<Device> servers = new ArrayList<>(org.devices(Role.FILE_SERVER));
    servers.addAll(org.devices(Role.APP_SERVER));
    free.put(Capture.Role.SERVER, shuffled(servers, random));
    free.put(Capture.Role.CLIENT, shuffled(org.devices(Role.WORKSTATION).stream().filter(d -> d.firstDay() == 0)
        .toList(), random));
    Map<String, String> addresses = new LinkedHashMap<>();
    Map<Capture.Role, Integer> used = new LinkedHashMap<>();
    roles.forEach((ip, role) -> {
      List<Device> pool = free.get(role);
      int n = used.merge(role, 1, Integer::sum) - 1;
      // More devices of a role than the organisation has share one device each past the end.
      addresses.put(ip, pool.get(n % pool.size()).ip());
    });
    return addresses;
  }

  private static List<Device> shuffled(List<Device> devices, SplittableRandom random) {
    List<Device> list = new ArrayList<>(devices);
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Device swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
    return list;
  }

  private static String[] rewrite(Capture.Log log, String[] row, Map<String, String> addresses, long shift) {
    String[] out = row.clone();
    for (int i = 0; i < out.length && i < log.types().size(); i++) {
      String type = log.types().get(i);
      String value = out[i];
      if (value.equals("-") || value.equals("(empty)")) {
        continue;
      }
      if (type.equals("time")) {
        out[i] = shifted(value, shift);
      } else if (type.equals("addr")) {
        out[i] = addresses.getOrDefault(value, value);
      } else if (type.endsWith("[addr]")) {
        String[] items = value.split(",");
        for (int k = 0; k < items.length; k++) {
          items[k] = addresses.getOrDefault(items[k], items[k]);
        }
        out[i] = String.join(",", items);
      } else if (type.equals("string")) {
        out[i] = addresses.getOrDefault(value, value);
      }
    }
    return out;
  }

  private static String rewrite(ObjectNode record, Map<String, String> addresses, long shift) {
    ObjectNode out = record.deepCopy();
    for (Map.Entry<String, JsonNode> field : record.properties()) {
      JsonNode value = field.getValue();
      if (value.isTextual() && addresses.containsKey(value.asText())) {
        out.put(field.getKey(), addresses.get(value.asText()));
      } else if (value.isArray()) {
        ArrayNode items = out.putArray(field.getKey());
        value.forEach(item -> items.add(item.isTextual() && addresses.containsKey(item.asText())
            ? TextNode.valueOf(addresses.get(item.asText())) : item));
      }
    }
    JsonNode ts = record.get("ts");
    if (ts != null && ts.isNumber()) {
      out.put("ts", ts.decimalValue().add(BigDecimal.valueOf(shift / 1_000_000L)));
    } else if (ts != null && ts.isTextual()) {
      out.put("ts", Instant.parse(ts.asText()).plusSeconds(shift / 1_000_000L).toString());
    }
    return out.toString();
  }

  private static String shifted(String time, long shift) {
    int dot = time.indexOf('.');
    long seconds = Long.parseLong(dot < 0 ? time : time.substring(0, dot)) + shift / 1_000_000L;
    return dot < 0 ? Long.toString(seconds) : seconds + time.substring(dot);
  }

  private static Path write(Path simulation, Capture.Log log, long hour, List<String> rows, int n)
      throws IOException {
    Instant at = Instant.ofEpochSecond(hour * 3600);
    LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
    int h = (int) Math.floorMod(hour, 24L);
    Path folder = Files.createDirectories(simulation.resolve(date.toString()));
    // The simulator's hour stamp puts these records in the same period as the simulated ones, merged by time.
    String stamp = String.format("%02d:00:00-%02d:00:00", h, (h + 1) % 24);
    Path file = folder.resolve(log.path() + ".implant" + n + "." + stamp + ".log");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      // A JSON log has no header: each line is a record.
      for (String line : log.header()) {
        out.write(line);
        out.write('\n');
      }
      for (String row : rows) {
        out.write(row);
        out.write('\n');
      }
    }
    return file;
  }
}
