package org.lanternfish.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish incidents}: the AI Analyst's incidents over everything ingested, highest priority first. */
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
    try (DuckDbEventStore store = data.openForReading()) {
      incidents = store.incidents(minPriority);
    }
    if (json) {
      List<JsonNode> bodies = new ArrayList<>();
      for (StoredIncident incident : incidents) {
        bodies.add(JSON.readTree(incident.json()));
      }
      System.out.println(Output.json(bodies));
      return ExitCode.OK;
    }
    for (StoredIncident incident : incidents) {
      System.out.printf("[%d] %s  %s%n      %s .. %s, %d breaches on %d devices%n", incident.priority(),
          incident.id(), incident.title(), Output.isoTime(incident.firstTs()), Output.isoTime(incident.lastTs()),
          incident.breaches(), incident.devices().size());
      StringBuilder story = new StringBuilder();
      for (JsonNode sentence : JSON.readTree(incident.json()).path("summary")) {
        story.append(sentence.path("text").asText()).append(' ');
      }
      System.out.println("      " + story.toString().trim());
    }
    System.out.printf("%d incident%s%n", incidents.size(), incidents.size() == 1 ? "" : "s");
    return ExitCode.OK;
  }
}
