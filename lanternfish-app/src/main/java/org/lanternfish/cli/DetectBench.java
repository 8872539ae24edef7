package org.lanternfish.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.embedded.TimeOrderedReader;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SyntheticEvents;

/**
 * The figures of {@code bench detect}: parse + detect throughput on a simulated organisation's Zeek logs, and the
 * detection core's state per device with many devices.
 *
 * <p>Throughput is given per wall second and per CPU second of the whole process (reader threads, shard threads,
 * JIT and garbage collector), the latter being the per-core figure on a machine shared with other work.
 */
final class DetectBench {
  private static final long SEED = 1;
  private static final int WARM_UP_PASSES = 4;
  /** Each figure is the median of this many timed runs. */
  private static final int REPEATS = 3;
  private static final int[] THREADS = {1, 2};
  /** Written last into a copy of the logs, so an interrupted copy is made again. */
  private static final String DONE = ".complete";

  private final DetectConfig config = DetectConfig.defaults();

  /** Parse and detect over one simulated day of {@code devices} devices, cached under {@code scratch}. */
  Map<String, Object> throughput(Path scratch, int devices) throws IOException {
    Path logs = simulatedDay(scratch, devices);
    // Zeek writes its current logs as plain text and gzips them when it archives them: measure both.
    Map<String, List<Path>> inputsByForm = new LinkedHashMap<>();
    inputsByForm.put("plain", EvalCommand.simulationInputs(uncompressedCopy(logs)));
    inputsByForm.put("gzip", EvalCommand.simulationInputs(logs));
    List<Path> plain = inputsByForm.get("plain");
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("simulatedDevices", devices);
    figures.put("logs", logs.toString());
    figures.put("repeats", REPEATS);

    // A long-running process measured after the JIT has compiled the hot paths and the heap has settled, as JMH
    // does with warm-up iterations: the first passes over a day run at half the speed of later ones.
    System.err.printf("Warming up: %d passes of parse + detect ...%n", WARM_UP_PASSES);
    long records = 0;
    for (int i = 0; i < WARM_UP_PASSES; i++) {
      records = parseDetect(plain, 1 + i % THREADS.length)[1];
    }
    figures.put("records", records);

    List<Map<String, Object>> parseOnly = new ArrayList<>();
    List<Map<String, Object>> parseDetect = new ArrayList<>();
    for (Map.Entry<String, List<Path>> form : inputsByForm.entrySet()) {
      Map<String, Object> parse = new LinkedHashMap<>();
      parse.put("input", form.getKey());
      long expected = records;
      parse.putAll(Timing.median(REPEATS, () -> {
        long[] count = {0};
        TimeOrderedReader.read(form.getValue(), e -> count[0]++, new IngestReport(), (file, bytes) -> {});
        if (count[0] != expected) {
          throw new IllegalStateException("read " + count[0] + " records, then " + expected + " from the same logs");
        }
      }).rates(records, "records"));
      parseOnly.add(parse);
      for (int threads : THREADS) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("input", form.getKey());
        run.put("threads", threads);
        long[] breaches = {0};
        run.putAll(Timing.median(REPEATS, () -> breaches[0] = parseDetect(form.getValue(), threads)[0])
            .rates(records, "records"));
        run.put("breaches", breaches[0]);
        parseDetect.add(run);
      }
    }
    figures.put("parseOnly", parseOnly);
    figures.put("parseDetect", parseDetect);

