package org.lanternfish.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.lanternfish.simulate.zeek.ZeekArchive;

/** One small simulated run shared by the fabric tests, and a plain reader of the TSV logs it wrote. */
final class SimulatedRun {
  static final long SEED = 42;
  static final int DEVICES = 20;
  static final int DAYS = 4;
  /** A Friday, so the run covers a weekend and the Monday after it. */
  static final LocalDate START = LocalDate.of(2026, 11, 6);

  private static SimulatedRun shared;

  final Path dir;
  final SimulationResult result;
  private final Map<String, List<Map<String, String>>> rows = new HashMap<>();

  private SimulatedRun(Path dir, SimulationResult result) {
    this.dir = dir;
    this.result = result;
  }

  /** The shared run, simulated on first use into a temporary directory. */
  static synchronized SimulatedRun get() throws IOException {
    if (shared == null) {
      Path dir = Files.createTempDirectory("lanternfish-sim");
      SimulationConfig config =
          new SimulationConfig(SEED, DAYS, DEVICES, List.of("all"), dir, Format.TSV, START);
      shared = new SimulatedRun(dir, Simulator.run(config, ProgressListener.NONE));
    }
    return shared;
  }

  /** Every record of {@code log} as field name to raw TSV value, in file order. */
  synchronized List<Map<String, String>> rows(String log) {
    return rows.computeIfAbsent(log, name -> readTsv(dir, name));
  }

  static List<Map<String, String>> readTsv(Path dir, String log) {
    List<Map<String, String>> out = new ArrayList<>();
    try {
      for (Path file : ZeekArchive.files(dir)) {
        if (!file.getFileName().toString().startsWith(log + ".")) {
          continue;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
          String[] fields = null;
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("#fields\t")) {
              fields = line.substring(8).split("\t");
            } else if (!line.startsWith("#")) {
              String[] values = line.split("\t", -1);
              Map<String, String> row = new LinkedHashMap<>();
              for (int i = 0; i < fields.length; i++) {
                row.put(fields[i], values[i]);
              }
              out.add(row);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static long number(Map<String, String> row, String field) {
    return Long.parseLong(row.get(field));
  }
}
