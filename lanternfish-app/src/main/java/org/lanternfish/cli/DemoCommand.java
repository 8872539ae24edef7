package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationResult;
import org.lanternfish.simulate.truth.Truth;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.web.ThreatVisualizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish demo}: the main job on the embedded default, on simulated traffic with the seed's intrusions. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate two weeks of a 300-device organisation with the three intrusions of the product's stories (S1"
          + " Defender + new user agent, S2 ShadowPad, S3 data theft), run the embedded pipeline over it, and show"
          + " the model breaches, the AI Analyst's incidents and how they score against the ground truth; then serve"
          + " the Threat Visualizer over them (stored in DATA-DIR/demo) until interrupted, unless --no-serve."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--days", defaultValue = "14", description = "Days to simulate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--devices", defaultValue = "300", description = "Devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "lanternfish-data/demo-logs",
      description = "Where the simulated logs go (default: ${DEFAULT-VALUE}); kept for 'analyze' and 'ingest'.")
  Path out;

  @Option(names = "--no-serve", description = "Stop after the scorecard instead of serving the Threat Visualizer.")
  boolean noServe;

  @Mixin DataDirOption data;

  @Mixin ServeOptions serve;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (Files.exists(out.resolve("truth.json"))) {
      System.out.println("Reusing the simulated logs in " + out + " (delete it to simulate again)");
    } else {
      System.out.printf("Simulating %d days of %d devices with intrusions S1, S2 and S3 into %s ...%n", days, devices,
          out);
      SimulationResult result = SimulateCommand.simulate(seed, days, devices,
          List.of("S1@" + (days - 4), "S2@" + (days - 3), "S3@" + (days - 2)), Format.TSV, null, out, false);
      System.out.printf("  %,d records in %,d files%n", result.records(), result.files());
    }
    System.out.println("Running the embedded pipeline (ingest, detection, AI Analyst) ...");
    // The simulated organisation, not the site the data directory's configuration describes (it has sites in
    // several time zones, so its week is UTC's).
    Analysis analysis = AnalyzeCommand.run(EvalCommand.simulationInputs(out),
        Runtime.getRuntime().availableProcessors(),
        ModelFiles.load(data.dataDir).config(7, SystemConfiguration.defaults()), AnalystConfig.defaults(),
        TimeWindow.USUAL);
    System.out.printf("  %,d records in %.1f s (%,.0f records/s), %,d devices identified%n",
        analysis.report().totalRecords(), analysis.seconds(),
        analysis.report().totalRecords() / Math.max(1e-3, analysis.seconds()), analysis.detection().devices());
    System.out.print(Findings.render(analysis.detection().breaches(), analysis.detection().incidents()));
    System.out.println("\nScore against the ground truth (" + out.resolve("truth.json") + ")");
    System.out.println(EvalCommand.score(
        Truth.read(out.resolve("truth.json")), analysis).render());
    if (noServe) {
      return ExitCode.OK;
    }
    Path demoData = storeForTheUi();
    DuckDbEventStore store = DuckDbEventStore.open(demoData);
    ResponseService respond = Responding.start(store, demoData, System.out);
    ThreatVisualizer server = serve.start(store, demoData, data.dataDir, Optional::empty, respond,
        System.out);
    ServeOptions.awaitInterrupt(respond, server, store);
    return ExitCode.OK;
  }

  /**
   * The data directory the UI reads: the demo's logs ingested like any site's ({@code DATA-DIR/demo}) with the models
   * of {@code DATA-DIR/models}, built on the first run and reused while the logs and those models are unchanged,
   * since storing four million records takes minutes.
   */
  private Path storeForTheUi() throws IOException {
    Path demoData = data.dataDir.resolve("demo");
    Path marker = demoData.resolve("stored-from.txt");
    String source = out.toAbsolutePath().normalize() + " " + Files.getLastModifiedTime(out.resolve("truth.json"))
        + "\n" + String.join("\n", modelStamps(data.dataDir.resolve(ModelFiles.FOLDER)));
    if (Files.exists(marker) && Files.readString(marker).equals(source)) {
      System.out.println("\nReusing the demo's stored events in " + demoData);
      return demoData;
    }
    System.out.println("\nStoring the demo's events, breaches and incidents in " + demoData
        + " for the Threat Visualizer (first run, or the logs or models changed; a few minutes) ...");
    Files.createDirectories(demoData);
    for (String name : List.of(DuckDbEventStore.DATABASE_FILE, DuckDbEventStore.DATABASE_FILE + ".wal",
        "stored-from.txt")) {
      Files.deleteIfExists(demoData.resolve(name));
    }
    copyModels(data.dataDir.resolve(ModelFiles.FOLDER), demoData.resolve(ModelFiles.FOLDER));
    List<String> ingest = new ArrayList<>(List.of("ingest", "--data-dir", demoData.toString()));
    EvalCommand.simulationInputs(out).forEach(input -> ingest.add(input.toString()));
    int stored = LanternfishCommand.newCommandLine().execute(ingest.toArray(String[]::new));
    if (stored != ExitCode.OK) {
      throw new CommandFailure(stored, "storing the demo's events in " + demoData + " failed");
    }
    Files.writeString(marker, source);
    return demoData;
  }

  /** Each model file's name, size and time, so a switched or tuned model makes the demo store its events again. */
  private static List<String> modelStamps(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      List<String> stamps = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".models")).sorted().toList()) {
        stamps.add(file.getFileName() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file));
      }
      return stamps;
    }
  }

  /** The demo's store detects with the user's models: those of the data directory, copied beside it. */
  private static void copyModels(Path from, Path to) throws IOException {
    if (Files.isDirectory(to)) {
      try (Stream<Path> old = Files.list(to)) {
        for (Path file : old.filter(f -> f.toString().endsWith(".models")).toList()) {
          Files.delete(file);
        }
      }
    }
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".models")).toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
