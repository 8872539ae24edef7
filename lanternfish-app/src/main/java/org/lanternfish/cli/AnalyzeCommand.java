package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.embedded.TimeOrderedReader;
import org.lanternfish.embedded.TrafficSummary;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.Malformation;
import org.lanternfish.ingest.TimeWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish analyze}: reads logs in time order and reports what they hold, in memory, storing nothing. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Read Zeek logs or Suricata EVE files (plain or gzip, files or archive trees) in time order through detection"
          + " and the AI Analyst, and report records per log type,"
          + " time span, devices, malformed input, model breaches and AI Analyst incidents. Nothing is stored: use"
          + " 'ingest' to keep events."
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories.")
  List<Path> inputs;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin DataDirOption data;

  @Mixin DetectionOptions detection;



  @Override
  public Integer call() throws IOException {
    CommandFailure.requireExisting(inputs);
    Analysis analysis = run(inputs, detection.threads(), detection.config(data.dataDir),
        detection.analyst(data.dataDir), detection.window(data.dataDir));
    if (analysis.report().filesRead() == 0 && analysis.report().unreadablePaths().isEmpty()) {
      throw new CommandFailure(ExitCode.INPUT, "no log files found in " + inputs);
    }
    System.out.println(json ? Output.json(asMap(analysis)) : render(analysis));
    return Output.skippedInput(analysis.report(), spec.commandLine().getErr());
  }

  /** Runs the embedded pipeline over {@code inputs} with a progress bar on a terminal. */
  static Analysis run(List<Path> inputs, int threads, DetectConfig config, AnalystConfig analyst, TimeWindow window)
      throws IOException {
    long total = 0;
    int files = 0;
    for (List<Path> period : TimeOrderedReader.periods(inputs)) {
      for (Path file : period) {
        total += Output.size(file);
        files++;
      }
    }
    int fileCount = files;
    long[] done = {0, 0};
    try (Progress progress = Progress.start("analyze", total, true)) {
      return Analysis.run(inputs, config, analyst, threads, window, (file, bytes) -> {
        done[0] += bytes;
        done[1]++;
        progress.update(done[0], 0, "file " + done[1] + "/" + fileCount);
      });
    }
  }

  private static Map<String, Object> asMap(Analysis analysis) {
    IngestReport report = analysis.report();
    TrafficSummary traffic = analysis.traffic();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("seconds", analysis.seconds());
    map.put("ingest", Output.parse(report.toJson()));
    map.put("firstTs", Output.isoTime(traffic.firstTs()));
    map.put("lastTs", Output.isoTime(traffic.lastTs()));
    map.put("internalDevices", traffic.internalHosts());
    map.put("externalHosts", traffic.externalHosts());
    map.put("identifiedDevices", analysis.detection().devices());
    map.putAll(Findings.asMap(analysis.detection().breaches(), analysis.detection().incidents()));
    return map;
  }

  private static String render(Analysis analysis) {
    IngestReport report = analysis.report();
    TrafficSummary traffic = analysis.traffic();
    StringBuilder out = new StringBuilder();
    out.append(String.format("Read %,d records from %,d files in %.1f s (%,.0f records/s)%n",
        report.totalRecords(), report.filesRead(), analysis.seconds(),
        report.totalRecords() / Math.max(analysis.seconds(), 1e-3)));
    out.append("\nRecords by log type\n");
    for (LogType type : LogType.values()) {
      if (report.records(type) > 0) {
        out.append(String.format("  %-12s %,12d%n", type.logName(), report.records(type)));
      }
    }
    if (!report.skippedTypes().isEmpty()) {
      out.append("  skipped (not read by Lanternfish): ");
      report.skippedTypes().forEach((name, count) -> out.append(String.format("%s %,d  ", name, count)));
      out.append('\n');
    }
    out.append(String.format("%nTime span   %s .. %s (%s)%n", Output.isoTime(traffic.firstTs()),
        Output.isoTime(traffic.lastTs()), Output.span(traffic.firstTs(), traffic.lastTs())));
    out.append(String.format("Devices     %,d internal addresses, %,d external hosts; %,d devices identified%n",
        traffic.internalHosts(), traffic.externalHosts(), analysis.detection().devices()));
    out.append(String.format("%nMalformed   %,d lines%n", report.totalMalformed()));
    for (Malformation kind : Malformation.values()) {
      if (report.malformed(kind) > 0) {
        out.append(String.format("  %-20s %,d%n", kind, report.malformed(kind)));
        for (String sample : report.samples(kind).subList(0, Math.min(3, report.samples(kind).size()))) {
          out.append("    ").append(sample).append('\n');
        }
      }
    }
    for (String rejected : report.rejectedFiles()) {
      out.append("  rejected file: ").append(rejected).append('\n');
    }
    for (String ignored : report.ignoredFiles()) {
      out.append("  ignored file: ").append(ignored).append('\n');
    }
    out.append(Findings.render(analysis.detection().breaches(), analysis.detection().incidents()));
    return out.toString();
  }
}
