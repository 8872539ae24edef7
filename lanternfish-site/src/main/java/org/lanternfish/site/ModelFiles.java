package org.lanternfish.site;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.intel.VulnerableServices;
import org.lanternfish.model.Catalogue;

/**
 * Loads the model catalogue: the shipped models, then every {@code *.models} file in the data directory's
 * {@code models/} folder, in name order. A user model with a shipped model's name replaces it, so tuning or
 * disabling ({@code enabled: false}) needs no recompiling; a bad block is reported with its line and skipped. The
 * score thresholds set in the Threat Visualizer ({@code models/thresholds.toml}) apply last.
 */
public final class ModelFiles {
  /** The folder, inside the data directory, that holds user model files. */
  public static final String FOLDER = "models";

  private final Catalogue catalogue;
  private final List<String> errors;

  private ModelFiles(Catalogue catalogue, List<String> errors) {
    this.catalogue = catalogue;
    this.errors = errors;
  }

  /** The shipped catalogue plus the user models under {@code dataDir/models}. */
  public static ModelFiles load(Path dataDir) throws IOException {
    return load(dataDir, SiteFiles.DISK);
  }

  /** The shipped catalogue plus the user models under {@code dataDir/models}, read from {@code files}. */
  public static ModelFiles load(Path dataDir, SiteFiles files) throws IOException {
    Catalogue catalogue = Catalogue.shipped();
    List<String> errors = new ArrayList<>(catalogue.errors());
    Path folder = dataDir.resolve(FOLDER);
    for (Path file : files.list(folder).stream().filter(f -> f.getFileName().toString().endsWith(".models"))
        .sorted().toList()) {
      String text = files.read(file);
      if (text == null) {
        throw new IOException(file + ": is a folder or device, not a model file");
      }
      errors.addAll(catalogue.add(file.toString(), text));
    }
    ModelThresholds.apply(folder.resolve(ModelThresholds.FILE), catalogue, errors, files);
    return new ModelFiles(catalogue, errors);
  }

  /** The models in force. */
  public Catalogue catalogue() {
    return catalogue;
  }

  /** Errors of bad model blocks, each naming its file and line. */
  public List<String> errors() {
    return errors;
  }

  /** The detection settings: these models and learning period on the site the configuration describes. */
  public DetectConfig config(int learningDays, SystemConfiguration site) {
    return new DetectConfig(site.devices(), catalogue, site.watchList(), learningDays,
        DetectConfig.EPOCH_MICROS, 0, site.timeZones(), new VulnerableServices());
  }
}
