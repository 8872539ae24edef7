package org.lanternfish.microsoft.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;

/**
 * Defender for Endpoint's machines and machine actions on a {@link FakeMicrosoft}, with state: machines are found by
 * {@code lastIpAddress}, an isolation or release is a machine action that stays {@code Pending} for a number of
 * looks and then succeeds (changing the machine) or fails, and the actions are listed as Defender lists them. The
 * JSON is that of the documented machine and machine action samples.
 */
public final class FakeDefender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ADDRESS = Pattern.compile("lastIpAddress eq '([^']*)'");

  private final Clock clock;
  private final Map<String, ObjectNode> machines = new LinkedHashMap<>();
  private final Map<String, String> isolation = new LinkedHashMap<>();
  private final Map<String, ObjectNode> actions = new LinkedHashMap<>();
  private final Map<String, Integer> looks = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private int pendingLooks;
  private int failing;

  /** Serves machines and machine actions on {@code fake}, timing actions by {@code clock}. */
  public FakeDefender(FakeMicrosoft fake, Clock clock) {
    this.clock = clock;
    fake.on("/api/machines", this::machines);
    fake.onUnder("/api/machines/", this::request);
    fake.on("/api/machineactions", exchange -> list());
    fake.onUnder("/api/machineactions/", this::look);
  }

  /** Adds a machine with {@code id}, DNS name and last address, shaped as the documented machine sample. */
  public synchronized void machine(String id, String dnsName, String address) {
    try {
      ObjectNode m = (ObjectNode) JSON.readTree(FakeMicrosoft.sample("mde-machine-get-response.json"));
      m.remove("@odata.context");
      machines.put(id, m.put("id", id).put("computerDnsName", dnsName).put("lastIpAddress", address));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Actions requested from now on stay pending for {@code count} looks before they finish. */
  public synchronized void pendingFor(int count) {
    pendingLooks = count;
  }

  /** The next {@code count} actions requested end {@code Failed}. */
  public synchronized void failNext(int count) {
    failing = count;
  }

  /** The machine's isolation ({@code Full} or {@code Selective}), or null while it is not isolated. */
  public synchronized String isolation(String machineId) {
    return isolation.get(machineId);
  }

  /** Every isolation and release requested, as {@code Isolate machine Full: comment} or {@code Unisolate machine}. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** Isolates {@code machineId} as an analyst in the portal would, with their own comment. */
  public synchronized void isolateByHand(String machineId) {
    ObjectNode action = action("Isolate", "Full", machineId, "isolated by an analyst");
    finish(action, true);
  }

  private synchronized Reply machines(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    String filter = query == null ? null : param(query, "$filter");
    ArrayNode value = JSON.createArrayNode();
    for (ObjectNode m : machines.values()) {
      Matcher address = filter == null ? null : ADDRESS.matcher(filter);
      if (address == null || address.find() && address.group(1).equals(m.path("lastIpAddress").asText())) {
        value.add(m);
      }
    }
    return Reply.json(200, JSON.createObjectNode().set("value", value).toString());
  }

  private synchronized Reply request(HttpExchange exchange) {
    String[] parts = exchange.getRequestURI().getPath().split("/");
    if (parts.length != 5 || !exchange.getRequestMethod().equals("POST") || !machines.containsKey(parts[3])) {
      return Reply.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"Machine "
          + (parts.length > 3 ? parts[3] : "") + " was not found\"}}");
    }
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    } catch (IOException e) {
      return Reply.json(400, FakeMicrosoft.sample("mde-error-invalidrequestbody.json"));
    }
    String type = switch (parts[4]) {
      case "isolate" -> "Isolate";
      case "unisolate" -> "Unisolate";
      default -> null;
    };
    if (type == null || !body.hasNonNull("Comment")
        || type.equals("Isolate") && !body.path("IsolationType").asText().matches("Full|Selective")) {
      return Reply.json(400, FakeMicrosoft.sample("mde-error-invalidrequestbody.json"));
    }
    ObjectNode action = action(type, type.equals("Isolate") ? body.path("IsolationType").asText() : null, parts[3],
        body.path("Comment").asText());
    requests.add(type + " " + parts[3] + (type.equals("Isolate") ? " " + action.path("scope").asText() : "") + ": "
        + body.path("Comment").asText());
    if (pendingLooks == 0) {
      finish(action, failing == 0);
      failing = Math.max(0, failing - 1);
    }
    return Reply.json(201, action.toString());
  }

  private ObjectNode action(String type, String scope, String machineId, String comment) {
    ObjectNode action;
    try {
      action = (ObjectNode) JSON.readTree(FakeMicrosoft.sample("mde-machineaction-response.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = "ma-" + (actions.size() + 1);
    action.put("id", id).put("type", type).put("status", "Pending").put("machineId", machineId)
        .put("computerDnsName", machines.get(machineId).path("computerDnsName").asText())
        .put("requestor", FakeMicrosoft.CLIENT).put("requestorComment", comment)
        .put("creationDateTimeUtc", clock.instant().toString()).put("lastUpdateDateTimeUtc", clock.instant().toString());
    if (scope == null) {
      action.putNull("scope");
    } else {
      action.put("scope", scope);
    }
    actions.put(id, action);
    looks.put(id, 0);
    return action;
  }

  private void finish(ObjectNode action, boolean succeeded) {
    action.put("status", succeeded ? "Succeeded" : "Failed").put("lastUpdateDateTimeUtc", clock.instant().toString());
    if (succeeded) {
      String machine = action.path("machineId").asText();
      if (action.path("type").asText().equals("Isolate")) {
        isolation.put(machine, action.path("scope").asText());
      } else {
        isolation.remove(machine);
      }
    }
  }

  private synchronized Reply look(HttpExchange exchange) {
    String id = exchange.getRequestURI().getPath().substring("/api/machineactions/".length());
    ObjectNode action = actions.get(id);
    if (action == null) {
      return Reply.json(404, FakeMicrosoft.sample("mde-error-resourcenotfound.json"));
    }
    int seen = looks.merge(id, 1, Integer::sum);
    if (action.path("status").asText().equals("Pending") && seen >= pendingLooks) {
      finish(action, failing == 0);
      failing = Math.max(0, failing - 1);
    }
    return Reply.json(200, action.toString());
  }

  private synchronized Reply list() {
    ArrayNode value = JSON.createArrayNode();
    actions.values().forEach(value::add);
    return Reply.json(200, JSON.createObjectNode().set("value", value).toString());
  }

  private static String param(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
