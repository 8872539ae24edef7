package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.embedded.ModelFiles;
import picocli.CommandLine.Option;

/** The options of every command that runs detection: shards and learning period, plus the models in force. */
final class DetectionOptions {

  @Option(names = "--threads", paramLabel = "N", description = "Detection shards, one thread each (default: cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--learning-days", paramLabel = "DAYS", defaultValue = "7",
      description = "Days a device is watched before novelty may breach (default: ${DEFAULT-VALUE}).")
  int learningDays;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "The site's time zone, such as Europe/Berlin: volumes are learned per hour of its weekdays and"
          + " weekends (default: ${DEFAULT-VALUE}).")
  ZoneId timeZone;

  /** The detection settings: shipped and user models (errors reported on stderr), learning period and time zone. */
  DetectConfig config(Path dataDir) throws IOException {
    if (threads < 1 || learningDays < 0) {
      throw new CommandFailure(ExitCode.USAGE, "--threads must be at least 1 and --learning-days at least 0");
    }
    ModelFiles models = ModelFiles.load(dataDir);
    models.errors().forEach(error -> System.err.println("model file error: " + error));
    return models.config(learningDays, timeZone);
  }
}
