package org.lanternfish.microsoft.defender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.auth.Resource;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.RateLimit;
import org.lanternfish.microsoft.http.Sleeper;

/**
 * Defender for Endpoint's machine isolation: finds a machine by its last address, isolates it (full or selective)
 * or releases it, and follows the resulting machine action until Defender finishes it. Every call is paced by
 * Defender's documented limit (100 calls a minute, 1,500 an hour).
 */
public final class MachineActions {
  /** The permission isolating and releasing needs. */
  public static final String ISOLATE_PERMISSION = "Machine.Isolate";
  /** The permission finding machines and reading their actions needs. */
  public static final String READ_PERMISSION = "Machine.Read.All";
  /** How long {@link #awaitFinished} waits between two looks at an action. */
  static final Duration POLL_PAUSE = Duration.ofSeconds(5);
  /** How many times {@link #awaitFinished} looks before it hands back an action still under way. */
  static final int POLLS = 24;

  /** How much of the network an isolated machine keeps. */
  public enum Isolation {
    /** Nothing but Defender's own channel. */
    FULL("Full"),
    /** Outlook, Teams and Skype for Business stay connected. */
    SELECTIVE("Selective");

    private final String wire;

    Isolation(String wire) {
      this.wire = wire;
    }

    /** The {@code IsolationType} Defender expects. */
    public String wire() {
      return wire;
    }
  }

  private final AuthorizedClient client;
  private final URI defender;
  private final RateLimit limit;
  private final Sleeper sleeper;

  /** Machine actions on {@code defender}, calls paced by {@code limit}, waits between polls by {@code sleeper}. */
  public MachineActions(AuthorizedClient client, URI defender, RateLimit limit, Sleeper sleeper) {
    this.client = client;
    this.defender = defender;
    this.limit = limit;
    this.sleeper = sleeper;
  }

  /**
   * The machine actions of the tenant and application {@code settings} name, paced by {@code limit}; throws
   * {@link IOException} when the client secret file cannot be used.
   */
  public static MachineActions of(MicrosoftSettings settings, RateLimit limit) throws IOException {
    return new MachineActions(AuthorizedClient.of(settings, MicrosoftHttp.standard(), Clock.systemUTC()),
        settings.defender(), limit, Sleeper.THREAD);
  }

  /** The id of the machine whose last internal address is {@code address}, if Defender knows one. */
  public Optional<String> machineAt(String address) throws ApiFailure, InterruptedException {
    String what = "Defender machine at " + address;
    List<JsonNode> found = pages(URI.create(defender + "/api/machines?$filter="
        + encode("lastIpAddress eq '" + address.replace("'", "''") + "'")), what);
    return found.stream().map(m -> m.path("id").asText("")).filter(id -> !id.isEmpty()).findFirst();
  }

  /** Asks Defender to isolate {@code machineId} as {@code isolation} says, noting {@code comment}. */
  public MachineAction isolate(String machineId, Isolation isolation, String comment)
      throws ApiFailure, InterruptedException {
    ObjectNode body = MicrosoftHttp.JSON.createObjectNode().put("Comment", comment)
        .put("IsolationType", isolation.wire());
    return post(machineId, "isolate", body, "Defender isolation of machine " + machineId);
  }

  /** Asks Defender to release {@code machineId} from isolation, noting {@code comment}. */
  public MachineAction release(String machineId, String comment) throws ApiFailure, InterruptedException {
    ObjectNode body = MicrosoftHttp.JSON.createObjectNode().put("Comment", comment);
    return post(machineId, "unisolate", body, "Defender release of machine " + machineId);
  }

  /** The action {@code id} as it stands now. */
  public MachineAction get(String id) throws ApiFailure, InterruptedException {
    String what = "Defender machine action " + id;
    limit.acquire();
    JsonNode body = client.get(Resource.DEFENDER, URI.create(defender + "/api/machineactions/" + encode(id)), what,
        READ_PERMISSION).json(what);
    return MachineAction.read(body, what);
  }

  /**
   * Looks at {@code action} every few seconds until Defender finishes it, and gives its last state: finished, or
   * still under way after about two minutes (a later look decides it).
   */
  public MachineAction awaitFinished(MachineAction action) throws ApiFailure, InterruptedException {
    MachineAction current = action;
    for (int poll = 0; poll < POLLS && !current.finished(); poll++) {
      sleeper.sleep(POLL_PAUSE);
      current = get(current.id());
    }
    return current;
  }

  /** Every isolation and release of the tenant's machines, each paged list followed to its end. */
  public List<MachineAction> isolations() throws ApiFailure, InterruptedException {
    String what = "Defender isolation actions";
    List<MachineAction> actions = new ArrayList<>();
    for (JsonNode node : pages(URI.create(defender + "/api/machineactions?$filter="
        + encode("type eq 'Isolate' or type eq 'Unisolate'")), what)) {
      actions.add(MachineAction.read(node, what));
    }
    return actions;
  }

  private MachineAction post(String machineId, String verb, ObjectNode body, String what)
      throws ApiFailure, InterruptedException {
    limit.acquire();
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    JsonNode answer = client.send(Resource.DEFENDER, URI.create(defender + "/api/machines/" + encode(machineId)
        + "/" + verb), what, ISOLATE_PERMISSION, b -> b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))).json(what);
    return MachineAction.read(answer, what);
  }

  private List<JsonNode> pages(URI first, String what) throws ApiFailure, InterruptedException {
    List<JsonNode> items = new ArrayList<>();
    DefenderPages.read(client, defender, limit, first, what, READ_PERMISSION, items::add);
    return items;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
