package org.lanternfish.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.Subnet;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.embedded.ZeekJson;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.InputKind;
import org.lanternfish.ingest.pcap.PcapImporter;
import org.lanternfish.ingest.pcap.PcapReport;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.ProgressListener;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.Simulator;
import org.lanternfish.simulate.implant.Capture;
import org.lanternfish.simulate.implant.Implant;
import org.lanternfish.simulate.organisation.Organisation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lanternfish implant}: scores real recordings on first sight and implanted into a simulated organisation,
 * so a technique is judged both cold and against weeks of its devices' history.
 */
@Command(
    name = "implant",
    mixinStandardHelpOptions = true,
    description = {
      "For each folder of real Zeek logs (TSV or JSON) or packet capture: analyse it alone with no learning period (first sight), then map its"
          + " internal addresses onto simulated devices of the same role (domain controller, server, client),"
          + " move its times to 10:00 UTC on a day after the learning period, merge it into a simulated"
          + " organisation's logs and analyse them (implanted). Reports the breaches scoring 60 or more that cite the"
          + " recording's records, and for labelled recordings (Stratosphere) those citing only benign records."
    })
final class ImplantCommand implements Callable<Integer> {
  private static final int HIGH = 60;

  @Parameters(arity = "1..*", paramLabel = "CAPTURE",
      description = "Folders (or files) of a recording's Zeek logs, or packet captures (dissected with tshark).")
  List<Path> captures;

  @Option(names = "--seed", defaultValue = "1", description = "The simulated organisation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--devices", defaultValue = "80", description = "Its devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--days", defaultValue = "12", description = "Its days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--day", defaultValue = "9",
      description = "The day (0-based) the recording is moved to, after the 7-day learning period (default:"
          + " ${DEFAULT-VALUE}).")
  int day;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() throws IOException {
    CommandFailure.requireExisting(captures);
    if (day < 1 || day >= days) {
      throw new CommandFailure(ExitCode.USAGE, "--day must be 1.." + (days - 1));
    }
    Path work = Files.createTempDirectory("lanternfish-implant");
    List<Map<String, Object>> results = new ArrayList<>();
    try {
      System.err.printf("Simulating %d days of %d devices (seed %d) ...%n", days, devices, seed);
      Simulator.run(new SimulationConfig(seed, days, devices, List.of(), work, Format.TSV,
          SimulationConfig.DEFAULT_START, true), ProgressListener.NONE);
      Organisation org = Organisation.build(seed, devices, days);
      ModelFiles models = ModelFiles.load(data.dataDir);
      for (Path path : captures) {
        results.add(score(path, org, work, models));
      }
    } finally {
      VariantEval.delete(work);
    }
    System.out.println(json ? Output.json(Map.of("captures", results)) : render(results));
    return ExitCode.OK;
  }

