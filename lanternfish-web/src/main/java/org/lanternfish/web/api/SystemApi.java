package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.EndpointMachines;
import org.lanternfish.store.Incidents;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.store.StoredIncident;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.IngestionHealth;
import org.lanternfish.web.LiveFeed;
import org.lanternfish.web.Metrics;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.User;
import org.lanternfish.web.security.UserBook;
import org.lanternfish.web.suppression.Suppressions;

/** Health, metrics, devices, the audit log, and the accounts API (who am I, users). */
public final class SystemApi {
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");

  private final BreachLog breaches;
  private final Incidents incidents;
  private final LiveFeed feed;
  private final Metrics metrics;
  private final IngestionHealth ingestion;
  private final UserBook users;
  private final AuditLog audit;
  private final Suppressions suppressions;
  private final EndpointMachines endpoints;

  /**
   * The system API over the store's {@code breaches} (leaving out those {@code suppressions} hide) and
   * {@code incidents}, the users, the audit log, and what Defender knows of the machines ({@code endpoints}).
   */
  public SystemApi(BreachLog breaches, Incidents incidents, LiveFeed feed, Metrics metrics, IngestionHealth ingestion,
      UserBook users, AuditLog audit, Suppressions suppressions, EndpointMachines endpoints) {
    this.breaches = breaches;
    this.incidents = incidents;
    this.feed = feed;
    this.metrics = metrics;
    this.ingestion = ingestion;
    this.users = users;
    this.audit = audit;
    this.suppressions = suppressions;
    this.endpoints = endpoints;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/health", ctx -> ctx.json(health()));
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.render(feed, ingestion.figures())), Role.VIEWER);
    app.get("/api/v1/devices", ctx -> ctx.json(Map.of("items", devices())), Role.VIEWER);
    app.get("/api/v1/devices/{device}", ctx -> ctx.json(summary(ctx.pathParam("device"))), Role.VIEWER);
    app.get("/api/v1/audit", ctx -> ctx.json(Map.of("items", audit.latest(Params.integer(ctx, "limit", 100, 1,
        1000)))), Role.ADMIN);
    app.get("/api/v1/me", ctx -> ctx.json(Gate.user(ctx)), Role.VIEWER);
    app.get("/api/v1/users", ctx -> ctx.json(Map.of("items", users.users())), Role.ADMIN);
    app.post("/api/v1/users", this::addUser, Role.ADMIN);
  }

  /** Whether the server is up and how far the outbox has got. */
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("outboxSeq", feed.lastSeq());
    health.put("liveClients", feed.clients());
    ingestion.figures().ifPresent(figures -> health.put("ingestion", figures));
    return health;
  }

  /** How ingestion is doing, empty until the store was first measured. */
  public Optional<IngestionHealth.Figures> ingestion() {
    return ingestion.figures();
  }

  /** Every device that breached or was breached against, most severe first, counting breaches no suppression hides. */
  public List<DeviceView> devices() {
    Map<String, long[]> seen = new LinkedHashMap<>();
    // {breaches, max score, last breach micros, incidents}
    boolean filter = suppressions.anyInForce();
    for (Breach breach : breaches.breaches(Instant.EPOCH, END_OF_TIME, 0)) {
      if (filter && suppressions.hiding(breach).isPresent()) {
        continue;
      }
      long[] row = seen.computeIfAbsent(breach.device(), d -> new long[] {0, 0, Long.MIN_VALUE, 0});
      row[0]++;
      row[1] = Math.max(row[1], breach.score());
      row[2] = Math.max(row[2], breach.ts());
    }
    for (StoredIncident incident : incidents.incidents(Integer.MIN_VALUE)) {
      for (String device : incident.devices()) {
        seen.computeIfAbsent(device, d -> new long[] {0, 0, Long.MIN_VALUE, 0})[3]++;
      }
    }
    return seen.entrySet().stream()
        .map(e -> new DeviceView(e.getKey(), (int) e.getValue()[0], (int) e.getValue()[1],
            e.getValue()[2] == Long.MIN_VALUE ? null : BreachView.instant(e.getValue()[2]), (int) e.getValue()[3]))
        .sorted(Comparator.comparingInt(DeviceView::incidents).reversed()
            .thenComparing(Comparator.comparingInt(DeviceView::maxScore).reversed())
            .thenComparing(DeviceView::device))
        .toList();
  }

  /**
   * One device's summary: its latest breaches no suppression hides and the incidents it takes part in; a 404 when it
   * has neither.
   */
  public DeviceSummary summary(String device) {
    List<OutboxEntry.BreachStored> stored = breaches.breaches(new BreachFilter(0, null, device, null, null,
        Long.MAX_VALUE, 500));
    List<BreachView> latest = stored.stream().filter(b -> suppressions.hiding(b.breach()).isEmpty()).limit(50)
        .map(b -> BreachView.of(b, null)).toList();
    List<String> involved = incidents.incidents(Integer.MIN_VALUE).stream()
        .filter(incident -> incident.devices().contains(device)).map(StoredIncident::id).toList();
    if (stored.isEmpty() && involved.isEmpty()) {
      throw new NotFoundResponse("no breach or incident involves " + device);
    }
    return new DeviceSummary(device, latest, involved,
        isAddress(device) ? "src:" + device + " OR dst:" + device : null);
  }

  private void addUser(Context ctx) {
    ctx.status(HttpStatus.CREATED).json(add(ctx));
  }

  /** Adds the user a JSON body or form describes ({@code name}, {@code role}, {@code password}), audited. */
  public User add(Context ctx) {
    JsonNode body = Bodies.object(ctx, Set.of("name", "role", "password"));
    Role role;
    try {
      role = Role.of(Bodies.required(body, "role"));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    User added;
    try {
      added = users.add(Bodies.required(body, "name"), role, Secret.of(Bodies.required(body, "password")));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    audit.record(Gate.user(ctx).name(), "user-added", added.name(), "role " + role.label(), ctx.ip());
    return added;
  }

  /** Every user. */
  public List<User> users() {
    return users.users();
  }

  /**
   * A device as the inventory lists it.
   *
   * @param device its host name or address
   * @param breaches how many breaches it made
   * @param maxScore its highest breach score
   * @param lastBreach its latest breach, or null
   * @param incidents how many incidents involve it
   */
  public record DeviceView(String device, int breaches, int maxScore, Instant lastBreach, int incidents) {}

  /**
   * A device's summary.
   *
   * @param device its host name or address
   * @param breaches its latest breaches (as the breaching device or the peer), newest first
   * @param incidents the ids of the incidents it takes part in
   * @param eventLogQuery the Advanced Search query of its event log, or null when it is known only by name
   */
  /**
   * What Defender for Endpoint knows of {@code summary}'s device: the machines whose last address or host name is the
   * device's, or one its breaches name it by.
   */
  public List<EndpointMachines.EndpointMachine> endpointMachines(DeviceSummary summary) {
    Set<String> addresses = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    (isAddress(summary.device()) ? addresses : names).add(summary.device());
    for (BreachView b : summary.breaches()) {
      if (summary.device().equals(b.device())) {
        Optional.ofNullable(b.entities().get(Entities.DEVICE_IP)).ifPresent(addresses::add);
        Optional.ofNullable(b.entities().get(Entities.DEVICE_NAME)).ifPresent(names::add);
      }
    }
    return endpoints.endpointMachines(addresses, names);
  }

  private static boolean isAddress(String device) {
    return device.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
  }

  public record DeviceSummary(String device, List<BreachView> breaches, List<String> incidents,
      String eventLogQuery) {}
}
