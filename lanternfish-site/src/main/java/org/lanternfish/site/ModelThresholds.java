package org.lanternfish.site;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lanternfish.model.Catalogue;

/**
 * The score thresholds set in the Threat Visualizer, kept in {@code models/thresholds.toml} as {@code "model-id" =
 * score}: a model raises a breach only when it scores at least its threshold. Read after the model files, so it
 * applies to shipped and user models alike.
 */
public final class ModelThresholds {
  /** The file, in the models folder. */
  public static final String FILE = "thresholds.toml";

  private ModelThresholds() {}

  /** The thresholds in {@code file} by model id, none when it does not exist; bad entries go to {@code errors}. */
  public static Map<String, Integer> read(Path file, List<String> errors, SiteFiles files) throws IOException {
    Map<String, Integer> thresholds = new TreeMap<>();
    String text = files.read(file);
    if (text == null) {
      return thresholds;
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
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
  static void apply(Path file, Catalogue catalogue, List<String> errors, SiteFiles files) throws IOException {
    read(file, errors, files).forEach((id, threshold) -> {
      if (!catalogue.setThreshold(id, threshold)) {
        errors.add(file + ": no model '" + id + "' for its threshold");
      }
    });
  }
}
