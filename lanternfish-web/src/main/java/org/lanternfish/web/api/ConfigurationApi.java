package org.lanternfish.web.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.settings.Integration;
import org.lanternfish.web.settings.SiteConfiguration;

/**
 * {@code /api/v1/config} and {@code /api/v1/integrations}: the site's {@code config.toml} (everyone reads it, admins
 * check and save it) and the integrations' connection tests; every save and test is audited.
 */
public final class ConfigurationApi {
  /** At most this much of a change's lines goes into the audit log. */
  private static final int AUDITED_CHANGE_CHARS = 2_000;

  private final SiteConfiguration site;
  private final List<Integration> integrations;
  private final AuditLog audit;

  /** The configuration API over {@code site} and {@code integrations}, auditing every change. */
  public ConfigurationApi(SiteConfiguration site, List<Integration> integrations, AuditLog audit) {
    this.site = site;
    this.integrations = List.copyOf(integrations);
    this.audit = audit;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/config", ctx -> ctx.json(current()), Role.VIEWER);
    app.post("/api/v1/config/check", ctx -> ctx.json(site.read(text(ctx))), Role.ADMIN);
    app.post("/api/v1/config", ctx -> {
      SiteConfiguration.Reading saved = save(ctx, text(ctx));
      if (!saved.valid()) {
        throw new BadRequest(describe(saved.problem()));
      }
      ctx.json(current());
    }, Role.ADMIN);
    app.get("/api/v1/integrations", ctx -> ctx.json(Map.of("items", integrations())), Role.VIEWER);
    app.post("/api/v1/integrations/{id}/test", ctx -> ctx.json(test(ctx, ctx.pathParam("id"))), Role.ADMIN);
  }

  /** The file as it stands: its text and what it configures, or the parser's problem with it. */
  public Current current() {
    String text = site.text();
    SiteConfiguration.Reading reading = site.read(text);
    return new Current(site.location(), text, reading.summary(), reading.problem());
  }

  /** What {@code text} would configure, or its problem; nothing is written. */
  public SiteConfiguration.Reading check(String text) {
    return site.read(text);
  }

  /** Saves {@code text} when it reads without a problem, auditing the lines that changed; returns the reading. */
  public SiteConfiguration.Reading save(Context ctx, String text) {
    String before = site.text();
    SiteConfiguration.Reading saved = site.save(text);
    if (saved.valid()) {
      audit.record(Gate.user(ctx).name(), "config-changed", site.location(), changedLines(before, text), ctx.ip());
    }
    return saved;
  }

  /** The integrations, without their secrets. */
  public List<IntegrationView> integrations() {
    return integrations.stream().map(i -> new IntegrationView(i.id(), i.name(), i.describe())).toList();
  }

  /** Tests the integration {@code id}'s connection now and audits the outcome; a 404 for an unknown id. */
  public Integration.ConnectionTest test(Context ctx, String id) {
    Integration integration = integrations.stream().filter(i -> i.id().equals(id)).findFirst()
        .orElseThrow(() -> new NotFoundResponse("no integration '" + id + "'"));
    Integration.ConnectionTest result = integration.testConnection();
    audit.record(Gate.user(ctx).name(), "integration-tested", id, (result.ok() ? "reached: " : "failed: ")
        + result.message(), ctx.ip());
    return result;
  }

  /** A problem as one line: its line number first when the parser knows it. */
  public static String describe(SiteConfiguration.Problem problem) {
    return (problem.line() > 0 ? "line " + problem.line() + ": " : "") + problem.reason();
  }

  /**
   * The lines {@code after} lost ({@code - }) and gained ({@code + }) against {@code before}, each line counted as
   * often as it occurs; moved lines are not a change.
   */
  static String changedLines(String before, String after) {
    Map<String, Integer> left = new HashMap<>();
    for (String line : before.split("\\R")) {
      left.merge(line.strip(), 1, Integer::sum);
    }
    List<String> added = new ArrayList<>();
    for (String line : after.split("\\R")) {
      String key = line.strip();
      if (left.getOrDefault(key, 0) > 0) {
        left.merge(key, -1, Integer::sum);
      } else if (!key.isEmpty()) {
        added.add("+ " + key);
      }
    }
    List<String> changes = new ArrayList<>();
    for (String line : before.split("\\R")) {
      String key = line.strip();
      if (!key.isEmpty() && left.getOrDefault(key, 0) > 0) {
        left.merge(key, -1, Integer::sum);
        changes.add("- " + key);
      }
    }
    changes.addAll(added);
    String text = changes.isEmpty() ? "no line changed" : String.join("\n", changes);
    return text.length() <= AUDITED_CHANGE_CHARS ? text : text.substring(0, AUDITED_CHANGE_CHARS) + "\n...";
  }

  private static String text(Context ctx) {
    String text = Bodies.object(ctx, Set.of("text")).path("text").asText(null);
    if (text == null) {
      throw new BadRequest("text is required (the whole of config.toml; empty for the defaults)");
    }
    return text;
  }

  /**
   * The configuration file as it stands.
   *
   * @param location where it lives
   * @param text its text, empty when there is none
   * @param summary what it configures, or null when it has a problem
   * @param problem the parser's problem with it, or null
   */
  public record Current(String location, String text, SiteConfiguration.Summary summary,
      SiteConfiguration.Problem problem) {}

  /**
   * An integration as the API lists it.
   *
   * @param id its stable id
   * @param name its name
   * @param description what it is set up to reach, without secrets
   */
  public record IntegrationView(String id, String name, String description) {}
}
