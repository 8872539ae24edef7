package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lanternfish.respond.BackendHealth;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.IngestionHealth;
import org.lanternfish.web.LiveFeed;
import org.lanternfish.web.Metrics;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.User;
import org.lanternfish.web.security.UserBook;

/** Health, metrics, the audit log, and the accounts API (who am I, users). */
public final class SystemApi {
  private final LiveFeed feed;
  private final Metrics metrics;
  private final IngestionHealth ingestion;
  private final UserBook users;
  private final AuditLog audit;
  private final ResponseService respond;

  /** The system API over the live feed, ingestion's figures, RESPOND's backends, the users and the audit log. */
  public SystemApi(LiveFeed feed, Metrics metrics, IngestionHealth ingestion, ResponseService respond, UserBook users,
      AuditLog audit) {
    this.feed = feed;
    this.metrics = metrics;
    this.ingestion = ingestion;
    this.users = users;
    this.audit = audit;
    this.respond = respond;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/health", ctx -> ctx.json(health(Gate.principal(ctx).isPresent())));
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.render(feed, ingestion.figures())), Role.VIEWER);
    app.get("/api/v1/audit", ctx -> ctx.json(Map.of("items", audit.latest(Params.integer(ctx, "limit", 100, 1,
        1000)))), Role.ADMIN);
    app.get("/api/v1/me", ctx -> ctx.json(Gate.user(ctx)), Role.VIEWER);
    app.get("/api/v1/users", ctx -> ctx.json(Map.of("items", users.users())), Role.ADMIN);
    app.post("/api/v1/users", this::addUser, Role.ADMIN);
  }

  /**
   * Whether the server is up, how far the outbox has got, how ingestion and RESPOND's backends are doing; what a
   * failing backend said only to a {@code signedIn} user, since it may name hosts inside the site.
   */
  public Map<String, Object> health(boolean signedIn) {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("outboxSeq", feed.lastSeq());
    health.put("liveClients", feed.clients());
    ingestion.figures().ifPresent(figures -> health.put("ingestion", figures));
    health.put("respondBackends", backends(signedIn));
    return health;
  }

  /** How each RESPOND backend is doing; what a failing one said only for a {@code signedIn} user. */
  public List<BackendHealth> backends(boolean signedIn) {
    return respond.health().stream().map(h -> signedIn ? h : new BackendHealth(h.name(), h.healthy(), h.failures(),
        null, h.lastReconciled(), h.nextRetry())).toList();
  }

  /** How ingestion is doing, empty until the store was first measured. */
  public Optional<IngestionHealth.Figures> ingestion() {
    return ingestion.figures();
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
}
