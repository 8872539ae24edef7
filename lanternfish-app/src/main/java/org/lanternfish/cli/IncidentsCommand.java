package org.lanternfish.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;
import org.lanternfish.web.DeviceLabels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lanternfish incidents}: the AI Analyst's incidents over everything ingested, highest priority first, with
 * devices known only by their network card called by name and address, as the Threat Visualizer calls them.
 */
@Command(
    name = "incidents",
    mixinStandardHelpOptions = true,
    description = "List the stored AI Analyst incidents, highest priority first, with their story.")
final class IncidentsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--min-priority", defaultValue = "0", description = "Hide incidents below this priority.")
  int minPriority;

  @Option(names = "--json", description = "Print the full incidents (timeline, links, history) as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() throws IOException {
    CommandFailure.requireWithin("--min-priority", minPriority, 0, 100);
    List<StoredIncident> incidents;
    List<ObjectNode> stories = new ArrayList<>();
    try (DuckDbEventStore store = data.openForReading()) {
      incidents = store.incidents(minPriority);
      DeviceLabels labels = new DeviceLabels(store, () -> 0);
      for (StoredIncident incident : incidents) {
        stories.add(labels.story((ObjectNode) JSON.readTree(incident.json())));
      }
    }
    if (json) {
      System.out.println(Output.json(stories));
      return ExitCode.OK;
    }
    for (int i = 0; i < incidents.size(); i++) {
      StoredIncident incident = incidents.get(i);
      ObjectNode story = stories.get(i);
      System.out.printf("[%d] %s  %s%n      %s .. %s, %d breaches on %d devices%n", incident.priority(),
          incident.id(), story.path("title").asText(incident.title()), Output.isoTime(incident.firstTs()),
          Output.isoTime(incident.lastTs()), incident.breaches(), incident.devices().size());
      StringBuilder text = new StringBuilder();
      for (JsonNode sentence : story.path("summary")) {
        text.append(sentence.path("text").asText()).append(' ');
      }
      System.out.println("      " + text.toString().trim());
    }
    System.out.printf("%d incident%s%n", incidents.size(), incidents.size() == 1 ? "" : "s");
    return ExitCode.OK;
  }
}
