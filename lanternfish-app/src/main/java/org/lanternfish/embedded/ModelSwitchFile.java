package org.lanternfish.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lanternfish.model.Model;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.ModelThresholds;
import org.lanternfish.site.SiteFiles;
import org.lanternfish.store.DataFiles;
import org.lanternfish.web.ModelSwitches;

/**
 * The model catalogue of a data directory ({@link ModelFiles}) for the Threat Visualizer, which switches models off
 * by writing a block {@code enabled: false} of the same name into {@code models/zz-switched-off.models} (read last,
 * so it wins) and on again by taking that block out, and sets score thresholds in {@code models/thresholds.toml};
 * the user's own model files are never rewritten.
 */
public final class ModelSwitchFile implements ModelSwitches {
  /** The file, in the models folder, that holds the models switched off in the UI. */
  public static final String FILE = "zz-switched-off.models";
  private static final String HEADER = "# Models switched off in the Threat Visualizer; delete a block to switch its"
      + " model back on.\n";
  private static final String THRESHOLDS_HEADER = "# Model score thresholds set in the Threat Visualizer: a model"
      + " raises a breach only when it scores at least this.\n";

  private final Path dataDir;
  private final Path file;

  /** The catalogue of {@code dataDir}. */
  public ModelSwitchFile(Path dataDir) {
    this.dataDir = dataDir;
    this.file = dataDir.resolve(ModelFiles.FOLDER).resolve(FILE);
  }

  @Override
  public synchronized List<ModelView> models() {
    return catalogue().stream().sorted(Comparator.comparing(Model::name)).map(ModelSwitchFile::view).toList();
  }

  @Override
  public synchronized Optional<ModelView> setEnabled(String name, boolean enabled) {
    Optional<Model> model = catalogue().stream().filter(m -> m.name().equals(name)).findFirst();
    if (model.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> blocks = blocks();
    if (enabled) {
      blocks.remove(name);
    } else if (model.get().enabled()) {
      Model m = model.get();
      blocks.put(name, "model: " + name + "\non: " + m.on() + "\nscore: " + m.score()
          + (m.techniques().isEmpty() ? "" : "\ntechniques: " + String.join(", ", m.techniques()))
          + "\nenabled: false\n");
    }
    write(blocks);
    ModelView now = models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    if (now.enabled() != enabled) {
      throw new IllegalStateException("'" + name + "' is switched off in " + now.source()
          + "; switch it on in that file");
    }
    return Optional.of(now);
  }

  @Override
  public synchronized Optional<ModelView> setThreshold(String name, int threshold) {
    Optional<Model> model = catalogue().stream().filter(m -> m.name().equals(name) || m.id().equals(name))
        .findFirst();
    if (model.isEmpty()) {
      return Optional.empty();
    }
    Path file = dataDir.resolve(ModelFiles.FOLDER).resolve(ModelThresholds.FILE);
    try {
      List<String> errors = new ArrayList<>();
      Map<String, Integer> thresholds = ModelThresholds.read(file, errors, SiteFiles.DISK);
      if (!errors.isEmpty()) {
        throw new IllegalStateException(String.join("; ", errors) + "; fix that file first");
      }
      if (threshold == 0) {
        thresholds.remove(model.get().id());
      } else {
        thresholds.put(model.get().id(), threshold);
      }
      writeThresholds(file, thresholds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return models().stream().filter(m -> m.id().equals(model.get().id())).findFirst();
  }

  private List<Model> catalogue() {
    try {
      return new ArrayList<>(ModelFiles.load(dataDir).catalogue().models());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the models of " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The blocks of the switch file by model name, in file order. */
  private Map<String, String> blocks() {
    Map<String, String> blocks = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return blocks;
    }
    try {
      String name = null;
      StringBuilder block = new StringBuilder();
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("model:")) {
          if (name != null) {
            blocks.put(name, block.toString());
          }
          name = line.substring("model:".length()).strip();
          block.setLength(0);
        }
        if (name != null && !line.isBlank()) {
          block.append(line).append('\n');
        }
      }
      if (name != null) {
        blocks.put(name, block.toString());
      }
      return blocks;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(Map<String, String> blocks) {
    try {
      if (blocks.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      DataFiles.replace(file, (HEADER + "\n" + String.join("\n", blocks.values())).getBytes(StandardCharsets.UTF_8),
          DataFiles.Access.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static ModelView view(Model model) {
    return new ModelView(model.id(), model.name(), model.category(), model.on(), model.score(), model.techniques(),
        model.enabled(), model.threshold(), Path.of(model.source()).getFileName() + ":" + model.line());
  }

  /** Replaces {@code file} with {@code thresholds} (deleted when there are none). */
  private static void writeThresholds(Path file, Map<String, Integer> thresholds) throws IOException {
    if (thresholds.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    StringBuilder text = new StringBuilder(THRESHOLDS_HEADER);
    new TreeMap<>(thresholds).forEach((id, threshold) -> text.append('"').append(id).append("\" = ")
        .append(threshold).append('\n'));
    DataFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);
  }
}
