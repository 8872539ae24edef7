package org.lanternfish.cli;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.analyst.Incident;
import org.lanternfish.analyst.Phase;
import org.lanternfish.analyst.Resemblance;
import org.lanternfish.breach.Breach;

/** Renders breaches and incidents for the terminal and as JSON-ready maps. */
final class Findings {
  private static final int BREACHES_SHOWN = 20;

  private Findings() {}

  /** The strongest breaches and every incident, as text. */
  static String render(List<Breach> breaches, List<Incident> incidents) {
    StringBuilder out = new StringBuilder();
    int[] bands = new int[4];
    for (Breach breach : breaches) {
      bands[Math.min(3, Math.max(0, (breach.score() - 20) / 20))]++;
    }
    out.append(String.format("%nBreaches    %,d (score <40: %,d, 40-59: %,d, 60-79: %,d, 80+: %,d)%n",
        breaches.size(), bands[0], bands[1], bands[2], bands[3]));
    breaches.stream()
        .sorted(Comparator.comparingInt(Breach::score).reversed().thenComparingLong(Breach::ts))
        .limit(BREACHES_SHOWN)
        .forEach(b -> out.append(String.format("  %3d  %s  %-16s %s%n       %s%n", b.score(),
            Output.isoTime(b.ts()), Output.deviceLabel(b), b.model(), b.explanation())));
    if (breaches.size() > BREACHES_SHOWN) {
      out.append(String.format("  ... %,d more (use --json for all)%n", breaches.size() - BREACHES_SHOWN));
    }
    out.append(String.format("%nIncidents   %,d%n", incidents.size()));
    for (Incident incident : incidents) {
      out.append(String.format("%n  [%d] %s%n", incident.priority(), incident.title()));
      out.append(String.format("      %s .. %s, %d breaches on %d devices%n", Output.isoTime(incident.firstTs()),
          Output.isoTime(incident.lastTs()), incident.breaches().size(), incident.devices().size()));
      out.append("      phases: ")
          .append(String.join(" > ", incident.phases().stream().map(Phase::label).toList())).append('\n');
      out.append(wrap(incident.summaryText(), "      "));
      for (Resemblance resemblance : incident.resemblances()) {
        out.append("      hint: ").append(resemblance.headline()).append('\n');
      }
    }
    return out.toString();
  }

  /** Breaches and incidents as plain maps and records for JSON output. */
  static Map<String, Object> asMap(List<Breach> breaches, List<Incident> incidents) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("breaches", breaches);
    map.put("incidents", incidents);
    return map;
  }

  private static String wrap(String text, String indent) {
    StringBuilder out = new StringBuilder(indent);
    int column = indent.length();
    for (String word : text.split(" ")) {
      if (column + word.length() > 110 && column > indent.length()) {
        out.append('\n').append(indent);
        column = indent.length();
      }
      out.append(word).append(' ');
      column += word.length() + 1;
    }
    return out.append('\n').toString();
  }
}