    // Events parsed into memory first, so detection is timed without reading, gzip or parsing.
    List<Event> events = new ArrayList<>();
    IngestReport report = new IngestReport();
    Timing toMemory = Timing.of(() -> TimeOrderedReader.read(plain, events::add, report, (file, bytes) -> {}));
    if (report.totalMalformed() > 0 || events.size() != records) {
      throw new IllegalStateException("the simulated logs did not parse cleanly: " + report.toJson());
    }
    figures.put("parseIntoMemory", toMemory.rates(events.size(), "records"));
    List<Map<String, Object>> detectOnly = new ArrayList<>();
    for (int threads : THREADS) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("threads", threads);
      run.putAll(Timing.median(REPEATS, () -> detect(events, threads)).rates(events.size(), "events"));
      detectOnly.add(run);
    }
    figures.put("detectOnly", detectOnly);
    events.clear();
    return figures;
  }

  /** One simulated day of {@code devices} devices as gzip'd Zeek logs under {@code scratch}, made once and kept. */
  static Path simulatedDay(Path scratch, int devices) throws IOException {
    Path logs = scratch.resolve("simulated-" + devices + "-devices-1-day-seed-" + SEED);
    if (!Files.exists(logs.resolve("truth.json"))) {
      System.err.printf("Simulating one day of %,d devices into %s (kept for the next run) ...%n", devices, logs);
      SimulateCommand.simulate(SEED, 1, devices, List.of("none"), Format.TSV, null, logs, false);
    }
    return logs;
  }

  /** A copy of the simulated logs with every {@code .log.gz} decompressed, made once beside them. */
  private static Path uncompressedCopy(Path logs) throws IOException {
    Path plain = logs.resolveSibling(logs.getFileName() + "-plain");
    if (Files.exists(plain.resolve(DONE))) {
      return plain;
    }
    System.err.printf("Decompressing the simulated logs into %s (kept for the next run) ...%n", plain);
    try (Stream<Path> walk = Files.walk(logs)) {
      for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".log.gz"))::iterator) {
        String name = logs.relativize(file).toString();
        Path target = plain.resolve(name.substring(0, name.length() - ".gz".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(plain.resolve(DONE), "");
    return plain;
  }

  /** Learned state per device after {@code perDevice} synthetic events from each of {@code devices} devices. */
  Map<String, Object> state(int devices, int perDevice) {
    long before = usedHeap();
    try (EmbeddedDetector runner = new EmbeddedDetector(config, 1)) {
      SyntheticEvents.generate(devices, perDevice, SEED, runner::onEvent);
      runner.flush();
      long heap = usedHeap() - before;
      int identified = runner.devices();
      long snapshot = runner.snapshot().length;
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("devices", devices);
      figures.put("eventsPerDevice", perDevice);
      figures.put("identifiedDevices", identified);
      figures.put("heapBytesPerDevice", heap / Math.max(1, identified));
      figures.put("snapshotBytesPerDevice", snapshot / Math.max(1, identified));
      return figures;
    }
  }

  /** The figures as a table for people. */
  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> figures) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("One simulated day of %,d devices: %,d records (%s); %d cores; median of %d runs"
            + " after %d warm-up passes%n", figures.get("simulatedDevices"), figures.get("records"),
        figures.get("logs"), figures.get("cores"), figures.get("repeats"), WARM_UP_PASSES));
    out.append(String.format("  %-34s %14s %16s%n", "", "per second", "per CPU-second"));
    for (Map<String, Object> run : (List<Map<String, Object>>) figures.get("parseOnly")) {
      row(out, "parse only, " + run.get("input"), run, "records");
    }
    for (Map<String, Object> run : (List<Map<String, Object>>) figures.get("parseDetect")) {
      row(out, "parse + detect, " + run.get("input") + ", " + threads(run), run, "records");
    }
    row(out, "parse into memory", (Map<String, Object>) figures.get("parseIntoMemory"), "records");
    for (Map<String, Object> run : (List<Map<String, Object>>) figures.get("detectOnly")) {
      row(out, "detect only (in memory), " + threads(run), run, "events");
    }
    out.append("State per device (synthetic traffic, 1 detection thread)\n");
    for (Map<String, Object> state : (List<Map<String, Object>>) figures.get("state")) {
      out.append(String.format("  %,9d devices x %d events (%,d identified): heap %,d B/device, snapshot %,d"
              + " B/device%n", state.get("devices"), state.get("eventsPerDevice"), state.get("identifiedDevices"),
          state.get("heapBytesPerDevice"), state.get("snapshotBytesPerDevice")));
    }
    out.append(String.format("Peak heap %,d MiB of at most %,d MiB%n", (long) figures.get("peakHeapBytes") >> 20,
        (long) figures.get("maxHeapBytes") >> 20));
    return out.toString().stripTrailing();
  }

  private static String threads(Map<String, Object> run) {
    return run.get("threads") + ((int) run.get("threads") == 1 ? " thread" : " threads");
  }

  private static void row(StringBuilder out, String label, Map<String, Object> rates, String unit) {
    out.append(String.format("  %-34s %,14.0f %,16.0f  %s%n", label, rates.get(unit + "PerSecond"),
        rates.get(unit + "PerCpuSecond"), unit));
  }

  /** Reads the inputs in time order into detection; returns the number of breaches and of records. */
  private long[] parseDetect(List<Path> inputs, int threads) throws IOException {
    try (EmbeddedDetector runner = new EmbeddedDetector(config, threads)) {
      long[] found = {0, 0};
      TimeOrderedReader.read(inputs, e -> {
        found[0] += runner.onEvent(e).size();
        found[1]++;
      }, new IngestReport(), (file, bytes) -> {});
      found[0] += runner.flush().size();
      return found;
    }
  }

  private void detect(List<Event> events, int threads) {
    try (EmbeddedDetector runner = new EmbeddedDetector(config, threads)) {
      for (Event e : events) {
        runner.onEvent(e);
      }
      runner.flush();
    }
  }

  /** The most heap this process has used so far (each pool's peak, summed: an upper bound). */
  static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** Heap in use once the garbage collector has taken everything unreachable. */
  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
