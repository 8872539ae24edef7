package org.lanternfish.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
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
      "Measure throughput. 'bench ingest' writes a synthetic 21-column Zeek conn.log and reports, in one run, per"
          + " wall second and per CPU second of the process, each the median of five runs: records/s parsing only"
          + " (one core); records/s parse + store into a fresh embedded store (the bulk path every ingest stores"
          + " through, with DuckDB on every core as 'import-pcap' runs it; a batch 'ingest' gives DuckDB one core"
          + " beside detection) and DuckDB's own read_csv load of the same file through JDBC, taking turns; and the"
          + " ratio of ours to DuckDB's, the median of the five rounds' ratios. Then"
          + " (unless --no-simulated-day) whole 'ingest' (parse + detect + store) of the simulated day of 'bench"
          + " detect', the store's bytes per record against the gzip'd logs, and p50 / p95 latency of three Advanced"
          + " Search shapes on that store grown by copies of the day to --search-records records (50 million take a"
          + " few minutes and about 3 GB of disk).",
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
  /**
   * Runs of parsing, of our store path and of read_csv, which take turns; each figure is the median, the ratio the
   * median of the rounds' ratios. Single runs on a shared 2-core machine put the ratio anywhere from 0.73 to 0.85 for
   * the same build; with three rounds and the ratio of the medians, runs minutes apart gave 0.79 to 0.95.
   */
  private static final int INGEST_ROUNDS = 5;

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
      + " one, removed afterwards, with the simulated day kept in " + DETECT_DIR + "; for detect: " + DETECT_DIR
      + ", where the simulated logs are kept).")
  Path dir;

  @Option(names = "--simulated-day", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "ingest: also ingest the simulated day of 'bench detect' (--devices devices) whole, with"
          + " bytes per record and search latency (default: ${DEFAULT-VALUE}).")
  boolean whole;

  @Option(names = "--search-records", defaultValue = "50000000", paramLabel = "N", description = "ingest: grow the"
      + " simulated day's store by copies of the day to at least N records and time Advanced Search on it; 0 skips"
      + " the searches (default: ${DEFAULT-VALUE}).")
  long searchRecords;

  @Option(names = "--retention-month", description = "ingest: also live a copy of the simulated day's store through"
      + " 30 days (each a copy of the day before) with 7 days of retention, and print its records, file size and"
      + " search latency after each day.")
  boolean retentionMonth;

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
    CommandFailure.requireWithin("--search-records", searchRecords, 0, 10_000_000_000L);
    if (lines < 1) {
      throw new CommandFailure(ExitCode.USAGE, "--lines must be at least 1");
    }
    boolean temporary = dir == null;
    Path scratch = temporary ? Files.createTempDirectory("lanternfish-bench") : Files.createDirectories(dir);
    try {
      Map<String, Object> figures = ingest(scratch);
      if (!json) {
        printBulkLoad(figures);
      }
      if (whole) {
        Map<String, Object> day = wholeIngest(scratch);
        figures.put("simulatedDay", day);
        if (!json) {
          printWholeIngest(day);
        }
      }
      if (json) {
        System.out.println(Output.json(figures));
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

    // A first pass through parse and store warms the JIT and the page cache so the measured passes compare like with
    // like: DuckDB's read_csv has no JIT to warm, and compiling the store path cost 0.5 to 1 CPU second in a 1M run.
    try (DuckDbEventStore warmUp = DuckDbEventStore.open(scratch.resolve("warm-up"));
        StoreWriter writer = new StoreWriter(warmUp)) {
      LogReader.readFile(log, writer, new IngestReport());
    }
    delete(scratch.resolve("warm-up"));
    System.err.printf("Parsing, then storing and loading with read_csv in turns, %d runs each ...%n", INGEST_ROUNDS);
    long[] count = {0};
    Timing parse = Timing.median(INGEST_ROUNDS, () -> {
      count[0] = 0;
      IngestReport parseReport = new IngestReport();
      LogReader.readFile(log, event -> count[0]++, parseReport);
      requireClean(parseReport, count[0]);
    });

    // Our store path and DuckDB's read_csv take turns, each into a fresh store, so a spell of load on a shared machine
    // falls on both; each figure is the run of median CPU time. The bulk store path: events streamed by StoreWriter
    // into one transaction, committed at the end, with DuckDB on every core (a batch ingest runs the same writer
    // with DuckDB on its store thread alone, so detection keeps the other core).
    List<Timing> stores = new ArrayList<>();
    List<Timing> csvs = new ArrayList<>();
    for (int round = 0; round < INGEST_ROUNDS; round++) {
      Path storeDir = scratch.resolve("store");
      IngestReport storeReport = new IngestReport();
      try (DuckDbEventStore target = DuckDbEventStore.open(storeDir)) {
        stores.add(Timing.of(() -> {
          try (StoreWriter writer = new StoreWriter(target)) {
            LogReader.readFile(log, writer, storeReport);
          }
        }));
      }
      requireClean(storeReport, storeReport.totalRecords());
      delete(storeDir);

      Path csvDir = scratch.resolve("read-csv");
      long[] csvRows = {0};
      try (DuckDbEventStore target = DuckDbEventStore.open(csvDir)) {
        csvs.add(Timing.of(() -> csvRows[0] = target.loadWithReadCsv(log)));
      }
      if (csvRows[0] != lines) {
        throw new IllegalStateException("read_csv loaded " + csvRows[0] + " rows of " + lines);
      }
      delete(csvDir);
    }
    Timing store = Timing.median(stores);
    Timing csv = Timing.median(csvs);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("lines", lines);
    figures.put("fileBytes", Files.size(log));
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("parse", parse.rates(lines, "records"));
    figures.put("parseAndStore", store.rates(lines, "records"));
    figures.put("readCsv", csv.rates(lines, "records"));
    figures.put("ratio", Timing.medianRatio(csvs, stores, Timing::seconds));
    figures.put("cpuRatio", Timing.medianRatio(csvs, stores, Timing::cpuSeconds));
    return figures;
  }

  /**
   * Whole {@code ingest} (parse + detect + store, every model) of the simulated day of {@code bench detect}, the bytes
   * its store takes per record against the gzip'd logs, then Advanced Search latency on that store grown by copies
   * of the day to {@code searchRecords} records.
   */
  private Map<String, Object> wholeIngest(Path scratch) throws IOException {
    Path logs = DetectBench.simulatedDay(dir != null ? dir : Path.of(DETECT_DIR), devices);
    Path storeDir = scratch.resolve("ingest");
    System.err.printf("Ingesting the simulated day %s ...%n", logs);
    Timing ingest = ingestDay(logs, storeDir);
    // Once more into a fresh store in the same JVM: the first run pays for compiling detection (C2 alone took about
    // 7 CPU seconds of a fresh process's 27), which a long-running service pays once.
    System.err.printf("Ingesting it again, compiled ...%n");
    Timing again = ingestDay(logs, scratch.resolve("ingest-again"));
    delete(scratch.resolve("ingest-again"));
    Map<String, Object> figures = new LinkedHashMap<>();
    long records;
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(storeDir)) {
      records = store.stats().rows().values().stream().mapToLong(Long::longValue).sum();
    }
    long gzipBytes;
    try (Stream<Path> files = Files.walk(logs, FileVisitOption.FOLLOW_LINKS)) {
      gzipBytes = files.filter(file -> file.toString().endsWith(".gz")).mapToLong(Output::size).sum();
    }
    long storeBytes = Files.size(storeDir.resolve(DuckDbEventStore.DATABASE_FILE));
    figures.put("logs", logs.toString());
    figures.put("records", records);
    figures.put("wholeIngest", ingest.rates(records, "records"));
    figures.put("wholeIngestCompiled", again.rates(records, "records"));
    figures.put("storeBytesPerRecord", (double) storeBytes / records);
    figures.put("gzipBytesPerRecord", (double) gzipBytes / records);
    if (retentionMonth) {
      figures.put("retention", RetentionBench.run(storeDir, scratch.resolve("retention"), 30, 7));
    }
    if (searchRecords > 0) {
      figures.put("search", SearchBench.run(storeDir, searchRecords));
    }
    return figures;
  }

  /** Runs {@code ingest} of {@code logs} into {@code storeDir} as the command line does, its report kept quiet. */
  private static Timing ingestDay(Path logs, Path storeDir) throws IOException {
    PrintStream out = System.out;
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int[] exit = {0};
    Timing ingest;
    try {
      System.setOut(new PrintStream(report, true, StandardCharsets.UTF_8));
      ingest = Timing.of(() -> exit[0] = LanternfishCommand.newCommandLine().execute("ingest", logs.toString(),
          "--data-dir", storeDir.toString(), "--json"));
    } finally {
      System.setOut(out);
    }
    if (exit[0] != ExitCode.OK) {
      throw new IllegalStateException("ingest of " + logs + " failed (exit " + exit[0] + "): " + report);
    }
    return ingest;
  }

  private static void printBulkLoad(Map<String, Object> figures) {
    System.out.printf("conn.log: %,d lines, %,.0f MiB (records/s per wall second, and per CPU second of the"
        + " process)%n", figures.get("lines"), (long) figures.get("fileBytes") / 1048576.0);
    rate("parse only (1 core)", figures.get("parse"));
    rate("parse + store", figures.get("parseAndStore"));
    rate("DuckDB read_csv via JDBC", figures.get("readCsv"));
    System.out.printf("  ours / DuckDB read_csv     %12.2f   per CPU second %.2f%n", figures.get("ratio"),
        figures.get("cpuRatio"));
  }

  @SuppressWarnings("unchecked")
  private static void printWholeIngest(Map<String, Object> day) {
    System.out.printf("simulated day: %,d records in %s%n", day.get("records"), day.get("logs"));
    rate("ingest (parse+detect+store)", day.get("wholeIngest"));
    rate("  again, compiled", day.get("wholeIngestCompiled"));
    System.out.printf("  bytes per record: store %.1f, gzip'd Zeek logs %.1f%n", day.get("storeBytesPerRecord"),
        day.get("gzipBytesPerRecord"));
    Map<String, Object> retention = (Map<String, Object>) day.get("retention");
    if (retention != null) {
      System.out.print(RetentionBench.render(retention));
    }
    Map<String, Object> search = (Map<String, Object>) day.get("search");
    if (search != null) {
      System.out.print(SearchBench.render(search));
    }
  }

  @SuppressWarnings("unchecked")
  private static void rate(String label, Object figures) {
    Map<String, Object> rates = (Map<String, Object>) figures;
    System.out.printf("  %-27s %,12.0f records/s  %,12.0f records/CPU-s%n", label, rates.get("recordsPerSecond"),
        rates.get("recordsPerCpuSecond"));
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
