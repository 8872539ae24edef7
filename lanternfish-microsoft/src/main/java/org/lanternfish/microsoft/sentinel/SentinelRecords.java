package org.lanternfish.microsoft.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * Lanternfish's records in the columns of the streams the shipped data collection rule declares
 * ({@code sentinel/dcr.json}): {@code Custom-LanternfishModelBreaches} and {@code Custom-LanternfishIncidents}.
 * Times are ISO 8601 UTC, lists and nested objects are {@code dynamic} columns.
 */
public final class SentinelRecords {
  /** The stream of model breaches. */
  public static final String BREACHES = "Custom-LanternfishModelBreaches";
  /** The stream of AI Analyst incident updates. */
  public static final String INCIDENTS = "Custom-LanternfishIncidents";

  private SentinelRecords() {
  }

  /** A breach as a row of {@link #BREACHES}; {@code seq} is its outbox sequence number. */
  public static ObjectNode breach(long seq, Breach b) {
    ObjectNode row = MicrosoftHttp.JSON.createObjectNode();
    row.put("TimeGenerated", time(b.ts()));
    row.put("Seq", seq);
    row.put("BreachId", b.id());
    row.put("ModelId", b.modelId());
    row.put("Model", b.model());
    row.put("Category", b.category());
    row.put("Score", b.score());
    row.put("Device", b.device());
    row.put("PeerKind", b.peer() == null ? null : b.peer().kind().name().toLowerCase(Locale.ROOT));
    row.put("Peer", Peer.valueOf(b.peer()));
    strings(row.putArray("Techniques"), b.techniques());
    strings(row.putArray("Tactics"), b.tactics().stream().map(Tactic::label).toList());
    row.put("Explanation", b.explanation());
    ArrayNode evidence = row.putArray("Evidence");
    for (Evidence e : b.evidence()) {
      ObjectNode item = evidence.addObject().put("kind", e.kind()).put("text", e.text());
      if (Double.isFinite(e.value())) {
        item.put("value", e.value());
      }
    }
    strings(row.putArray("RecordUids"), b.recordUids());
    ObjectNode entities = row.putObject("Entities");
    new TreeMap<>(b.entities()).forEach(entities::put);
    return row;
  }

  /**
   * An incident update as a row of {@link #INCIDENTS}: the incident as it now stands ({@code json}, the store's
   * whole incident), or its retirement (merged into another) when {@code retired}.
   */
  public static ObjectNode incident(long seq, String id, boolean retired, String title, int priority, long firstTs,
      long lastTs, int breaches, List<String> devices, String json, Instant now) {
    ObjectNode row = MicrosoftHttp.JSON.createObjectNode();
    row.put("TimeGenerated", now.toString());
    row.put("Seq", seq);
    row.put("IncidentId", id);
    row.put("Retired", retired);
    if (!retired) {
      row.put("Title", title);
      row.put("Priority", priority);
      row.put("FirstActivity", time(firstTs));
      row.put("LastActivity", time(lastTs));
      row.put("BreachCount", breaches);
      strings(row.putArray("Devices"), devices);
      row.set("Incident", parse(json));
    }
    return row;
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? null : MicrosoftHttp.JSON.readTree(json);
    } catch (IOException e) {
      return MicrosoftHttp.JSON.getNodeFactory().textNode(json);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String time(long micros) {
    return Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L)).toString();
  }
}
