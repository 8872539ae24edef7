package org.lanternfish.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures single-thread ingest of a synthetic 21-column conn.log; run by hand, not by the test suite:
 * {@code java -cp <test-classpath> org.lanternfish.ingest.IngestBenchmark /tmp/conn.log 2000000 5}.
 * Reports wall-clock and thread CPU rates, since a shared machine makes wall-clock time noisy.
 */
final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "/tmp/lanternfish-bench-conn.log");
    long lines = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    if (!Files.exists(file)) {
      SyntheticConnLog.write(file, lines, 42);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int run = 1; run <= runs; run++) {
      long[] events = {0};
      IngestReport report = new IngestReport();
      long wall = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      LogReader.read(file, e -> events[0]++, report);
      double wallSeconds = (System.nanoTime() - wall) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      System.out.printf("run %d: %,d events, %.2f s wall (%,.0f lines/s), %.2f s cpu (%,.0f lines/cpu-s), "
          + "%d malformed%n", run, events[0], wallSeconds, events[0] / wallSeconds, cpuSeconds,
          events[0] / cpuSeconds, report.totalMalformed());
    }
  }
}
