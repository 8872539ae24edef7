package org.lanternfish.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.respond.ResponseBackend;
import org.lanternfish.respond.ResponseRule;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.DataFiles;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;

/**
 * RESPOND's policy file ({@code respond.conf}: rules, never-block list, backends) read and changed by admins. Text is
 * checked by {@link ResponseSettings}' own parser, nothing is written while it has a problem, and a good text
 * replaces the file whole; the process's RESPOND takes it at once (one following the file takes an edit made by
 * hand within a second).
 */
public final class ResponsePolicyApi {
  /** The longest policy text accepted. */
  static final int MAX_CHARS = 32 * 1024;
  private static final Pattern PROBLEM = Pattern.compile("(\\d+): (.*)");

  private final Path file;
  private final ResponseService respond;
  private final AuditLog audit;

  /** The policy in {@code dataDir}'s {@code respond.conf}, taken by {@code respond} when saved, auditing changes. */
  public ResponsePolicyApi(Path dataDir, ResponseService respond, AuditLog audit) {
    this.file = dataDir.resolve(ResponseSettings.FILE);
    this.respond = respond;
    this.audit = audit;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/respond/policy", ctx -> ctx.json(current()), Role.ADMIN);
    app.post("/api/v1/respond/policy/check", ctx -> ctx.json(read(text(ctx))), Role.ADMIN);
    app.post("/api/v1/respond/policy", ctx -> {
      Policy saved = save(ctx, text(ctx));
      if (!saved.valid()) {
        throw new BadRequest(String.join("; ", saved.problems().stream().map(p -> "line " + p.line() + ": "
            + p.reason()).toList()));
      }
      ctx.json(saved);
    }, Role.ADMIN);
  }

  /** The file as it stands (empty without one: the shipped policy holds) and what it sets, or its problems. */
  public Policy current() {
    try {
      return read(Files.exists(file) ? Files.readString(file) : "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** What {@code text} would set, or every problem with it by line; nothing is written. */
  public Policy read(String text) {
    if (text.length() > MAX_CHARS) {
      return new Policy(file.toString(), text, List.of(new Problem(0, "the policy has at most " + MAX_CHARS
          + " characters")), List.of(), List.of(), List.of());
    }
    ResponseSettings settings;
    try {
      // The check reads the text only; a Defender backend's connection is opened by the live process at its start.
      settings = ResponseSettings.parse(file.toString(), text, () -> {
        throw new IOException("the policy page only checks the policy");
      });
    } catch (ResponseSettings.InvalidSettings e) {
      List<Problem> problems = new ArrayList<>();
      for (String line : e.getMessage().split("\n")) {
        String where = file + ":";
        Matcher m = PROBLEM.matcher(line.startsWith(where) ? line.substring(where.length()) : line);
        problems.add(m.matches() ? new Problem(Integer.parseInt(m.group(1)), m.group(2)) : new Problem(0, line));
      }
      return new Policy(file.toString(), text, problems, List.of(), List.of(), List.of());
    }
    return new Policy(file.toString(), text, List.of(), settings.policy().rules().stream().map(RuleView::of).toList(),
        settings.neverBlock(), settings.backends().stream().map(ResponseBackend::name).toList());
  }

  /** Replaces the file with {@code text} when it reads without a problem, audited; otherwise writes nothing. */
  public Policy save(Context ctx, String text) {
    Policy reading = read(text);
    if (!reading.valid()) {
      return reading;
    }
    String before = current().text();
    try {
      DataFiles.replace(file, text.getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    audit.record(Gate.user(ctx).name(), "respond-policy-changed", file.toString(),
        ConfigurationApi.changedLines(before, text), ctx.ip());
    respond.reloadPolicy();
    return reading;
  }

  private static String text(Context ctx) {
    String text = Bodies.object(ctx, Set.of("text")).path("text").asText(null);
    if (text == null) {
      throw new BadRequest("text is required (the whole of respond.conf; empty for the shipped policy)");
    }
    return BadRequest.requireText("text", text);
  }

  /**
   * A policy text and what it sets.
   *
   * @param location where the file lives
   * @param text the text
   * @param problems what is wrong with it, by line; empty when it can be used
   * @param rules its rules (the shipped one when it has none)
   * @param neverBlock the addresses and networks it never blocks, beyond this host's own
   * @param backends the backends it sets up, by name
   */
  public record Policy(String location, String text, List<Problem> problems, List<RuleView> rules,
      List<String> neverBlock, List<String> backends) {
    /** Whether the text can be used. */
    @JsonProperty("valid")
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * A problem with a policy text.
   *
   * @param line its 1-based line, or 0 when it concerns the whole text
   * @param reason what is wrong
   */
  public record Problem(int line, String reason) {}

  /**
   * A rule as people read it.
   *
   * @param name its name
   * @param models the model ids it covers (empty: any)
   * @param categories the model categories it covers (empty: any)
   * @param score the score band, such as {@code 60..100}
   * @param withIntegrationAlert whether a Defender alert on the device is also needed
   * @param action what it does
   * @param duration for how long, or {@code escalating}
   * @param mode {@code autonomous} or {@code confirm}
   * @param incidents whether it answers incidents (by priority) instead of breaches
   * @param isolation for a quarantine through Defender, {@code full} or {@code selective}; null for the backend's
   */
  public record RuleView(String name, List<String> models, List<String> categories, String score,
      boolean withIntegrationAlert, String action, String duration, String mode, boolean incidents,
      String isolation) {
    static RuleView of(ResponseRule rule) {
      return new RuleView(rule.name(), rule.modelIds().stream().sorted().toList(),
          rule.categories().stream().sorted().toList(), rule.minScore() + ".." + rule.maxScore(),
          rule.withIntegrationAlert(), rule.kind().name().toLowerCase(Locale.ROOT),
          rule.escalating() ? "escalating" : duration(rule.durationMicros()), rule.autonomous() ? "autonomous"
          : "confirm", rule.incidents(), rule.isolation() == null ? null
          : rule.isolation().name().toLowerCase(Locale.ROOT));
    }

    private static String duration(long micros) {
      long minutes = micros / 60_000_000L;
      return minutes % (24 * 60) == 0 ? minutes / (24 * 60) + "d" : minutes % 60 == 0 ? minutes / 60 + "h"
          : minutes + "m";
    }
  }
}