  private Map<String, Object> score(Path path, Organisation org, Path work, ModelFiles models) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("capture", path.toString());
    Path dissected = Files.isRegularFile(path) && InputKind.of(path) == InputKind.CAPTURE ? zeekLogs(path) : null;
    try {
      return score(path, dissected, org, work, models, result);
    } finally {
      if (dissected != null) {
        VariantEval.delete(dissected);
      }
    }
  }

  /**
   * A packet capture's events as Zeek JSON logs (one per log type) in a new temporary folder, which the implant reads
   * as it reads a recording's Zeek logs.
   */
  private static Path zeekLogs(Path capture) throws IOException {
    Path folder = Files.createTempDirectory("lanternfish-capture");
    Map<LogType, OutputStream> logs = new EnumMap<>(LogType.class);
    try {
      PcapReport report = new PcapImporter().read(capture, event -> {
        if (ZeekJson.writable(event)) {
          try {
            OutputStream out = logs.get(event.logType());
            if (out == null) {
              out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(event.logType().logName()
                  + ".log")));
              logs.put(event.logType(), out);
            }
            out.write(ZeekJson.plain(event));
            out.write('\n');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
      if (!report.errors().isEmpty()) {
        System.err.println(capture + ": " + String.join("; ", report.errors()));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      for (OutputStream out : logs.values()) {
        out.close();
      }
    }
    return folder;
  }

  private Map<String, Object> score(Path path, Path dissected, Organisation org, Path work, ModelFiles models,
      Map<String, Object> result) throws IOException {
    Capture capture = Capture.read(dissected != null ? dissected : path);
    result.put("records", capture.records());
    if (capture.logs().isEmpty()) {
      result.put("skipped", "no Zeek logs");
      return result;
    }
    Map<String, String> labels = capture.labels();
    Map<String, Capture.Role> roles = capture.devices();
    long[] span = capture.span();
    // A day's recording that runs a minute past midnight is one device-day, not two.
    double spanDays = Math.max(1, (span[1] - span[0]) / 86_400e6);
    result.put("internalDevices", roles.size());
    result.put("deviceDays", roles.size() * spanDays);

    // A recording alone is read with any time since 1970: some count their times from zero.
    Analysis first = Analysis.run(List.of(path), firstSight(models, roles.keySet()), AnalystConfig.defaults(), 1,
        TimeWindow.FROM_EPOCH, (f, b) -> {});
    result.put("firstSight", findings(first.detection().breaches(), null, labels));

    Implant implant = Implant.into(capture, org, work, SimulationConfig.DEFAULT_START, days, day, seed);
    try {
      Analysis merged = Analysis.run(EvalCommand.simulationInputs(work),
          models.config(7, SystemConfiguration.defaults()), AnalystConfig.defaults(), 1, TimeWindow.USUAL,
          (f, b) -> {});
      result.put("implanted", findings(merged.detection().breaches(), implant.uids(), labels));
      Map<String, String> mapped = new LinkedHashMap<>();
      implant.addresses().forEach((from, to) -> mapped.put(from, to + " (" + implant.roles().get(from) + ")"));
      result.put("mapping", mapped);
      result.put("implantedRecords", implant.written());
      result.put("droppedRecords", implant.dropped());
    } finally {
      implant.remove();
    }
    System.err.println("scored " + path);
    return result;
  }

  /** The shipped and user models with no learning period, the recording's own devices counted as internal. */
  private static DetectConfig firstSight(ModelFiles models, Set<String> internal) {
    DeviceConfig plain = DeviceConfig.defaults();
    List<Subnet> networks = new ArrayList<>(plain.internal());
    for (String ip : internal) {
      networks.add(Subnet.parse(ip + (ip.contains(":") ? "/128" : "/32")));
    }
    DeviceConfig devices = new DeviceConfig(networks, plain.vpn(), plain.names(), plain.tags(), plain.roles(),
        plain.adminCredentials());
    SystemConfiguration site = SystemConfiguration.defaults();
    return models.config(0, new SystemConfiguration(devices, site.watchList(), site.timeZones(), site.analyst(),
        site.warnings(), site.timeWindow()));
  }

  /**
   * Breaches scoring 60 or more that cite the recording ({@code uids}; every breach when null), with the highest
   * score, the models, and how many cite only records the recording labels benign.
   */
  private static Map<String, Object> findings(List<Breach> breaches, Set<String> uids, Map<String, String> labels) {
    int high = 0;
    int benignOnly = 0;
    int top = 0;
    Set<String> modelsFired = new TreeSet<>();
    for (Breach breach : breaches) {
      if (uids != null && breach.recordUids().stream().noneMatch(uids::contains)) {
        continue;
      }
      top = Math.max(top, breach.score());
      if (breach.score() >= HIGH) {
        high++;
        modelsFired.add(breach.model() + " " + breach.score());
        boolean benign = !labels.isEmpty() && breach.recordUids().stream()
            .filter(labels::containsKey).allMatch(u -> !labels.get(u).toLowerCase(Locale.ROOT).startsWith("malicious"))
            && breach.recordUids().stream().anyMatch(labels::containsKey);
        if (benign) {
          benignOnly++;
        }
      }
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("breachesAtLeast60", high);
    map.put("topScore", top);
    map.put("citingOnlyBenignRecords", benignOnly);
    map.put("models", List.copyOf(modelsFired));
    return map;
  }

  @SuppressWarnings("unchecked")
  private static String render(List<Map<String, Object>> results) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-58s %-24s %-24s%n", "CAPTURE",
        "FIRST SIGHT >=60 (TOP)", "IMPLANTED >=60 (TOP)"));
    for (Map<String, Object> r : results) {
      if (r.containsKey("skipped")) {
        out.append(String.format(Locale.ROOT, "%-58s skipped: %s%n", r.get("capture"), r.get("skipped")));
        continue;
      }
      Map<String, Object> first = (Map<String, Object>) r.get("firstSight");
      Map<String, Object> implanted = (Map<String, Object>) r.get("implanted");
      out.append(String.format(Locale.ROOT, "%-58s %-24s %-24s%n", r.get("capture"),
          first.get("breachesAtLeast60") + " (" + first.get("topScore") + ")",
          implanted.get("breachesAtLeast60") + " (" + implanted.get("topScore") + ")"));
      out.append("    mapped ").append(r.get("mapping")).append('\n');
      out.append("    first sight: ").append(first.get("models")).append('\n');
      out.append("    implanted:   ").append(implanted.get("models")).append('\n');
    }
    return out.toString();
  }
}
