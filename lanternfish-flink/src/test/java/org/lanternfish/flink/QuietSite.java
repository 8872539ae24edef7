package org.lanternfish.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.model.Catalogue;
import org.lanternfish.model.Model;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;

/**
 * A data directory whose operator switched off the model that breaches most in a week (a user model file, as the
 * Threat Visualizer writes it) and gave a VPN pool in {@code config.toml}.
 *
 * @param dataDir the data directory
 * @param silenced the name of the model switched off
 */
record QuietSite(Path dataDir, String silenced) {
  static final String VPN_POOL = "10.250.0.0/16";

  static QuietSite write(Path dataDir, List<Breach> breaches) throws IOException {
    String loudest = breaches.stream().collect(Collectors.groupingBy(Breach::model, Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Model shipped = Catalogue.shipped().models().stream().filter(m -> m.name().equals(loudest)).findFirst()
        .orElseThrow();
    Files.createDirectories(dataDir.resolve(ModelFiles.FOLDER));
    Files.writeString(dataDir.resolve(ModelFiles.FOLDER).resolve("site.models"), "model: " + loudest + "\non: "
        + shipped.on() + "\nscore: " + shipped.score() + "\nenabled: false\n");
    Files.writeString(dataDir.resolve(SystemConfiguration.FILE), "vpn_networks = [\"" + VPN_POOL + "\"]\n");
    return new QuietSite(dataDir, loudest);
  }

  /** The detection settings the embedded runner reads from the directory, with the job's epochs. */
  DetectConfig embeddedConfig(long epochMicros) throws IOException {
    return ModelFiles.load(dataDir).config(SimulatedWeek.LEARNING_DAYS, SystemConfiguration.load(dataDir))
        .withEpochs(epochMicros, 0);
  }

  /** The AI Analyst's settings the embedded runner reads from the directory. */
  AnalystConfig embeddedAnalyst() throws IOException {
    return SystemConfiguration.load(dataDir).analyst();
  }
}
