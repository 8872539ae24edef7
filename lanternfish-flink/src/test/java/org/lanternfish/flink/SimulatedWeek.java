package org.lanternfish.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Incident;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.Event;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.Simulator;

/**
 * A simulated week of a small organisation with the S2 and S3 intrusions, as Zeek's Kafka writer would publish it:
 * every record wrapped in an object keyed by its log name, in time order (ties by log name, then file order); and
 * what the embedded runner finds in exactly those records.
 */
final class SimulatedWeek {
  static final int LEARNING_DAYS = 2;

  final List<byte[]> records;
  final List<Breach> breaches;
  final List<Incident> incidents;
  /** Wall seconds the embedded runner (one thread) took to parse and detect the records. */
  final double embeddedSeconds;

  private SimulatedWeek(List<byte[]> records, List<Breach> breaches, List<Incident> incidents,
      double embeddedSeconds) {
    this.records = records;
    this.breaches = breaches;
    this.incidents = incidents;
    this.embeddedSeconds = embeddedSeconds;
  }

  static SimulatedWeek make(Path dir, JobSettings settings) throws IOException {
    return make(dir, settings, 20);
  }

  /** The week of an organisation of {@code devices} devices (the benchmark's larger inputs). */
  static SimulatedWeek make(Path dir, JobSettings settings, int devices) throws IOException {
    Simulator.run(new SimulationConfig(11, 7, devices, List.of("S2@3", "S3@5"), dir, Format.JSON,
        SimulationConfig.DEFAULT_START), (done, total, records, note) -> { });
    record Line(double ts, String log, long order, byte[] wrapped) {}
    List<Line> lines = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".log.gz")).sorted().toList();
    }
    long order = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String log = name.substring(0, name.indexOf('.'));
      List<String> text;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      }
      for (String line : text) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode ts = Json.MAPPER.readTree(line).get("ts");
        String wrapped = "{\"" + log + "\": " + line + "}";
        lines.add(new Line(ts == null ? 0 : ts.asDouble(), log, order++,
            wrapped.getBytes(StandardCharsets.UTF_8)));
      }
    }
    lines.sort(Comparator.comparingDouble(Line::ts).thenComparing(Line::log).thenComparingLong(Line::order));
    List<byte[]> records = lines.stream().map(Line::wrapped).toList();

    return detect(records, settings.detectConfig(), settings.analystConfig());
  }

  /** The same records as the embedded runner and the AI Analyst find them with these settings. */
  SimulatedWeek detectedWith(DetectConfig config, AnalystConfig analyst) {
    return detect(records, config, analyst);
  }

  private static SimulatedWeek detect(List<byte[]> records, DetectConfig config, AnalystConfig analyst) {
    long started = System.nanoTime();
    Records parser = new Records();
    List<Breach> breaches = new ArrayList<>();
    try (EmbeddedDetector detector = new EmbeddedDetector(config, 1)) {
      for (byte[] r : records) {
        for (Event e : parser.parse("zeek", r)) {
          breaches.addAll(detector.onEvent(e));
        }
      }
      breaches.addAll(detector.flush());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (parser.malformed() > 0) {
      throw new IllegalStateException(parser.malformed() + " simulated records did not parse");
    }
    breaches.sort(Comparator.comparingLong(Breach::ts).thenComparing(Breach::id));
    List<Incident> incidents =
        Analyst.thread(breaches, analyst, TradecraftProfiles.bundled());
    return new SimulatedWeek(records, breaches, incidents, seconds);
  }
}
