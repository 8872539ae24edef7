package org.lanternfish.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.ProgressListener;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.SimulationResult;
import org.lanternfish.simulate.Simulator;
import org.lanternfish.simulate.eval.Robustness;
import org.lanternfish.simulate.organisation.Organisation;

/**
 * {@code eval --variants N}: simulates N organisations whose scenario steps draw their tradecraft from variants
 * (seeds {@code first .. first+N-1}), runs detection and the AI Analyst on each as {@code eval} does, and sums the
 * scorecards. Even seeds tell detection the organisation's VPN pool, odd seeds leave it unconfigured, as sites do.
 */
final class VariantEval {

  /** What to simulate per organisation, and where. */
  record Plan(int runs, long firstSeed, int devices, int days, List<String> scenarios, int parallel, Path work,
      boolean keep) {}

  /** Detection settings for one simulated organisation, by its VPN pool or null when none is configured. */
  interface Settings {
    /** The detection settings. */
    DetectConfig config(String vpnNetwork) throws IOException;
  }

  private VariantEval() {}

  /** Runs the plan, reporting each finished organisation on stderr, and returns the summed scorecard. */
  static Robustness run(Plan plan, Settings settings) throws IOException {
    Files.createDirectories(plan.work());
    ExecutorService pool = Executors.newFixedThreadPool(plan.parallel());
    try {
      List<Future<Robustness.Run>> futures = new ArrayList<>();
      for (int i = 0; i < plan.runs(); i++) {
        long seed = plan.firstSeed() + i;
        futures.add(pool.submit(() -> one(plan, settings, seed)));
      }
      List<Robustness.Run> runs = new ArrayList<>();
      for (Future<Robustness.Run> future : futures) {
        runs.add(future.get());
      }
      return Robustness.of(runs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCode.INTERNAL, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a variant run failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Robustness.Run one(Plan plan, Settings settings, long seed) throws IOException {
    long started = System.nanoTime();
    Path dir = plan.work().resolve("seed-" + seed);
    SimulationResult result = Simulator.run(new SimulationConfig(seed, plan.days(), plan.devices(),
        plan.scenarios(), dir, Format.TSV, SimulationConfig.DEFAULT_START, true), ProgressListener.NONE);
    String vpn = seed % 2 == 0
        ? Organisation.build(seed, plan.devices(), plan.days()).vpnPrefix() + "0.0/16" : null;
    Analysis analysis =
        Analysis.run(EvalCommand.simulationInputs(dir), settings.config(vpn), AnalystConfig.defaults(), 1,
            TimeWindow.USUAL, (file, bytes) -> {});
    Robustness.Run run = new Robustness.Run(result.truth(), EvalCommand.score(result.truth(), analysis),
        Robustness.falseByModel(result.truth(), analysis.detection().breaches()),
        vpn == null ? "vpn-pool-unconfigured" : "vpn-pool-configured");
    if (!plan.keep()) {
      delete(dir);
    }
    System.err.printf("seed %d: %d breaches, %d false, steps detected %d/%d (%.0f s)%n", seed,
        run.scorecard().breaches(), run.scorecard().falseBreaches().total(),
        run.scorecard().scenarios().stream().mapToInt(s -> s.stepsDetected()).sum(),
        run.scorecard().scenarios().stream().mapToInt(s -> s.steps().size()).sum(),
        (System.nanoTime() - started) / 1e9);
    return run;
  }

  /** Deletes {@code dir} and everything under it. */
  static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
