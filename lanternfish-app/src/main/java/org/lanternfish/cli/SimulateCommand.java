package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.SimulationResult;
import org.lanternfish.simulate.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanternfish simulate}: writes an organisation's traffic as Zeek logs, with known intrusions injected. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate an organisation's network and write it as Zeek logs (daily folders, hourly rotated .gz) with the"
          + " chosen intrusions injected; the ground truth goes to OUT/truth.json and Defender alerts to"
          + " OUT/defender/alerts.json. The same seed writes byte-identical logs."
    })
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "1", description = "Decides everything (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--days", defaultValue = "7", description = "Days to simulate (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--devices", defaultValue = "300", description = "Devices in the organisation (default:"
      + " ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--scenarios", split = ",", paramLabel = "S", defaultValue = "S1,S2,S3",
      description = "Intrusions to inject: S1, S2, S3, beaconing, port-scan, brute-force, dga, c2-unusual-port, all;"
          + " ID@N injects on day N, otherwise a day after the learning period (day 7 on when the run has 9 days or"
          + " more, else its second half) is drawn (default: ${DEFAULT-VALUE}; 'none' for benign traffic only).")
  List<String> scenarios;

  @Option(names = "--format", defaultValue = "TSV", description = "TSV or JSON (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--start", description = "First day, YYYY-MM-DD (default: a fixed day, so the seed alone decides"
      + " the logs).")
  LocalDate start;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
  Path out;

  @Option(names = "--variants", description = "Draw each story step's tradecraft from its variants by the seed and"
      + " add benign routines that look like attacks (the truth names each step's variant).")
  boolean variants;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    SimulationResult result = simulate(seed, days, devices, scenarios, format, start, out, variants);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("out", out.toString());
    map.put("records", result.records());
    map.put("files", result.files());
    map.put("defenderAlerts", result.alerts());
    map.put("truth", result.truthFile().toString());
    map.put("scenarios", result.truth().scenarios().size());
    if (json) {
      System.out.println(Output.json(map));
    } else {
      System.out.printf("Wrote %,d records in %,d files to %s; %d scenarios, %d Defender alerts; truth in %s%n",
          result.records(), result.files(), out, result.truth().scenarios().size(), result.alerts(),
          result.truthFile());
    }
    return ExitCode.OK;
  }

  /** Runs the simulator with a progress bar on a terminal; bad settings become usage failures. */
  static SimulationResult simulate(long seed, int days, int devices, List<String> scenarios, Format format,
      LocalDate start, Path out, boolean variants) throws IOException {
    CommandFailure.requireWithin("--days", days, 1, 3660);
    CommandFailure.requireWithin("--devices", devices, 1, 1_000_000);
    List<String> chosen = scenarios.equals(List.of("none")) ? List.of() : scenarios;
    LocalDate first = start != null ? start : SimulationConfig.DEFAULT_START;
    SimulationConfig config;
    try {
      config = new SimulationConfig(seed, days, devices, chosen, out, format, first, variants);
    } catch (IllegalArgumentException bad) {
      throw new CommandFailure(ExitCode.USAGE, bad.getMessage(), bad);
    }
    try (Progress progress = Progress.start("simulate", (long) days * 24 * 60, false)) {
      return Simulator.run(config, (done, total, records, note) -> progress.update(done, records, note));
    } catch (IllegalArgumentException bad) {
      throw new CommandFailure(ExitCode.USAGE, bad.getMessage(), bad);
    }
  }
}
