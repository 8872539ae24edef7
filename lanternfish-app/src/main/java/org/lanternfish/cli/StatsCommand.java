package org.lanternfish.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.IngestProblem;
import org.lanternfish.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish stats}: what the data directory holds, including the bad input it was given. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Show stored rows per log type, time span, devices, malformed input with locations, and size.")
final class StatsCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print the statistics as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() {
    StoreStats stats;
    try (DuckDbEventStore store = data.openForReading()) {
      stats = store.stats();
    }
    if (json) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("dataDir", data.dataDir.toString());
      map.put("rows", stats.rows());
      map.put("firstTs", Output.isoTime(stats.firstTs()));
      map.put("lastTs", Output.isoTime(stats.lastTs()));
      map.put("devices", stats.devices());
      map.put("malformed", stats.problems());
      map.put("malformedSamples", stats.problemSamples());
      map.put("ingestRuns", stats.runs().size());
      map.put("databaseBytes", stats.databaseBytes());
      System.out.println(Output.json(map));
      return ExitCode.OK;
    }
    System.out.printf("Data directory %s (%,.1f MiB)%n", data.dataDir, stats.databaseBytes() / 1048576.0);
    System.out.println("\nRows by log type");
    stats.rows().forEach((type, rows) -> System.out.printf("  %-12s %,12d%n", type.logName(), rows));
    System.out.printf("%nTime span   %s .. %s (%s)%n", Output.isoTime(stats.firstTs()), Output.isoTime(stats.lastTs()),
        Output.span(stats.firstTs(), stats.lastTs()));
    System.out.printf("Devices     %,d addresses%n", stats.devices());
    System.out.printf("Ingest runs %,d%n", stats.runs().size());
    long malformed = stats.problems().values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("%nMalformed   %,d lines%n", malformed);
    stats.problems().forEach((kind, count) -> System.out.printf("  %-20s %,d%n", kind, count));
    for (IngestProblem sample : stats.problemSamples()) {
      System.out.printf("    %s:%d: %s (%s)%n", sample.file(), sample.line(), sample.reason(), sample.problemClass());
    }
    return ExitCode.OK;
  }
}
