package org.lanternfish.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lanternfish.search.SearchSyntaxException;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.web.ApiError;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.Metrics;
import org.lanternfish.web.Triage;
import org.lanternfish.web.api.BreachesApi;
import org.lanternfish.web.api.DevicesApi;
import org.lanternfish.web.api.IncidentsApi;
import org.lanternfish.web.api.ModelsApi;
import org.lanternfish.web.api.SearchApi;
import org.lanternfish.web.api.SystemApi;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Principal;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.Sessions;
import org.lanternfish.web.security.User;

/** The server-rendered pages: one template each, the data from the same services the API uses. */
public final class Pages {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  private final Gate gate;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Metrics metrics;
  private final IncidentsApi incidents;
  private final BreachesApi breaches;
  private final SearchApi search;
  private final SystemApi system;
  private final DevicesApi devices;
  private final ModelsApi models;

  /** The pages over the API's services. */
  public Pages(Gate gate, Sessions sessions, AuditLog audit, Metrics metrics, IncidentsApi incidents,
      BreachesApi breaches, SearchApi search, SystemApi system, DevicesApi devices, ModelsApi models) {
    this.gate = gate;
    this.sessions = sessions;
    this.audit = audit;
    this.metrics = metrics;
    this.incidents = incidents;
    this.breaches = breaches;
    this.search = search;
    this.system = system;
    this.devices = devices;
    this.models = models;
  }

