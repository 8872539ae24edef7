package org.lanternfish.simulate.implant;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A real recording's Zeek TSV logs (plain, gzip'd or Stratosphere's {@code .labeled}), read whole, with what the
 * implant needs from them: their time span, record ids, per-record labels when the recording has them, and the
 * roles of its internal devices inferred from their own traffic.
 *
 * @param folder where the logs were read from
 * @param logs each log file's header and rows
 * @param skipped files that are not Zeek TSV (JSON, captures), which the implant leaves out
 */
public record Capture(Path folder, List<Log> logs, List<Path> skipped) {
  private static final List<Integer> DIRECTORY_PORTS = List.of(88, 389, 636, 3268);
  private static final List<Integer> SERVER_PORTS = List.of(21, 22, 80, 135, 139, 443, 445, 1433, 3389, 5985, 8080);

  /** Makes the lists immutable. */
  public Capture {
    logs = List.copyOf(logs);
    skipped = List.copyOf(skipped);
  }

  /**
   * One log file of the recording.
   *
   * @param name the file's name, such as {@code conn.log.gz}
   * @param path the log's {@code #path}, such as {@code conn}
   * @param header the header lines as written
   * @param fields the field names
   * @param types the field types ({@code time}, {@code addr}, {@code set[addr]}...)
   * @param rows the records, split into fields
   */
  public record Log(String name, String path, List<String> header, List<String> fields, List<String> types,
      List<String[]> rows) {

    /** The index of field {@code name}, or -1. */
    public int field(String name) {
      return fields.indexOf(name);
    }
  }

  /** What a device of the recording does, as its own traffic shows. */
  public enum Role {
    /** Answers Kerberos or LDAP. */
    DOMAIN_CONTROLLER,
    /** Answers server ports for several peers, or answers more than it opens. */
    SERVER,
    /** Everything else. */
    CLIENT
  }

  /** Reads every Zeek TSV log under {@code folder} (or the one file {@code folder} names). */
  public static Capture read(Path folder) throws IOException {
    List<Path> files;
    if (Files.isDirectory(folder)) {
      try (Stream<Path> walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
    } else {
      files = List.of(folder);
    }
    List<Log> logs = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!name.matches(".*\\.(log|labeled)(\\.gz)?$|.*\\.log\\..*\\.gz$")) {
        continue;
      }
      Log log = readLog(file);
      if (log == null) {
        skipped.add(file);
      } else {
        logs.add(log);
      }
    }
    return new Capture(folder, logs, skipped);
  }

  private static Log readLog(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> header = new ArrayList<>();
      List<String> fields = null;
      List<String> types = null;
      String path = null;
      List<String[]> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#")) {
          if (line.startsWith("#close")) {
            continue;
          }
          header.add(line);
          String[] parts = line.split("\t");
          switch (parts[0]) {
            case "#fields" -> fields = List.of(Arrays.copyOfRange(parts, 1, parts.length));
            case "#types" -> types = List.of(Arrays.copyOfRange(parts, 1, parts.length));
            case "#path" -> path = parts.length > 1 ? parts[1] : null;
            default -> { }
          }
        } else if (fields == null) {
          return null;
        } else if (!line.isEmpty()) {
          rows.add(line.split("\t", -1));
        }
      }
      return fields == null || types == null || path == null ? null
          : new Log(file.getFileName().toString(), path, header, fields, types, rows);
    }
  }

  /** The first and last record time, in microseconds since the epoch. */
  public long[] span() {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Log log : logs) {
      int ts = log.field("ts");
      for (String[] row : log.rows()) {
        if (ts >= 0 && ts < row.length && !row[ts].equals("-")) {
          long micros = micros(row[ts]);
          first = Math.min(first, micros);
          last = Math.max(last, micros);
        }
      }
    }
    return new long[] {first, last};
  }

  /** The label of each record by its uid when the recording is labelled (Stratosphere's {@code label} field). */
  public Map<String, String> labels() {
    Map<String, String> labels = new HashMap<>();
    for (Log log : logs) {
      int uid = log.field("uid");
      int label = log.field("label");
      if (uid >= 0 && label >= 0) {
        for (String[] row : log.rows()) {
          if (label < row.length) {
            labels.put(row[uid], row[label]);
          }
        }
      }
    }
    return labels;
  }

  /**
   * The recording's internal addresses and what each does: private addresses, and those Zeek marked local
   * ({@code local_orig}, {@code local_resp}), ordered by how many connections they took part in.
   */
  public Map<String, Role> devices() {
    Map<String, int[]> activity = new HashMap<>();
    Map<String, Map<String, List<Integer>>> answered = new HashMap<>();
    for (Log log : logs) {
      int orig = log.field("id.orig_h");
      int resp = log.field("id.resp_h");
      int port = log.field("id.resp_p");
      int localOrig = log.field("local_orig");
      int localResp = log.field("local_resp");
      if (orig < 0 || resp < 0) {
        continue;
      }
      for (String[] row : log.rows()) {
        boolean origInside = isPrivate(row[orig]) || localOrig >= 0 && "T".equals(row[localOrig]);
        boolean respInside = isPrivate(row[resp]) || localResp >= 0 && "T".equals(row[localResp]);
        if (origInside) {
          activity.computeIfAbsent(row[orig], a -> new int[2])[0]++;
        }
        if (respInside) {
          activity.computeIfAbsent(row[resp], a -> new int[2])[1]++;
          if (port >= 0 && log.path().equals("conn") && !row[port].equals("-")) {
            answered.computeIfAbsent(row[resp], a -> new HashMap<>())
                .computeIfAbsent(row[orig], a -> new ArrayList<>()).add(Integer.parseInt(row[port]));
          }
        }
      }
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    activity.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
        .forEach(e -> roles.put(e.getKey(), role(answered.getOrDefault(e.getKey(), Map.of()), e.getValue())));
    return roles;
  }

  private static Role role(Map<String, List<Integer>> answered, int[] activity) {
    boolean directory = answered.values().stream().flatMap(List::stream).anyMatch(DIRECTORY_PORTS::contains);
    if (directory) {
      return Role.DOMAIN_CONTROLLER;
    }
    long serverPeers = answered.values().stream().filter(ports -> ports.stream().anyMatch(SERVER_PORTS::contains))
        .count();
    // A victim answers its attacker's SMB or RPC too: one peer is not enough to make a client a server.
    return serverPeers >= 3 || activity[1] > activity[0] && serverPeers > 0 ? Role.SERVER : Role.CLIENT;
  }

  /** True for addresses of private space (RFC 1918, unique-local and link-local IPv6). */
  static boolean isPrivate(String ip) {
    if (ip.startsWith("10.") || ip.startsWith("192.168.") || ip.startsWith("fd") || ip.startsWith("fe80:")) {
      return true;
    }
    if (ip.startsWith("172.")) {
      String[] parts = ip.split("\\.");
      int second = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return second >= 16 && second <= 31;
    }
    return false;
  }

  /** Microseconds of a Zeek {@code time} value such as {@code 1692161622.036086}. */
  static long micros(String time) {
    int dot = time.indexOf('.');
    if (dot < 0) {
      return Long.parseLong(time) * 1_000_000L;
    }
    String fraction = (time.substring(dot + 1) + "000000").substring(0, 6);
    return Long.parseLong(time.substring(0, dot)) * 1_000_000L + Long.parseLong(fraction);
  }

  /** Record counts per log path, for reports. */
  public Map<String, Integer> records() {
    Map<String, Integer> counts = new TreeMap<>();
    logs.forEach(log -> counts.merge(log.path(), log.rows().size(), Integer::sum));
    return counts;
  }
}
