package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.embedded.IncidentBook;
import org.lanternfish.embedded.IngestProblems;
import org.lanternfish.embedded.LiveDetection;
import org.lanternfish.embedded.DefenderFeed;
import org.lanternfish.embedded.LiveService;
import org.lanternfish.embedded.OutboxExport;
import org.lanternfish.embedded.StoreThread;
import org.lanternfish.embedded.StoreWriter;
import org.lanternfish.embedded.StoredFiles;
import org.lanternfish.embedded.TimeOrderedReader;
import org.lanternfish.embedded.TrafficSummary;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.pcap.LiveCapture;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.IngestedFile;
import org.lanternfish.store.IngestRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish ingest}: stores events from log files, or follows a live Zeek directory. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Store the events of Zeek logs, Suricata EVE files or captures in the data directory (for 'search' and"
          + " 'stats') and run them through detection, storing the breaches and what the detection core learned.",
      "With --follow, tail the live logs of a Zeek current/ directory through detection: rotation is followed, and"
          + " a restart resumes exactly where the last run stopped (positions and learned state are stored with the"
          + " events)."
    })
final class IngestCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files or directories (with --follow: one"
      + " directory of live logs).")
  List<Path> inputs;

  @Option(names = "--follow", description = "Tail the live logs of the directory until interrupted.")
  boolean follow;

  @Option(names = "--interface", paramLabel = "IFACE",
      description = "Capture live on this interface through tshark (ring buffer in the data directory) instead of"
          + " reading logs; runs until interrupted.")
  String iface;

  @Option(names = "--exit-when-idle", paramLabel = "SECONDS",
      description = "With --follow: stop after this many seconds (0 to a year) without new lines (default: never).")
  Double idleSeconds;

  @Option(names = "--retention", paramLabel = "DAYS",
      description = "After ingesting, drop stored events older than this many days (1 to 36500) before now, and"
          + " say how many were not kept (default: keep all).")
  Integer retentionDays;

  @Option(names = "--force", description = "Read files again although the store holds them already (their records"
      + " are then stored twice); without it a file already stored is skipped and named.")
  boolean force;

  // A commit per hour of a small network's logs (10,000 events) took twice the CPU time and 1.5 times the disk of one
  // commit at the end (a simulated day of 200 devices: 25.4 against 12.4 CPU seconds, 32 against 22 MB), since small
  // commits go through DuckDB's log and leave small row groups. Large commits still cost: DuckDB checkpoints every
  // table a commit changed, compressing at each commit (by async-profiler) what the inserts left. A simulated day of
  // 2,000 devices (2.6M events, 2 runs each, alternating) took 20.9 to 21.6 CPU seconds and 13.1 to 13.6 s committing
  // every 500,000 events, 19.1 to 19.2 and 11.5 to 11.6 s every 1,000,000, 17.8 to 18.1 and 10.6 s every 2,000,000 or
  // once: 0.6 to 0.8 CPU seconds a commit, under 3% of the work of 5,000,000 events, which a run killed half-way reads
  // again in about 20 s.
  @Option(names = "--commit-every", paramLabel = "EVENTS", defaultValue = "5000000", description = "Batch ingest:"
      + " commit at the end of the first period of logs (an hour of rotated files, a folder) after this many events"
      + " (1 to 1e9; default: ${DEFAULT-VALUE}); a run killed half-way is read on from its last commit.")
  long commitEvery;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Mixin DetectionOptions detectionOptions;

  @Mixin MicrosoftOptions microsoft;


  private final long startNanos = System.nanoTime();

  /** Seconds without new lines after which --follow stops, or -1 for never. */
  private double exitWhenIdle = -1;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (idleSeconds != null) {
      CommandFailure.requireWithin("--exit-when-idle", idleSeconds, 0, 365 * 86_400);
      exitWhenIdle = idleSeconds;
    }
    if (retentionDays != null) {
      CommandFailure.requireWithin("--retention", retentionDays, 1, 36_500);
    }
    CommandFailure.requireWithin("--commit-every", commitEvery, 1, 1_000_000_000);
    if (iface != null) {
      return capture();
    }
    if (inputs == null || inputs.isEmpty()) {
      throw new CommandFailure(ExitCode.USAGE, "give log files or directories to ingest, or --interface IFACE");
    }
    CommandFailure.requireExisting(inputs);
    if (follow && (inputs.size() != 1 || !Files.isDirectory(inputs.get(0)))) {
      throw new CommandFailure(ExitCode.USAGE, "--follow takes exactly one directory of live logs");
    }
    microsoft.requireLiveProcess(follow, false);
    IngestReport report = new IngestReport(detectionOptions.window(data.dataDir));
    DetectConfig config = detectionOptions.config(data.dataDir);
    TrafficSummary traffic = new TrafficSummary(config.devices()::isInternal);
    long breaches = 0;
    long dropped = 0;
    Instant started = Instant.now();
    try (DuckDbEventStore store = data.openForWriting()) {
      if (follow) {
        breaches = follow(store, inputs.get(0), config, report, traffic);
      } else {
        breaches = readAll(store, config, report, traffic);
      }
      store.recordIngestProblems(IngestProblems.of(report), IngestProblems.totals(report));
      if (retentionDays != null) {
        dropped = store.enforceRetention(Duration.ofDays(retentionDays), Instant.now());
      }
      store.recordIngestRun(new IngestRun(started, Instant.now(), inputs.stream().map(Path::toString).toList(),
          recordsByType(report), traffic.firstTs(), traffic.lastTs()));
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("dataDir", data.dataDir.toString());
    summary.put("seconds", seconds);
    summary.put("ingest", Output.parse(report.toJson()));
    summary.put("breaches", breaches);
    if (retentionDays != null) {
      summary.put("retention", Map.of("days", retentionDays, "droppedRecords", dropped));
    }
    if (json) {
      System.out.println(Output.json(summary));
    } else {
      System.out.printf("Stored %,d records from %,d files in %.1f s into %s; %,d malformed lines; %,d breaches%n",
          report.totalRecords(), report.filesRead(), seconds, data.dataDir, report.totalMalformed(), breaches);
      if (retentionDays != null) {
        System.out.printf("  %,d records older than the retention of %d days were not kept (%,d stored)%n", dropped,
            retentionDays, Math.max(0, report.totalRecords() - dropped));
      }
      report.rejectedFiles().forEach(rejected -> System.out.println("  rejected file: " + rejected));
      report.ignoredFiles().forEach(ignored -> System.out.println("  ignored file: " + ignored));
    }
    return Output.skippedInput(report, spec.commandLine().getErr());
  }

  /** Captures on an interface until the process is stopped, storing events as their flows end. */
  private int capture() throws InterruptedException {
    LiveCapture finished;
    try (DuckDbEventStore store = data.openForWriting();
        StoreWriter writer = new StoreWriter(store);
        LiveCapture capture = LiveCapture.start(iface, data.dataDir.resolve("capture-ring"),
            event -> {
              synchronized (this) {
                writer.accept(event);
              }
            })) {
      finished = capture;
      System.out.println("capturing on " + iface + " into " + data.dataDir + " (stop with Ctrl-C)");
      while (capture.isRunning()) {
        Thread.sleep(1_000);
        synchronized (this) {
          writer.commit();
        }
      }
    }
    // Read after close, so tshark's last words are included.
    finished.report().errors().forEach(error -> System.out.println("  error: " + error));
    return ExitCode.OK;
  }

  /**
   * Stores every event of the inputs and runs them through detection, continuing from the learned state the store
   * holds. Commits fall between periods of logs (an hour of rotated files, or a folder without stamps), once at least
   * {@code --commit-every} events wait: each stores the events, the note that their files are read, the breaches found
   * so far and the detector's state, so a run killed at any moment leaves whole periods behind and the next run reads
   * on from there: each record is stored once.
   */
  private long readAll(DuckDbEventStore store, DetectConfig config, IngestReport report, TrafficSummary traffic)
      throws IOException {
    StoredFiles stored = StoredFiles.of(store, force);
    List<Path> files = stored.unstored(inputs, report);
    if (files.isEmpty() && report.ignoredFiles().isEmpty() && report.unreadablePaths().isEmpty()) {
      throw new CommandFailure(ExitCode.INPUT, "no log files found in " + inputs);
    }
    long totalBytes = 0;
    for (Path file : files) {
      totalBytes += Output.size(file);
    }
    long[] done = {0, 0};
    long[] breaches = {0};
    long[] waiting = {0};
    List<IngestedFile> read = new ArrayList<>();
    store.useCallerThreadOnly();
    try (LiveDetection detection = new LiveDetection(config,
            detectionOptions.threadsBesideStore(),
            store.state(LiveDetection.STATE_NAME));
        Progress progress = Progress.start("ingest", totalBytes, true);
        StoreThread storing = new StoreThread(store)) {
      detection.restoreWarning().ifPresent(w -> spec.commandLine().getErr().println("Warning: " + w + "."));
      IncidentBook incidents = new IncidentBook(store, store, store, detectionOptions.analyst(data.dataDir));
      Runnable commit = () -> {
        List<Breach> found = detection.takeBreaches();
        Map<String, byte[]> state = Map.of(LiveDetection.STATE_NAME, detection.snapshot());
        List<IngestedFile> readWhole = List.copyOf(read);
        breaches[0] += found.size();
        storing.commit(() -> store.commit(incidents.commit(List.of(), List.of(), state, found), readWhole));
        read.clear();
        waiting[0] = 0;
      };
      TimeOrderedReader.read(files, stored.storedLines(), event -> {
        traffic.accept(event);
        storing.accept(event);
        detection.accept(event);
        waiting[0]++;
      }, report, new TimeOrderedReader.FileListener() {
        @Override
        public void fileDone(Path file, long bytes) {
          done[0] += bytes;
          done[1]++;
          progress.update(done[0], traffic.events(), "file " + done[1] + "/" + files.size());
        }

        @Override
        public void periodDone(List<Path> period) {
          read.addAll(stored.readWhole(period, report));
          if (waiting[0] >= commitEvery) {
            commit.run();
          }
        }
      });
      detection.finish();
      commit.run();
      storing.finish();
      return breaches[0];
    }
  }


  /**
   * Hosts the live service on this thread until interrupted or, with {@code --exit-when-idle}, until the logs have
   * been silent that long; a shutdown (Ctrl-C) commits what was read before the process ends. Returns the breaches
   * it stored.
   */
  private long follow(DuckDbEventStore store, Path directory, DetectConfig config, IngestReport report,
      TrafficSummary traffic) throws IOException, InterruptedException {
    try (ResponseService respond = Responding.start(store, data.dataDir, System.out);
        LiveService service = new LiveService(store, directory, config, detectionOptions.analyst(data.dataDir),
        detectionOptions.threads(), report, traffic, status -> {
          respond.wake();
          System.out.printf("following %s: %,d records stored, %,d malformed, %,d breaches, %,d devices, %d events"
              + " learned%n", directory, status.records(), report.totalMalformed(), status.breaches(),
              status.devices(), status.eventsLearned());
          System.out.flush();
        });
        DefenderFeed defender = microsoft.attach(data.dataDir, store, report, service,
            spec.commandLine().getErr());
        OutboxExport sentinel = microsoft.startSentinel(data.dataDir, store, spec.commandLine().getErr());
        OutboxExport syslog = microsoft.startSyslog(store, spec.commandLine().getErr())) {
      service.restoreWarning().ifPresent(w -> spec.commandLine().getErr().println("Warning: " + w + "."));
      if (exitWhenIdle >= 0) {
        service.run((long) (exitWhenIdle * 1e9));
        return service.status().breaches();
      }
      Thread shutdown = new Thread(() -> {
        try {
          service.stop();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      Runtime.getRuntime().addShutdownHook(shutdown);
      service.start();
      service.awaitStop();
      return service.status().breaches();
    }
  }

  private static Map<LogType, Long> recordsByType(IngestReport report) {
    Map<LogType, Long> records = new EnumMap<>(LogType.class);
    for (LogType type : LogType.values()) {
      if (report.records(type) > 0) {
        records.put(type, report.records(type));
      }
    }
    return records;
  }
}
