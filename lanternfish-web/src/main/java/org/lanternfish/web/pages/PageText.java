package org.lanternfish.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.WebJson;

/** How every page writes times, score levels, links and the data its charts draw. */
public final class PageText {
  private PageText() {}

  /** {@code value} as JSON that is safe inside a script element (no {@code <} to close it early). */
  public static String json(Object value) {
    try {
      return WebJson.MAPPER.writeValueAsString(value).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Formats an instant the way every page shows times: UTC to the second. */
  public static String time(Instant instant) {
    return instant == null ? "" : instant.toString().replaceFirst("\\.\\d+Z$", "Z").replace('T', ' ');
  }

  /** Formats microseconds since the epoch as {@link #time(Instant)} does. */
  public static String micros(long micros) {
    return time(BreachView.instant(micros));
  }

  /** {@code text} encoded for a URL's query. */
  public static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The Advanced Search page for the records with these uids, behind breaches from {@code first} to {@code last}. */
  public static String recordsLink(Iterable<?> uids, Instant first, Instant last) {
    List<String> list = new ArrayList<>();
    for (Object uid : uids) {
      list.add(uid instanceof JsonNode node ? node.asText() : String.valueOf(uid));
    }
    return "/search?q=" + url(BreachView.recordsQuery(list, first, last));
  }

  /** The incident's device graph for the chart: each device once, each edge typed by what was done. */
  public static String graphJson(JsonNode story) {
    Map<String, Boolean> nodes = new LinkedHashMap<>();
    story.path("devices").forEach(device -> nodes.put(device.asText(), true));
    List<Map<String, Object>> links = new ArrayList<>();
    for (JsonNode edge : story.path("edges")) {
      nodes.putIfAbsent(edge.path("from").asText(), true);
      nodes.putIfAbsent(edge.path("to").asText(), edge.path("internal").asBoolean());
      links.add(Map.of("source", edge.path("from").asText(), "target", edge.path("to").asText(),
          "kind", edge.path("kind").asText(), "breaches", edge.path("breachIds").size()));
    }
    List<Map<String, Object>> nodeList = nodes.entrySet().stream()
        .map(e -> Map.<String, Object>of("name", e.getKey(), "internal", e.getValue())).toList();
    return json(Map.of("nodes", nodeList, "links", links));
  }

  /**
   * A small inline chart of daily scores (0 to 100, oldest first) as SVG: a line over the days and a dot on the
   * highest, so a device's risk trend reads at a glance in a table row without a script.
   */
  public static String sparkline(List<Integer> scores) {
    int width = 84;
    int height = 20;
    StringBuilder points = new StringBuilder();
    int top = 0;
    for (int i = 0; i < scores.size(); i++) {
      top = scores.get(i) > scores.get(top) ? i : top;
      points.append(i == 0 ? "" : " ").append(x(i, scores.size(), width)).append(',')
          .append(y(scores.get(i), height));
    }
    String dot = scores.isEmpty() || scores.get(top) == 0 ? "" : "<circle cx=\"" + x(top, scores.size(), width)
        + "\" cy=\"" + y(scores.get(top), height) + "\" r=\"2\" class=\"" + level(scores.get(top)) + "\"/>";
    return "<svg class=\"spark\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " "
        + height + "\" aria-hidden=\"true\"><polyline points=\"" + points + "\"/>" + dot + "</svg>";
  }

  private static int x(int i, int count, int width) {
    return count < 2 ? width / 2 : 2 + i * (width - 4) / (count - 1);
  }

  private static int y(int score, int height) {
    return height - 2 - Math.min(100, Math.max(0, score)) * (height - 4) / 100;
  }

  /** A CSS class for a score or priority: high, medium or low. */
  public static String level(int score) {
    return score >= 80 ? "high" : score >= 60 ? "medium" : "low";
  }

}
