package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lanternfish.store.AlertVerdicts;
import org.lanternfish.store.Incidents;
import org.lanternfish.store.StoredIncident;
import org.lanternfish.web.DeviceLabels;
import org.lanternfish.web.IncidentView;
import org.lanternfish.web.Triage;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;

/** {@code /api/v1/incidents}: the AI Analyst's incidents, their full story, and the analysts' triage of them. */
public final class IncidentsApi {
  private final Incidents incidents;
  private final Triage triage;
  private final AuditLog audit;
  private final DeviceLabels labels;
  private final AlertVerdicts verdicts;

  /**
   * The incidents API over the stored {@code incidents}, recording triage in {@code triage} and {@code audit}, their
   * texts calling devices by the {@code labels}, with the analysts' verdicts on the alerts behind them
   * ({@code verdicts}).
   */
  public IncidentsApi(Incidents incidents, Triage triage, AuditLog audit, DeviceLabels labels,
      AlertVerdicts verdicts) {
    this.incidents = incidents;
    this.triage = triage;
    this.audit = audit;
    this.labels = labels;
    this.verdicts = verdicts;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/incidents", ctx -> ctx.json(Map.of("items", list(Params.integer(ctx, "minPriority", 0, 0,
        100)))), Role.VIEWER);
    app.get("/api/v1/incidents/{id}", ctx -> ctx.json(detail(ctx.pathParam("id"))), Role.VIEWER);
    app.post("/api/v1/incidents/{id}/acknowledge", ctx -> act(ctx, Triage.Kind.ACKNOWLEDGED, "note"), Role.ANALYST);
    app.post("/api/v1/incidents/{id}/assign", ctx -> act(ctx, Triage.Kind.ASSIGNED, "assignee"), Role.ANALYST);
    app.post("/api/v1/incidents/{id}/close", ctx -> act(ctx, Triage.Kind.CLOSED, "comment"), Role.ANALYST);
    app.post("/api/v1/incidents/{id}/reopen", ctx -> act(ctx, Triage.Kind.REOPENED, "comment"), Role.ANALYST);
  }

  /** Incidents with at least {@code minPriority}, highest first. */
  public List<IncidentView> list(int minPriority) {
    return incidents.incidents(minPriority).stream()
        .map(stored -> IncidentView.of(stored, triage.state(stored.id())).relabelled(labels::text)).toList();
  }

  /** The stored incident {@code id}, or a 404. */
  public StoredIncident incident(String id) {
    return incidents.incidents(Integer.MIN_VALUE).stream().filter(i -> i.id().equals(id)).findFirst()
        .orElseThrow(() -> new NotFoundResponse("no incident " + id));
  }

  /** The incident with its whole story and triage. */
  public Detail detail(String id) {
    StoredIncident stored = incident(id);
    ObjectNode story = labels.story(IncidentView.body(stored));
    return new Detail(IncidentView.of(stored, triage.state(id)).relabelled(labels::text), story, triage.acts(id),
        verdicts(story), verdicts.incidentVerdicts(List.of(id)).get(id));
  }

  /** The verdicts on the alerts behind the story's sentences, each with the breaches its sentence links. */
  private List<Verdict> verdicts(ObjectNode story) {
    Map<String, Set<String>> breachesOf = new LinkedHashMap<>();
    for (JsonNode sentence : story.path("summary")) {
      for (JsonNode uid : sentence.path("recordUids")) {
        Set<String> ids = breachesOf.computeIfAbsent(uid.asText(), u -> new LinkedHashSet<>());
        sentence.path("breachIds").forEach(b -> ids.add(b.asText()));
      }
    }
    return verdicts.alertVerdicts(breachesOf.keySet()).values().stream()
        .map(v -> new Verdict(v, List.copyOf(breachesOf.get(v.alertId())))).toList();
  }

  /** Records an analyst's act from a JSON body such as {@code {"note": "..."}} and answers with the incident. */
  private void act(Context ctx, Triage.Kind kind, String field) {
    String id = ctx.pathParam("id");
    incident(id);
    record(ctx, id, kind, Bodies.optionalText(ctx, field));
    ctx.json(detail(id));
  }

  /** Records that the request's user did {@code kind} to incident {@code id}, in the triage and the audit log. */
  public Triage.Act record(Context ctx, String id, Triage.Kind kind, String text) {
    incident(id);
    Triage.Act act = triage.record(id, kind, Gate.user(ctx).name(), text);
    audit.record(act.by(), "incident-" + kind.name().toLowerCase(Locale.ROOT), id, act.text(), ctx.ip());
    return act;
  }

  /**
   * An incident in full.
   *
   * @param incident the list view: priority, devices, status, assignee
   * @param story the AI Analyst's incident: timeline, summary with links, device graph, resemblances, history
   * @param triage what analysts did with it, oldest first
   * @param verdicts what analysts concluded in Microsoft Defender about the alerts behind it
   * @param sentinelVerdict what analysts concluded in Microsoft Sentinel about the incident raised from it, or null
   */
  public record Detail(IncidentView incident, ObjectNode story, List<Triage.Act> triage, List<Verdict> verdicts,
      AlertVerdicts.AlertVerdict sentinelVerdict) {}

  /**
   * An analyst's verdict on an alert behind an incident.
   *
   * @param verdict the classification and determination
   * @param breachIds the incident's breaches the alert is behind
   */
  public record Verdict(AlertVerdicts.AlertVerdict verdict, List<String> breachIds) {}

}
