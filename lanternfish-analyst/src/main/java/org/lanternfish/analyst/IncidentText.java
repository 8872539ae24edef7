package org.lanternfish.analyst;

import java.util.stream.Collectors;

/** An incident as plain text for a terminal or a log: headline, phases, device graph, linked story, hints. */
public final class IncidentText {

  private IncidentText() {}

  /** Renders one incident; each summary sentence ends with the breach ids it links to. */
  public static String render(Incident incident) {
    StringBuilder out = new StringBuilder();
    out.append(incident.id()).append("  priority ").append(incident.priority()).append("  ")
        .append(incident.breaches().size()).append(" breaches, revision ").append(incident.history().size())
        .append('\n');
    out.append(incident.title()).append('\n');
    out.append("Phases: ").append(incident.phases().stream().map(Phase::label).collect(Collectors.joining(" > ")))
        .append('\n');
    out.append("Devices: ").append(String.join(", ", incident.devices())).append('\n');
    for (Edge edge : incident.edges()) {
      out.append("  ").append(edge.from()).append(" -[").append(edge.kind().label()).append("]-> ").append(edge.to())
          .append(edge.internal() ? "" : " (external)").append('\n');
    }
    out.append("Summary:\n");
    int n = 1;
    for (Sentence sentence : incident.summary()) {
      out.append("  ").append(n++).append(". ").append(sentence.text()).append(" [")
          .append(String.join(", ", sentence.breachIds())).append("]\n");
    }
    return out.toString();
  }
}
