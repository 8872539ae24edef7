package org.lanternfish.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.store.InvestigationReports.InvestigationReport;

/**
 * An AI Analyst investigation a breach triggered, as a breach's page shows it: the conclusion, what was looked at,
 * and the incident found with its events.
 *
 * @param device the device investigated
 * @param at the time investigated around
 * @param found true when it found an incident
 * @param conclusion its one sentence
 * @param lookedAt what it examined, one line each
 * @param incidentTitle the incident's title, or null when nothing unusual was found
 * @param summary the incident's story, or null
 * @param events the incident's events, each as {@code model: explanation}, in time order
 */
public record InvestigationView(String device, Instant at, boolean found, String conclusion, List<String> lookedAt,
    String incidentTitle, String summary, List<String> events) {

  /** The view of a stored report; a report whose JSON cannot be read shows its conclusion alone. */
  public static InvestigationView of(InvestigationReport report) {
    List<String> lookedAt = new ArrayList<>();
    List<String> events = new ArrayList<>();
    String title = null;
    String summary = null;
    try {
      JsonNode root = WebJson.MAPPER.readTree(report.json());
      root.path("lookedAt").forEach(line -> lookedAt.add(line.asText()));
      JsonNode incident = root.path("incident");
      if (incident.isObject()) {
        title = incident.path("title").asText(null);
        List<String> sentences = new ArrayList<>();
        incident.path("summary").forEach(sentence -> sentences.add(sentence.path("text").asText()));
        summary = String.join(" ", sentences);
        incident.path("breaches").forEach(b -> events.add(b.path("model").asText() + ": "
            + b.path("explanation").asText()));
      }
    } catch (JsonProcessingException e) {
      lookedAt.clear();
    }
    return new InvestigationView(report.device(), BreachView.instant(report.atMicros()), report.found(),
        report.conclusion(), lookedAt, title, summary, events);
  }
}