  /** Adds the page routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/login", ctx -> render(ctx, "login.jte", new Frame("Log in", "", null, null, "", false),
        Map.of("next", next(ctx), "problem", "")));
    app.post("/login", this::login);
    app.post("/logout", this::logout, Role.VIEWER);
    app.get("/", this::dashboard, Role.VIEWER);
    app.get("/partials/latest-breaches", ctx -> renderPartial(ctx, "partials/latest.jte",
        Map.of("breaches", breaches.page(ctx).items())), Role.VIEWER);
    app.get("/incidents", ctx -> render(ctx, "incidents.jte", frame(ctx, "Incidents", "incidents", false),
        Map.of("incidents", incidents.list(0))), Role.VIEWER);
    app.get("/incidents/{id}", ctx -> render(ctx, "incident.jte", frame(ctx, "Incident", "incidents", true),
        Map.of("detail", incidents.detail(ctx.pathParam("id")))), Role.VIEWER);
    app.post("/incidents/{id}/triage", this::triage, Role.ANALYST);
    app.get("/breaches", ctx -> render(ctx, "breaches.jte", frame(ctx, "Model breaches", "breaches", false),
        Map.of("page", breaches.page(ctx), "filter", BreachesApi.filter(ctx), "suppressed",
            Optional.ofNullable(ctx.queryParam("suppressed")).orElse(""), "suppression",
            Optional.ofNullable(ctx.queryParam("suppression")).orElse(""))), Role.VIEWER);
    app.get("/breaches/{id}", ctx -> {
      BreachView breach = breaches.view(breaches.breach(ctx.pathParam("id")));
      List<SearchApi.Hit> records = breach.recordUids().isEmpty() ? List.of()
          : search.run(BreachView.recordsQuery(breach.recordUids(), breach.ts(), breach.ts()), 50).items();
      render(ctx, "breach.jte", frame(ctx, "Model breach", "breaches", false), Map.of("breach", breach,
          "records", records, "investigation", breaches.investigation(breach.id())));
    }, Role.VIEWER);
    app.get("/search", this::search, Role.VIEWER);
    app.get("/devices", ctx -> render(ctx, "devices.jte", frame(ctx, "Devices", "devices", false),
        Map.of("devices", devices.inventory(), "days", DevicesApi.TREND_DAYS)), Role.VIEWER);
    app.get("/models", ctx -> render(ctx, "models.jte", frame(ctx, "Models", "models", false),
        Map.of("models", models.models().models())), Role.VIEWER);
    app.post("/models/switch", ctx -> {
      String enabled = Optional.ofNullable(ctx.formParam("enabled")).orElse("");
      if (!enabled.equals("true") && !enabled.equals("false")) {
        throw new BadRequest("enabled must be true or false");
      }
      models.change(ctx, Optional.ofNullable(ctx.formParam("name")).orElse(""), enabled.equals("true"));
      ctx.redirect("/models", HttpStatus.SEE_OTHER);
    }, Role.ADMIN);
    app.get("/devices/{device}", ctx -> {
      DevicesApi.DeviceSummary summary = devices.summary(ctx.pathParam("device"));
      render(ctx, "device.jte", frame(ctx, summary.label(), "devices", false), Map.of("summary", summary,
          "events", summary.eventLogQuery() == null ? List.of() : search.run(summary.eventLogQuery(), 50).items()));
    }, Role.VIEWER);
    app.get("/users", ctx -> render(ctx, "users.jte", frame(ctx, "Users", "users", false),
        Map.of("users", system.users(), "added", Optional.ofNullable(ctx.queryParam("added")).orElse(""))),
        Role.ADMIN);
    app.post("/users", ctx -> ctx.redirect("/users?added=" + PageText.url(system.add(ctx).name()), HttpStatus.SEE_OTHER),
        Role.ADMIN);
    app.get("/audit", ctx -> render(ctx, "audit.jte", frame(ctx, "Audit log", "audit", false),
        Map.of("entries", audit.latest(500))), Role.ADMIN);
  }

  private void dashboard(Context ctx) {
    List<BreachView> all = breaches.list(BreachFilter.all(10_000));
    TreeMap<LocalDate, int[]> perDay = new TreeMap<>();
    for (BreachView breach : all) {
      int[] counts = perDay.computeIfAbsent(LocalDate.ofInstant(breach.ts(), ZoneOffset.UTC), d -> new int[2]);
      counts[breach.score() >= 60 ? 1 : 0]++;
    }
    // Quiet days are drawn as zero, not left out.
    if (!perDay.isEmpty()) {
      for (LocalDate day = perDay.firstKey(); day.isBefore(perDay.lastKey()); day = day.plusDays(1)) {
        perDay.putIfAbsent(day, new int[2]);
      }
    }
    Map<String, Object> chart = new HashMap<>();
    chart.put("days", perDay.keySet().stream().map(LocalDate::toString).toList());
    chart.put("low", perDay.values().stream().map(c -> c[0]).toList());
    chart.put("high", perDay.values().stream().map(c -> c[1]).toList());
    render(ctx, "dashboard.jte", frame(ctx, "Dashboard", "dashboard", true), Map.of(
        "incidents", incidents.list(0),
        "latest", all.subList(0, Math.min(10, all.size())),
        "devices", devices.atRisk(10),
        "breachCount", all.size(),
        "chart", PageText.json(chart),
        "health", system.health(false),
        "ingestion", system.ingestion(),
        "backends", system.backends(true)));
  }

  private void search(Context ctx) {
    String query = Optional.ofNullable(ctx.queryParam("q")).orElse("");
    Map<String, Object> model = new HashMap<>();
    model.put("query", query);
    model.put("result", null);
    model.put("problem", null);
    model.put("histogram", "[]");
    if (!query.isBlank()) {
      try {
        SearchApi.Result result = search.run(SearchApi.query(ctx), 500);
        model.put("result", result);
        model.put("histogram", PageText.json(result.histogram()));
      } catch (SearchSyntaxException e) {
        ctx.status(HttpStatus.BAD_REQUEST);
        model.put("problem", e);
      }
    }
    render(ctx, "search.jte", frame(ctx, "Advanced Search", "search", true), model);
  }

  private void login(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("username")).orElse("");
    Secret password = Secret.of(ctx.formParam("password"));
    String next = next(ctx);
    Optional<User> user;
    try {
      user = gate.login(name, password, ctx.ip());
    } catch (io.javalin.http.TooManyRequestsResponse e) {
      metrics.login(false);
      ctx.status(HttpStatus.TOO_MANY_REQUESTS);
      render(ctx, "login.jte", new Frame("Log in", "", null, null, "", false), Map.of("next", next, "problem",
          e.getMessage()));
      return;
    }
    metrics.login(user.isPresent());
    if (user.isEmpty()) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      render(ctx, "login.jte", new Frame("Log in", "", null, null, "", false), Map.of("next", next, "problem",
          "Wrong user name or password."));
      return;
    }
    Sessions.Session session = sessions.start(user.get());
    audit.record(name, "login", null, null, ctx.ip());
    // Secure whenever the browser reached us over TLS (directly or through a proxy that says so); HttpOnly keeps
    // scripts from reading it; Strict keeps other sites from sending it.
    boolean tls = "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    ctx.res().addHeader("Set-Cookie", Gate.COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + sessions.idle().toSeconds() * 24 + (tls ? "; Secure" : ""));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Gate.principal(ctx).flatMap(Principal::session).ifPresent(session -> {
      sessions.end(session.id());
      audit.record(session.user().name(), "logout", null, null, ctx.ip());
    });
    ctx.res().addHeader("Set-Cookie", Gate.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void triage(Context ctx) {
    String id = ctx.pathParam("id");
    String action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    Triage.Kind kind = switch (action) {
      case "acknowledge" -> Triage.Kind.ACKNOWLEDGED;
      case "assign" -> Triage.Kind.ASSIGNED;
      case "close" -> Triage.Kind.CLOSED;
      case "reopen" -> Triage.Kind.REOPENED;
      default -> throw new BadRequest("action must be acknowledge, assign, close or reopen");
    };
    incidents.record(ctx, id, kind, ctx.formParam("text"));
    ctx.redirect("/incidents/" + id, HttpStatus.SEE_OTHER);
  }

  static Frame frame(Context ctx, String title, String nav, boolean charts) {
    Principal principal = Gate.principal(ctx).orElseThrow();
    return new Frame(title, nav, principal.user().name(), principal.user().role().label(),
        principal.session().map(Sessions.Session::csrf).orElse(""), charts);
  }

  /** Where to go after logging in: a path on this site, never another site. */
  private static String next(Context ctx) {
    String next = Optional.ofNullable(ctx.queryParam("next")).orElse(ctx.formParam("next"));
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
  }

  /** Whether the request is a browser's for a page rather than a client's for the API. */
  public static boolean wantsHtml(Context ctx) {
    String path = ctx.path();
    return !path.startsWith("/api/") && !path.equals("/metrics");
  }

  /** Answers a page request that failed with the error page. */
  public static void renderError(Context ctx, ApiError error) {
    Frame frame = Gate.principal(ctx).map(p -> new Frame(error.error(), "", p.user().name(), p.user().role().label(),
        p.session().map(Sessions.Session::csrf).orElse(""), false)).orElse(new Frame(error.error(), "", null, null, "",
        false));
    render(ctx, "error.jte", frame, Map.of("error", error));
  }

  static void render(Context ctx, String template, Frame frame, Map<String, Object> model) {
    Map<String, Object> params = new HashMap<>(model);
    params.put("frame", frame);
    renderPartial(ctx, template, params);
  }

  private static void renderPartial(Context ctx, String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    TEMPLATES.render(template, params, output);
    ctx.contentType("text/html; charset=utf-8").result(output.toString());
  }
}
