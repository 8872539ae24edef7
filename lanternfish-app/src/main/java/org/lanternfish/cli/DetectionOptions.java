package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.Subnet;
import org.lanternfish.embedded.ModelFiles;
import org.lanternfish.embedded.SystemConfiguration;
import picocli.CommandLine.Option;

/** The options of every command that runs detection: shards and learning period, plus the models in force. */
final class DetectionOptions {

  @Option(names = "--threads", paramLabel = "N", description = "Detection shards, one thread each (default: cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--learning-days", paramLabel = "DAYS", defaultValue = "7",
      description = "Days a device is watched before novelty may breach (default: ${DEFAULT-VALUE}).")
  int learningDays;

  /**
   * The detection settings: shipped and user models (errors reported on stderr), the learning period, and the site
   * as the data directory's {@code config.toml} describes it (a bad file stops the command with its reason).
   */
  DetectConfig config(Path dataDir) throws IOException {
    SystemConfiguration site;
    try {
      site = SystemConfiguration.load(dataDir);
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new CommandFailure(ExitCode.USAGE, "configuration error: " + e.getMessage());
    }
    site.warnings().forEach(warning -> System.err.println("watch list: " + warning));
    return config(dataDir, site);
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
    return config(dataDir, new SystemConfiguration(devices, site.watchList(), site.timeZones(), site.warnings()));
  }

  private DetectConfig config(Path dataDir, SystemConfiguration site) throws IOException {
    if (threads < 1 || learningDays < 0) {
      throw new CommandFailure(ExitCode.USAGE, "--threads must be at least 1 and --learning-days at least 0");
    }
    ModelFiles models = ModelFiles.load(dataDir);
    models.errors().forEach(error -> System.err.println("model file error: " + error));
    return models.config(learningDays, site);
  }
}
