package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lanternfish.model.Catalogue;
import org.lanternfish.store.DataFiles;

/**
 * The score thresholds set in the Threat Visualizer, kept in {@code models/thresholds.toml} as {@code "model-id" =
 * score}: a model raises a breach only when it scores at least its threshold. Read after the model files, so it
 * applies to shipped and user models alike.
 */
final class ModelThresholds {
  /** The file, in the models folder. */
  static final String FILE = "thresholds.toml";
  private static final String HEADER = "# Model score thresholds set in the Threat Visualizer: a model raises a breach"
      + " only when it scores at least this.\n";

  private ModelThresholds() {}

  /** The thresholds in {@code file} by model id, none when it does not exist; bad entries go to {@code errors}. */
  static Map<String, Integer> read(Path file, List<String> errors) throws IOException {
    Map<String, Integer> thresholds = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return thresholds;
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      errors.add(file + (line > 0 ? ":" + line : "") + ": " + e.getOriginalMessage());
      return thresholds;
    }
    if (root != null) {
      root.fields().forEachRemaining(entry -> {
        JsonNode value = entry.getValue();
        if (value.isInt() && value.asInt() >= 0 && value.asInt() <= 100) {
          thresholds.put(entry.getKey(), value.asInt());
        } else {
          errors.add(file + ": " + entry.getKey() + ": a threshold is a score from 0 to 100, not " + value);
        }
      });
    }
    return thresholds;
  }

  /** Sets each threshold of {@code file} on its model of {@code catalogue}; unknown models go to {@code errors}. */
  static void apply(Path file, Catalogue catalogue, List<String> errors) throws IOException {
    read(file, errors).forEach((id, threshold) -> {
      if (!catalogue.setThreshold(id, threshold)) {
        errors.add(file + ": no model '" + id + "' for its threshold");
      }
    });
  }

  /** Replaces {@code file} with {@code thresholds} (deleted when there are none). */
  static void write(Path file, Map<String, Integer> thresholds) throws IOException {
    if (thresholds.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    StringBuilder text = new StringBuilder(HEADER);
    new TreeMap<>(thresholds).forEach((id, threshold) -> text.append('"').append(id).append("\" = ")
        .append(threshold).append('\n'));
    DataFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);
  }
}
