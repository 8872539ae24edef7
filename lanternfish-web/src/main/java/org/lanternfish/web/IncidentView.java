package org.lanternfish.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.lanternfish.store.StoredIncident;

/**
 * An AI Analyst incident as the API and pages show it: the stored incident with where analysts have taken it.
 *
 * @param id the incident's id
 * @param title its headline
 * @param priority 0 to 100
 * @param firstTs its earliest breach
 * @param lastTs its latest breach
 * @param breaches how many breaches it holds
 * @param devices the devices involved, by host name or address
 * @param resembles the tradecraft profiles it resembles, most alike first
 * @param status open, acknowledged or closed
 * @param assignee who it is assigned to, or null
 */
public record IncidentView(String id, String title, int priority, Instant firstTs, Instant lastTs, int breaches,
    List<String> devices, List<String> resembles, String status, String assignee) {

  /** The view of {@code stored} with its triage {@code state}. */
  public static IncidentView of(StoredIncident stored, Triage.State state) {
    List<String> resembles = new ArrayList<>();
    for (JsonNode resemblance : body(stored).path("resemblances")) {
      resembles.add(resemblance.path("profile").asText());
    }
    return new IncidentView(stored.id(), stored.title(), stored.priority(), BreachView.instant(stored.firstTs()),
        BreachView.instant(stored.lastTs()), stored.breaches(), stored.devices(), resembles, state.status(),
        state.assignee());
  }

  /** The same incident with its title and device names rewritten by {@code rewrite}. */
  public IncidentView relabelled(UnaryOperator<String> rewrite) {
    return new IncidentView(id, rewrite.apply(title), priority, firstTs, lastTs, breaches,
        devices.stream().map(rewrite).toList(), resembles, status, assignee);
  }

  /** The whole stored incident (timeline, summary with links, graph, resemblances, history) as a JSON tree. */
  public static ObjectNode body(StoredIncident stored) {
    try {
      return (ObjectNode) WebJson.MAPPER.readTree(stored.json());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("incident " + stored.id() + " is stored as unreadable JSON", e);
    }
  }
}
