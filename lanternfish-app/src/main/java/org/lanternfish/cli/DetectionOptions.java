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

  @Option(names = "--threads", paramLabel = "N", description = "Detection shards, one thread each (default: cores).")
  int threads = Runtime.getRuntime().availableProcessors();

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
    CommandFailure.requireWithin("--threads", threads, 1, MAX_THREADS);
    CommandFailure.requireWithin("--learning-days", learningDays, 0, 3650);
    ModelFiles models = ModelFiles.load(dataDir);
    models.errors().forEach(error -> System.err.println("model file error: " + error));
    return models.config(learningDays, site);
  }
}
