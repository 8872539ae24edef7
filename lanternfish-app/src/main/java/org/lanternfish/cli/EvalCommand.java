package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Incident;
import org.lanternfish.breach.Breach;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.simulate.eval.Robustness;
import org.lanternfish.simulate.eval.Scorecard;
import org.lanternfish.simulate.truth.Truth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish eval}: runs detection on simulated logs and scores it against their ground truth. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Run the detection pipeline on logs whose ground truth is known and score it: per scenario and step, detected"
          + " or missed and time to detect; false breaches per 100 device-days by score band; incidents per scenario"
          + " and threading precision and recall.",
      "With --variants N: simulate N organisations (seeds --first-seed ..) whose story steps draw their tradecraft"
          + " from variants and whose routines include benign look-alikes, and report recall per technique and per"
          + " variant, false breaches per 100 device-days, breaches and incidents per story, breaches per day."
    })
final class EvalCommand implements Callable<Integer> {

  @Option(names = "--truth", paramLabel = "FILE", description = "The truth.json the simulator wrote.")
  Path truthFile;

  @Option(names = "--logs", paramLabel = "DIR", description = "The simulated logs.")
  Path logs;

  @Option(names = "--variants", paramLabel = "N", description = "Score N simulated organisations with tradecraft"
      + " variants instead of --truth and --logs.")
  int variants;

  @Option(names = "--first-seed", paramLabel = "SEED", defaultValue = "1",
      description = "First variant seed (default: ${DEFAULT-VALUE}).")
  long firstSeed;

  @Option(names = "--devices", paramLabel = "K", defaultValue = "80",
      description = "Devices per variant organisation (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--days", paramLabel = "D", defaultValue = "12",
      description = "Days per variant organisation; stories land after the 7-day learning period"
          + " (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--scenarios", split = ",", paramLabel = "S", defaultValue = "S1,S2,S3",
      description = "Stories injected into each variant organisation (default: ${DEFAULT-VALUE}).")
  List<String> scenarios;

  @Option(names = "--parallel", paramLabel = "P", defaultValue = "2",
      description = "Variant organisations simulated and scored at once, one detection thread each"
          + " (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--keep", paramLabel = "DIR", description = "Keep each variant organisation's logs and truth"
      + " under DIR/seed-N (default: a temporary folder, deleted).")
  Path keep;

  @Option(names = "--json", description = "Print the scorecard as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Mixin DetectionOptions detection;

  @Override
  public Integer call() throws IOException {
    if (variants > 0) {
      return variants();
    }
    if (truthFile == null || logs == null) {
      throw new CommandFailure(ExitCode.USAGE, "give --truth and --logs, or --variants N");
    }
    if (!Files.isRegularFile(truthFile) || !Files.isDirectory(logs)) {
      throw new CommandFailure(ExitCode.INPUT, "need an existing truth file and log directory: " + truthFile + ", "
          + logs);
    }
    Truth truth = Truth.read(truthFile);
    Analysis analysis =
        AnalyzeCommand.run(simulationInputs(logs), detection.threads(), detection.configForSimulation(data.dataDir),
            AnalystConfig.defaults(), TimeWindow.USUAL);
    Scorecard scorecard = score(truth, analysis);
    System.out.println(json ? scorecard.toJson() : scorecard.render());
    return ExitCode.OK;
  }

  private int variants() throws IOException {
    if (days < 9 || devices < 40 || parallel < 1) {
      throw new CommandFailure(ExitCode.USAGE, "--variants needs --days of at least 9 (a learning week and the"
          + " stories after it), --devices of at least 40 and --parallel of at least 1");
    }
    Path work = keep != null ? keep : Files.createTempDirectory("lanternfish-variants");
    VariantEval.Plan plan = new VariantEval.Plan(variants, firstSeed, devices, days, scenarios, parallel, work,
        keep != null);
    long started = System.nanoTime();
    Robustness robustness = VariantEval.run(plan, vpn -> vpn == null
        ? detection.configForSimulation(data.dataDir) : detection.configForSimulation(data.dataDir, vpn));
    if (keep == null) {
      Files.deleteIfExists(work);
    }
    System.err.printf("%d organisations in %.0f s%n", variants, (System.nanoTime() - started) / 1e9);
    System.out.println(json ? robustness.toJson() : robustness.render());
    return ExitCode.OK;
  }

  /**
   * The inputs of a simulation directory: its daily log folders ({@code YYYY-MM-DD}) and its {@code defender}
   * folder of alerts, so {@code truth.json} is not read as a log; the directory itself when it has no day folders.
   */
  static List<Path> simulationInputs(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> days = children.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}")).sorted().toList();
      if (days.isEmpty()) {
        return List.of(dir);
      }
      Path defender = dir.resolve("defender");
      return Files.isDirectory(defender) ? Stream.concat(days.stream(), Stream.of(defender)).toList() : days;
    }
  }

  /** Scores an analysis of simulated logs against their truth. */
  static Scorecard score(Truth truth, Analysis analysis) {
    List<Breach> breaches = analysis.detection().breaches();
    Map<String, String> incidentOfBreach = new HashMap<>();
    for (Incident incident : analysis.detection().incidents()) {
      for (String breachId : incident.breachIds()) {
        incidentOfBreach.put(breachId, incident.id());
      }
    }
    return Scorecard.score(truth, breaches, incidentOfBreach, truth.deviceDays());
  }
}
