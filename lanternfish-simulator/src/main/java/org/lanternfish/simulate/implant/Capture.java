package org.lanternfish.simulate.implant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A real recording's Zeek logs (TSV or JSON, plain, gzip'd or Stratosphere's {@code .labeled}), read whole, with what
 * the implant needs from them: their time span, record ids, per-record labels when the recording has them, and the
 * roles of its internal devices inferred from their own traffic.
 *
 * @param folder where the logs were read from
 * @param logs each log file's header and rows
 * @param skipped files that are not Zeek logs, which the implant leaves out
 */
public record Capture(Path folder, List<Log> logs, List<Path> skipped) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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
   * @param objects the records of a JSON log, one object each (then header, fields, types and rows are empty)
   */
  public record Log(String name, String path, List<String> header, List<String> fields, List<String> types,
      List<String[]> rows, List<ObjectNode> objects) {

    /** The index of field {@code name}, or -1. */
    public int field(String name) {
      return fields.indexOf(name);
    }

    /** True when the log is Zeek JSON, one object a line. */
    public boolean json() {
      return !objects.isEmpty();
    }

    /** Number of records. */
    public int size() {
      return json() ? objects.size() : rows.size();
    }

    /** The value of {@code field} in record {@code row} as Zeek wrote it, or null when unset. */
    public String value(int row, String field) {
      if (json()) {
        JsonNode node = objects.get(row).get(field);
        return node == null || node.isNull() ? null : node.isNumber() ? node.decimalValue().toPlainString()
            : node.isBoolean() ? (node.booleanValue() ? "T" : "F") : node.asText();
      }
      int i = fields.indexOf(field);
      String[] values = rows.get(row);
      return i < 0 || i >= values.length || values[i].equals("-") ? null : values[i];
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
      reader.mark(1 << 16);
      int first = reader.read();
      reader.reset();
      return first == '{' ? readJson(file, reader) : readTsv(file, reader);
    }
  }

  private static Log readJson(Path file, BufferedReader reader) throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isBlank()) {
        try {
          if (JSON.readTree(line) instanceof ObjectNode object) {
            objects.add(object);
          }
        } catch (JsonProcessingException malformed) {
          // Detection reports malformed lines; the implant only carries what parses.
        }
      }
    }
    String name = file.getFileName().toString();
    String path = objects.isEmpty() || !objects.getFirst().has("_path") ? name.substring(0, name.indexOf('.'))
        : objects.getFirst().get("_path").asText();
    return objects.isEmpty() ? null
        : new Log(name, path, List.of(), List.of(), List.of(), List.of(), objects);
  }

  private static Log readTsv(Path file, BufferedReader reader) throws IOException {
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
        : new Log(file.getFileName().toString(), path, header, fields, types, rows, List.of());
  }

  /** The first and last record time, in microseconds since the epoch. */
  public long[] span() {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Log log : logs) {
      for (int r = 0; r < log.size(); r++) {
        String ts = log.value(r, "ts");
        if (ts != null) {
          long micros = micros(ts);
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
      for (int r = 0; r < log.size(); r++) {
        String uid = log.value(r, "uid");
        String label = log.value(r, "label");
        if (uid != null && label != null) {
          labels.put(uid, label);
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
      for (int r = 0; r < log.size(); r++) {
        String orig = log.value(r, "id.orig_h");
        String resp = log.value(r, "id.resp_h");
        if (orig == null || resp == null) {
          continue;
        }
        boolean origInside = isPrivate(orig) || "T".equals(log.value(r, "local_orig"));
        boolean respInside = isPrivate(resp) || "T".equals(log.value(r, "local_resp"));
        if (origInside) {
          activity.computeIfAbsent(orig, a -> new int[2])[0]++;
        }
        if (respInside) {
          activity.computeIfAbsent(resp, a -> new int[2])[1]++;
          String port = log.value(r, "id.resp_p");
          // Only what it answered for its own network makes a role: the internet probes every port of every device.
          if (origInside && port != null && log.path().equals("conn") && answered(log, r)) {
            answered.computeIfAbsent(resp, a -> new HashMap<>())
                .computeIfAbsent(orig, a -> new ArrayList<>()).add(Integer.parseInt(port));
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

  private static boolean answered(Log log, int r) {
    String state = log.value(r, "conn_state");
    String bytes = log.value(r, "resp_bytes");
    // Real captures start mid-connection (OTH, SHR, RSTRH): every state but those where the responder never spoke.
    return state == null ? bytes != null && !bytes.equals("0")
        : !List.of("S0", "REJ", "RSTOS0", "SH").contains(state);
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
    logs.forEach(log -> counts.merge(log.path(), log.size(), Integer::sum));
    return counts;
  }
}
