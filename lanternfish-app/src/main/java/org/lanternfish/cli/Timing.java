package org.lanternfish.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Wall and process CPU time of one piece of work, for the benchmarks. CPU time counts every thread of the process
 * (DuckDB's native ones included), so it is the steadier figure on a machine shared with other work.
 */
record Timing(double seconds, double cpuSeconds) {
  interface Work {
    void run() throws IOException;
  }

  /** The run of median CPU time among {@code repeats} runs of the same work. */
  static Timing median(int repeats, Work work) throws IOException {
    List<Timing> runs = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      runs.add(of(work));
    }
    return median(runs);
  }

  /** The run of median CPU time among {@code runs}. */
  static Timing median(List<Timing> runs) {
    List<Timing> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Timing::cpuSeconds));
    return sorted.get(sorted.size() / 2);
  }

  /**
   * The median over rounds of {@code a}'s time over {@code b}'s, where the runs of one round ran one after the other:
   * a shared machine's speed drifts between rounds (by 10% within minutes), and a pair sees the same machine where
   * the medians of each side may come from different spells of it.
   */
  static double medianRatio(List<Timing> a, List<Timing> b, ToDoubleFunction<Timing> time) {
    if (a.size() != b.size() || a.isEmpty()) {
      throw new IllegalArgumentException("rounds differ: " + a.size() + " and " + b.size());
    }
    double[] ratios = new double[a.size()];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = time.applyAsDouble(a.get(round)) / time.applyAsDouble(b.get(round));
    }
    Arrays.sort(ratios);
    int middle = ratios.length / 2;
    return ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
  }

  static Timing of(Work work) throws IOException {
    // Collect what earlier runs left behind first, so one run does not pay for another's garbage.
    System.gc();
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
