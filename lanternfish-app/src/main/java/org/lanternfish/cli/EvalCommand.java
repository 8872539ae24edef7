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
          + " and threading precision and recall."
    })
final class EvalCommand implements Callable<Integer> {

  @Option(names = "--truth", required = true, paramLabel = "FILE", description = "The truth.json the simulator wrote.")
  Path truthFile;

  @Option(names = "--logs", required = true, paramLabel = "DIR", description = "The simulated logs.")
  Path logs;



  @Option(names = "--json", description = "Print the scorecard as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Mixin DetectionOptions detection;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(truthFile) || !Files.isDirectory(logs)) {
      throw new CommandFailure(ExitCode.INPUT, "need an existing truth file and log directory: " + truthFile + ", "
          + logs);
    }
    Truth truth = Truth.read(truthFile);
    Analysis analysis =
        AnalyzeCommand.run(simulationInputs(logs), detection.threads, detection.configForSimulation(data.dataDir),
            AnalystConfig.defaults(), TimeWindow.USUAL);
    Scorecard scorecard = score(truth, analysis);
    System.out.println(json ? scorecard.toJson() : scorecard.render());
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
