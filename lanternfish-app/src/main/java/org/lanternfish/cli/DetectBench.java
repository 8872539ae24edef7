package org.lanternfish.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.EmbeddedRunner;
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
  private static final int WARM_UP_EVENTS = 200_000;
  private static final int WARM_UP_PERIODS = 2;
  private static final int[] THREADS = {1, 2};

  private final DetectConfig config = DetectConfig.defaults();

  /** Parse and detect over one simulated day of {@code devices} devices, cached under {@code scratch}. */
  Map<String, Object> throughput(Path scratch, int devices) throws IOException {
    Path logs = scratch.resolve("simulated-" + devices + "-devices-1-day-seed-" + SEED);
    if (!Files.exists(logs.resolve("truth.json"))) {
      System.err.printf("Simulating one day of %,d devices into %s (kept for the next run) ...%n", devices, logs);
      SimulateCommand.simulate(SEED, 1, devices, List.of("none"), Format.TSV, null, logs);
    }
    List<Path> inputs = EvalCommand.simulationInputs(logs);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("simulatedDevices", devices);
    figures.put("logs", logs.toString());

    // Parsing into memory first warms the parser and lets detection be timed without disk, gzip and parsing.
    List<Event> events = new ArrayList<>();
    IngestReport report = new IngestReport();
    Timing toMemory = Timing.of(() -> TimeOrderedReader.read(inputs, events::add, report, (file, bytes) -> {}));
    if (report.totalMalformed() > 0 || events.isEmpty()) {
      throw new IllegalStateException("the simulated logs did not parse cleanly: " + report.toJson());
    }
    figures.put("records", events.size());
    figures.put("parseIntoMemory", toMemory.rates(events.size(), "records"));
    detect(events.subList(0, Math.min(events.size(), WARM_UP_EVENTS)), 1);
    List<Map<String, Object>> detectOnly = new ArrayList<>();
    for (int threads : THREADS) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("threads", threads);
      run.putAll(Timing.of(() -> detect(events, threads)).rates(events.size(), "events"));
      detectOnly.add(run);
    }
    int records = events.size();
    events.clear();

    long[] count = {0};
    Timing parseOnly = Timing.of(() -> TimeOrderedReader.read(inputs, e -> count[0]++, new IngestReport(),
        (file, bytes) -> {}));
    if (count[0] != records) {
      throw new IllegalStateException("read " + count[0] + " records, then " + records + " from the same logs");
    }
    figures.put("parseOnly", parseOnly.rates(records, "records"));
    // The reader feeding detection directly is a new call path for the JIT: warm it on the first hours.
    List<List<Path>> periods = TimeOrderedReader.periods(inputs);
    parseDetect(periods.subList(0, Math.min(periods.size(), WARM_UP_PERIODS)).stream().flatMap(List::stream)
        .toList(), 1);
    List<Map<String, Object>> parseDetect = new ArrayList<>();
    for (int threads : THREADS) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("threads", threads);
      long[] breaches = {0};
      run.putAll(Timing.of(() -> breaches[0] = parseDetect(inputs, threads)).rates(records, "records"));
      run.put("breaches", breaches[0]);
      parseDetect.add(run);
    }
    figures.put("parseDetect", parseDetect);
    figures.put("detectOnly", detectOnly);
    return figures;
  }

  /** Learned state per device after {@code perDevice} synthetic events from each of {@code devices} devices. */
  Map<String, Object> state(int devices, int perDevice) {
    long before = usedHeap();
    try (EmbeddedRunner runner = new EmbeddedRunner(config, 1)) {
      SyntheticEvents.generate(devices, perDevice, SEED, runner::accept);
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
    out.append(String.format("One simulated day of %,d devices: %,d records (%s); %d cores%n",
        figures.get("simulatedDevices"), figures.get("records"), figures.get("logs"), figures.get("cores")));
    out.append(String.format("  %-34s %14s %16s%n", "", "per second", "per CPU-second"));
    row(out, "parse only", (Map<String, Object>) figures.get("parseOnly"), "records");
    for (Map<String, Object> run : (List<Map<String, Object>>) figures.get("parseDetect")) {
      row(out, "parse + detect, " + threads(run), run, "records");
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

  /** Reads the inputs in time order into detection; returns the number of breaches. */
  private long parseDetect(List<Path> inputs, int threads) throws IOException {
    try (EmbeddedRunner runner = new EmbeddedRunner(config, threads)) {
      long[] found = {0};
      TimeOrderedReader.read(inputs, e -> found[0] += runner.accept(e).size(), new IngestReport(),
          (file, bytes) -> {});
      return found[0] + runner.flush().size();
    }
  }

  private void detect(List<Event> events, int threads) {
    try (EmbeddedRunner runner = new EmbeddedRunner(config, threads)) {
      for (Event e : events) {
        runner.accept(e);
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

  /** Wall and process CPU time of one piece of work. */
  private record Timing(double seconds, double cpuSeconds) {
    interface Work {
      void run() throws IOException;
    }

    static Timing of(Work work) throws IOException {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      work.run();
      return new Timing((System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9);
    }

    Map<String, Object> rates(long count, String unit) {
      Map<String, Object> rates = new LinkedHashMap<>();
      rates.put("seconds", seconds);
      rates.put("cpuSeconds", cpuSeconds);
      rates.put(unit + "PerSecond", count / seconds);
      rates.put(unit + "PerCpuSecond", count / cpuSeconds);
      return rates;
    }

    private static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }
}
