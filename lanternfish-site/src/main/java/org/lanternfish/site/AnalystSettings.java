package org.lanternfish.site;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiFunction;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.model.Durations;

/**
 * The {@code [analyst]} table of {@code config.toml}: the AI Analyst's threading thresholds and windows, each
 * optional and defaulting to {@link AnalystConfig#defaults()}. Windows are durations such as {@code "48h"}.
 */
final class AnalystSettings {

  /** The keys of the table, in the order of {@link AnalystConfig}'s components. */
  static final List<String> KEYS = List.of("link_threshold", "hub_devices", "strong_score", "min_breaches",
      "min_models", "min_signal", "solo_score", "min_top_score", "device_window", "chain_window", "mark_window",
      "investigation_before", "investigation_after", "investigation_min_signal");

  private AnalystSettings() {}

  /**
   * The thresholds the table sets over the defaults; {@code bad} turns a key and a reason into the error that stops
   * the command.
   */
  static AnalystConfig read(JsonNode table, BiFunction<String, String, RuntimeException> bad) {
    AnalystConfig d = AnalystConfig.defaults();
    if (table.isMissingNode()) {
      return d;
    }
    if (!table.isObject()) {
      throw bad.apply("analyst", "expected a table such as [analyst]");
    }
    table.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        throw bad.apply("analyst." + key, "unknown key (known: " + String.join(", ", KEYS) + ")");
      }
    });
    Values v = new Values(table, bad);
    try {
      return new AnalystConfig(v.decimal("link_threshold", d.linkThreshold()),
          v.whole("hub_devices", d.hubDevices()), v.whole("strong_score", d.strongScore()),
          v.whole("min_breaches", d.minBreaches()), v.whole("min_models", d.minModels()),
          v.whole("min_signal", d.minSignal()), v.whole("solo_score", d.soloScore()),
          v.whole("min_top_score", d.minTopScore()), v.duration("device_window", d.deviceWindowMicros()),
          v.duration("chain_window", d.chainWindowMicros()), v.duration("mark_window", d.markWindowMicros()),
          v.duration("investigation_before", d.investigationBeforeMicros()),
          v.duration("investigation_after", d.investigationAfterMicros()),
          v.whole("investigation_min_signal", d.investigationMinSignal()));
    } catch (IllegalArgumentException e) {
      throw bad.apply("analyst", e.getMessage());
    }
  }

  private record Values(JsonNode table, BiFunction<String, String, RuntimeException> bad) {

    double decimal(String key, double otherwise) {
      JsonNode node = table.get(key);
      if (node == null) {
        return otherwise;
      }
      if (!node.isNumber()) {
        throw bad.apply("analyst." + key, "expected a number, got " + node);
      }
      return node.asDouble();
    }

    int whole(String key, int otherwise) {
      JsonNode node = table.get(key);
      if (node == null) {
        return otherwise;
      }
      if (!node.canConvertToInt() || !node.isIntegralNumber()) {
        throw bad.apply("analyst." + key, "expected a whole number, got " + node);
      }
      return node.asInt();
    }

    long duration(String key, long otherwise) {
      JsonNode node = table.get(key);
      if (node == null) {
        return otherwise;
      }
      try {
        if (!node.isTextual()) {
          throw new IllegalArgumentException("expected a duration such as \"48h\", got " + node);
        }
        return Durations.parse(node.asText());
      } catch (IllegalArgumentException e) {
        throw bad.apply("analyst." + key, e.getMessage());
      }
    }
  }
}
