package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lanternfish.embedded.StoreWriter;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogReader;
import org.lanternfish.ingest.SyntheticConnLog;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.store.DuckDbEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish bench}: throughput benchmarks that print records/s, never timed tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure throughput. 'bench ingest' writes a synthetic 21-column Zeek conn.log and reports, in one run:"
          + " records/s parsing only (one core); records/s parse + store into a fresh embedded store; DuckDB's own"
          + " read_csv load of the same file through JDBC; and the ratio of ours to DuckDB's.",
      "'bench detect' measures the detection target (parse + detect >= 1M records/s per core, <= 4 KiB of state"
          + " per device): it simulates one day of an organisation as Zeek logs (kept in DIR for the next run, gzip'd"
          + " as Zeek archives them and decompressed as Zeek writes its current logs), warms up with four passes of"
          + " parse + detect, and reports the median of three runs in records/s per wall second and per CPU second of"
          + " the process for parsing only and parse + detect (plain and gzip'd logs, 1 and 2 detection threads), and"
          + " for detection alone on events already in memory; then heap and"
          + " snapshot bytes per device after synthetic traffic from each number of --state-devices. It holds the"
          + " simulated day in memory (about 2.6 million records at the defaults, with a peak heap of about 2.6 GB)"
          + " and prints the peak heap it used; the JVM's default maximum heap is a quarter of the machine's memory."
          + " The state figures alone fit in a 1 GB heap at 100,000 devices."
    })
final class BenchCommand implements Callable<Integer> {
  private static final String DETECT_DIR = "lanternfish-data/bench";

  @Parameters(index = "0", paramLabel = "WHAT", description = "What to measure: ingest or detect.")
  String what;

  @Option(names = "--lines", defaultValue = "5000000", description = "ingest: lines of conn.log (default:"
      + " ${DEFAULT-VALUE}).")
  long lines;

  @Option(names = "--devices", defaultValue = "2000", description = "detect: devices of the simulated organisation"
      + " (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--state-devices", split = ",", paramLabel = "N", defaultValue = "10000,100000",
      description = "detect: numbers of devices to measure state per device at (default: ${DEFAULT-VALUE}).")
  List<Integer> stateDevices;

  @Option(names = "--events-per-device", defaultValue = "20", description = "detect: synthetic events per device"
      + " for the state figures (default: ${DEFAULT-VALUE}).")
  int eventsPerDevice;

  @Option(names = "--dir", paramLabel = "DIR", description = "Scratch directory (default for ingest: a temporary"
      + " one, removed afterwards; for detect: " + DETECT_DIR + ", where the simulated logs are kept).")
  Path dir;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (what.equals("detect")) {
      return detect();
    }
    if (!what.equals("ingest")) {
      throw new CommandFailure(ExitCode.USAGE, "unknown benchmark '" + what + "'; known: ingest, detect");
    }
    CommandFailure.requireWithin("--lines", lines, 1, 10_000_000_000L);
    if (lines < 1) {
      throw new CommandFailure(ExitCode.USAGE, "--lines must be at least 1");
    }
    boolean temporary = dir == null;
    Path scratch = temporary ? Files.createTempDirectory("lanternfish-bench") : Files.createDirectories(dir);
    try {
      Map<String, Object> figures = ingest(scratch);
      if (json) {
        System.out.println(Output.json(figures));
      } else {
        System.out.printf("conn.log: %,d lines, %,.0f MiB%n", figures.get("lines"),
            (long) figures.get("fileBytes") / 1048576.0);
        System.out.printf("  parse only (1 core)        %,12.0f records/s%n", figures.get("parseRecordsPerSecond"));
        System.out.printf("  parse + store              %,12.0f records/s%n", figures.get("storeRecordsPerSecond"));
        System.out.printf("  DuckDB read_csv via JDBC   %,12.0f records/s%n", figures.get("readCsvRecordsPerSecond"));
        System.out.printf("  ours / DuckDB read_csv     %12.2f%n", figures.get("ratio"));
      }
    } finally {
      if (temporary) {
        delete(scratch);
      }
    }
    return ExitCode.OK;
  }

  private int detect() throws IOException {
    CommandFailure.requireWithin("--devices", devices, 1, 1_000_000);
    CommandFailure.requireWithin("--events-per-device", eventsPerDevice, 1, 100_000);
    stateDevices.forEach(n -> CommandFailure.requireWithin("--state-devices", n, 1, 10_000_000));
    if (devices < Organisation.MIN_DEVICES || eventsPerDevice < 1 || stateDevices.stream().anyMatch(n -> n < 1)) {
      throw new CommandFailure(ExitCode.USAGE, "--devices must be at least " + Organisation.MIN_DEVICES
          + ", --state-devices and --events-per-device at least 1");
    }
    Path scratch = Files.createDirectories(dir != null ? dir : Path.of(DETECT_DIR));
    DetectBench bench = new DetectBench();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    figures.putAll(bench.throughput(scratch, devices));
    List<Map<String, Object>> state = new ArrayList<>();
    for (int n : stateDevices) {
      System.err.printf("Measuring state with %,d devices x %d events ...%n", n, eventsPerDevice);
      state.add(bench.state(n, eventsPerDevice));
    }
    figures.put("state", state);
    figures.put("peakHeapBytes", DetectBench.peakHeap());
    System.out.println(json ? Output.json(figures) : DetectBench.render(figures));
    return ExitCode.OK;
  }

  private Map<String, Object> ingest(Path scratch) throws IOException {
    Path log = scratch.resolve("conn.log");
    System.err.printf("Writing %,d lines of conn.log to %s ...%n", lines, log);
    SyntheticConnLog.write(log, lines, 42);

    // A first pass warms the JIT and the page cache so the measured passes compare like with like.
    LogReader.readFile(log, event -> {}, new IngestReport());
    long[] count = {0};
    IngestReport parseReport = new IngestReport();
    long start = System.nanoTime();
    LogReader.readFile(log, event -> count[0]++, parseReport);
    double parseSeconds = (System.nanoTime() - start) / 1e9;
    requireClean(parseReport, count[0]);

    Path storeDir = scratch.resolve("store");
    IngestReport storeReport = new IngestReport();
    double storeSeconds;
    try (DuckDbEventStore store = DuckDbEventStore.open(storeDir)) {
      start = System.nanoTime();
      try (StoreWriter writer = new StoreWriter(store)) {
        LogReader.readFile(log, writer, storeReport);
      }
      storeSeconds = (System.nanoTime() - start) / 1e9;
    }
    requireClean(storeReport, storeReport.totalRecords());

    Path csvDir = scratch.resolve("read-csv");
    long csvRows;
    double csvSeconds;
    try (DuckDbEventStore store = DuckDbEventStore.open(csvDir)) {
      start = System.nanoTime();
      csvRows = store.loadWithReadCsv(log);
      csvSeconds = (System.nanoTime() - start) / 1e9;
    }
    if (csvRows != lines) {
      throw new IllegalStateException("read_csv loaded " + csvRows + " rows of " + lines);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("lines", lines);
    figures.put("fileBytes", Files.size(log));
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("parseRecordsPerSecond", lines / parseSeconds);
    figures.put("storeRecordsPerSecond", lines / storeSeconds);
    figures.put("readCsvRecordsPerSecond", lines / csvSeconds);
    figures.put("ratio", csvSeconds / storeSeconds);
    return figures;
  }

  private void requireClean(IngestReport report, long records) {
    if (report.totalMalformed() > 0 || records != lines) {
      throw new IllegalStateException("the synthetic log did not parse cleanly: " + report.toJson());
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
