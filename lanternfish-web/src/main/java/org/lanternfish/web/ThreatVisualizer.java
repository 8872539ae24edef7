package org.lanternfish.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.search.AdvancedSearch;
import org.lanternfish.search.SearchSyntaxException;
import org.lanternfish.store.EventStore;
import org.lanternfish.web.api.ActionsApi;
import org.lanternfish.web.api.BreachesApi;
import org.lanternfish.web.api.ConfigurationApi;
import org.lanternfish.web.api.DevicesApi;
import org.lanternfish.web.api.IncidentsApi;
import org.lanternfish.web.api.ModelsApi;
import org.lanternfish.web.api.ResponsePolicyApi;
import org.lanternfish.web.api.SearchApi;
import org.lanternfish.web.api.SuppressionsApi;
import org.lanternfish.web.api.SystemApi;
import org.lanternfish.web.api.TokensApi;
import org.lanternfish.web.pages.ActionPages;
import org.lanternfish.web.pages.ModelPages;
import org.lanternfish.web.pages.Pages;
import org.lanternfish.web.pages.PolicyPages;
import org.lanternfish.web.pages.SettingsPages;
import org.lanternfish.web.pages.TokenPages;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.LoginThrottle;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.Sessions;
import org.lanternfish.web.security.UserBook;
import org.lanternfish.web.settings.Integration;
import org.lanternfish.web.settings.SiteConfiguration;
import org.lanternfish.web.suppression.Suppressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Threat Visualizer: the analyst's web UI and the REST API under {@code /api/v1}, over the store's ports, with
 * users, sessions and the audit log kept in the data directory.
 */
public final class ThreatVisualizer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ThreatVisualizer.class);
  /** Request bodies above this are refused with 413 before they are read. */
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private final Javalin app;
  private final LiveFeed feed;
  private final Optional<Secret> generatedAdminPassword;

  private ThreatVisualizer(Javalin app, LiveFeed feed, Optional<Secret> generatedAdminPassword) {
    this.app = app;
    this.feed = feed;
    this.generatedAdminPassword = generatedAdminPassword;
  }

  /**
   * Serves {@code store} on {@code host}:{@code port} (0 picks a free port), keeping users, triage, the allowlist and
   * the audit log in {@code dataDir}, the model catalogue in {@code models}, the site's configuration in {@code site},
   * the {@code integrations} whose connections admins test, the live follower's figures from {@code live} and
   * RESPOND's actions from {@code respond}; the first admin gets {@code adminPassword}, or a random password when it
   * is empty.
   */
  public static ThreatVisualizer start(EventStore store, ModelSwitches models, SiteConfiguration site,
      List<Integration> integrations, IngestionHealth.LiveSource live, ResponseService respond, Path dataDir,
      Secret adminPassword, String host, int port, Clock clock) {
    UserBook users = UserBook.open(dataDir);
    Optional<Secret> generated = users.ensureAdmin(adminPassword);
    AuditLog audit = new AuditLog(dataDir, clock);
    Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
    Gate gate = new Gate(users, sessions, new LoginThrottle(clock, 5, Duration.ofMinutes(5)), audit);
    Triage triage = new Triage(dataDir, clock);
    Metrics metrics = new Metrics();
    Suppressions suppressions = Suppressions.open(dataDir, clock);
    LiveFeed feed = new LiveFeed(store, breach -> suppressions.hiding(breach).isPresent(), 1_000);

    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.jsonMapper(new JavalinJackson(WebJson.MAPPER, false));
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/public";
        files.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
    });
    app.beforeMatched(gate::check);
    app.after(ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("X-Frame-Options", "DENY");
      ctx.header("Referrer-Policy", "same-origin");
      ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; frame-ancestors 'none'");
      metrics.response(ctx.statusCode());
    });
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), null));
    app.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
    app.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
    app.exception(SearchSyntaxException.class, (e, ctx) -> error(ctx, 400, e.problem(), e.column()));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal error; the server log has the details", null);
    });

    DeviceLabels labels = new DeviceLabels(store, feed::lastSeq);
    IncidentsApi incidents = new IncidentsApi(store, triage, audit, labels);
    BreachesApi breaches = new BreachesApi(store, suppressions, labels, store);
    SearchApi search = new SearchApi(new AdvancedSearch(store, clock));
    SystemApi system = new SystemApi(feed, metrics, new IngestionHealth(store, live, clock), respond, users, audit);
    DevicesApi devices = new DevicesApi(store, store, store, store, store, suppressions, labels, site, store);
    devices.register(app);
    ModelsApi modelsApi = new ModelsApi(models, store, audit);
    modelsApi.register(app);
    ActionsApi actions = new ActionsApi(respond, store, audit);
    actions.register(app);
    new ActionPages(actions).register(app);
    ResponsePolicyApi policy = new ResponsePolicyApi(dataDir, respond, audit);
    policy.register(app);
    new PolicyPages(policy).register(app);
    incidents.register(app);
    breaches.register(app);
    search.register(app);
    system.register(app);
    new Pages(gate, sessions, audit, metrics, incidents, breaches, search, system, devices, modelsApi).register(app);
    ConfigurationApi configuration = new ConfigurationApi(site, integrations, audit);
    configuration.register(app);
    SuppressionsApi allowlist = new SuppressionsApi(suppressions, store, feed::lastSeq, audit, clock);
    allowlist.register(app);
    new SettingsPages(configuration, allowlist).register(app);
    new ModelPages(modelsApi).register(app);
    TokensApi tokens = new TokensApi(users, audit);
    tokens.register(app);
    new TokenPages(tokens).register(app);
    app.get("/api/openapi.json", ctx -> ctx.contentType("application/json")
        .result(ThreatVisualizer.class.getResourceAsStream("/openapi.json")));
    app.sse("/api/v1/live", feed::listen, org.lanternfish.web.security.Role.VIEWER);
    app.start(host, port);
    return new ThreatVisualizer(app, feed, generated);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The first admin's password when this start created it at random; shown once, never stored in clear. */
  public Optional<Secret> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  /** Reads the outbox now instead of at the next poll; returns the entries pushed. */
  public int pollOutbox() {
    return feed.poll();
  }

  private static void error(Context ctx, int status, String reason, Integer column) {
    HttpStatus code = HttpStatus.forStatus(status);
    ApiError body = new ApiError(status, code.getMessage(), reason, column);
    ctx.status(status);
    if (Pages.wantsHtml(ctx)) {
      Pages.renderError(ctx, body);
    } else {
      ctx.json(body);
    }
  }

  @Override
  public void close() {
    feed.close();
    app.stop();
  }
}
