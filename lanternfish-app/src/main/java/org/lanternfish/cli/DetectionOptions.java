package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.Subnet;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.ingest.TimeWindow;
import picocli.CommandLine.Option;

/** The options of every command that runs detection: shards and learning period, plus the models in force. */
final class DetectionOptions {
  /** More shards than this only add barriers: each is a thread with its own state. */
  static final int MAX_THREADS = 256;

  @Option(names = "--threads", paramLabel = "N", description = "Detection shards, one thread each (default: cores;"
      + " for a batch ingest, whose store has a thread of its own, one less).")
  private Integer threads;

  /** The shards of a command that detects: one per core unless {@code --threads} says otherwise. */
  int threads() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The shards of a batch ingest, whose reading thread and store thread (DuckDB's inserts and compression) keep about a
   * core busy between them: one per core but one, unless {@code --threads} says otherwise. On 2 cores a simulated day's
   * whole ingest (2.6M records; 7 runs each, alternating) took a median 9.5 s, 17.2 CPU seconds and 815 MB with its one
   * shard on the reading thread, against 10.1 s, 18.2 and 890 MB with two shard threads, with the same breaches. A
   * command that only detects is faster with a shard per core ({@code analyze}: 5.6 to 6.7 s against 6.6 to 6.8).
   */
  int threadsBesideStore() {
    return threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  @Option(names = "--learning-days", paramLabel = "DAYS", defaultValue = "7",
      description = "Days a device is watched before novelty may breach (default: ${DEFAULT-VALUE}).")
  int learningDays;

  private SystemConfiguration site;

  /**
   * The detection settings: shipped and user models (errors reported on stderr), the learning period, and the site
   * as the data directory's {@code config.toml} describes it (a bad file stops the command with its reason).
   */
  DetectConfig config(Path dataDir) throws IOException {
    return config(dataDir, site(dataDir));
  }

  /** The AI Analyst's thresholds, from the {@code [analyst]} table of the data directory's {@code config.toml}. */
  AnalystConfig analyst(Path dataDir) throws IOException {
    return site(dataDir).analyst();
  }

  // Read once per command, so its watch-list warnings are reported once.
  private SystemConfiguration site(Path dataDir) throws IOException {
    if (site == null) {
      try {
        site = SystemConfiguration.load(dataDir);
      } catch (SystemConfiguration.BadConfiguration e) {
        throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
      }
      site.warnings().forEach(warning -> System.err.println("watch list: " + warning));
    }
    return site;
  }

  /** The record times the site accepts, from the data directory's {@code config.toml}. */
  TimeWindow window(Path dataDir) throws IOException {
    try {
      return SystemConfiguration.load(dataDir).timeWindow();
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
    }
  }

  /** The detection settings for a simulated organisation: the user's models, but not the user's site. */
  DetectConfig configForSimulation(Path dataDir) throws IOException {
    return config(dataDir, SystemConfiguration.defaults());
  }

  /** The detection settings for a simulated organisation whose remote-access VPN pool is {@code vpnNetwork}. */
  DetectConfig configForSimulation(Path dataDir, String vpnNetwork) throws IOException {
    DeviceConfig plain = DeviceConfig.defaults();
    DeviceConfig devices = new DeviceConfig(plain.internal(), List.of(Subnet.parse(vpnNetwork)), plain.names(),
        plain.tags(), plain.roles(), plain.adminCredentials());
    SystemConfiguration site = SystemConfiguration.defaults();
    return config(dataDir, new SystemConfiguration(devices, site.watchList(), site.timeZones(), site.analyst(),
        site.warnings(), site.timeWindow()));
  }

  private DetectConfig config(Path dataDir, SystemConfiguration site) throws IOException {
    if (threads != null) {
      CommandFailure.requireWithin("--threads", threads, 1, MAX_THREADS);
    }
    CommandFailure.requireWithin("--learning-days", learningDays, 0, 3650);
    ModelFiles models = ModelFiles.load(dataDir);
    models.errors().forEach(error -> System.err.println("model file error: " + error));
    return models.config(learningDays, site);
  }
}
