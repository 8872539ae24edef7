package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.suppression.Suppression;
import org.lanternfish.web.suppression.SuppressionCsv;
import org.lanternfish.web.suppression.Suppressions;

/**
 * {@code /api/v1/suppressions}: the allowlist (trusted devices, destinations, model/device pairs); everyone reads it
 * with what each entry has hidden, analysts add, import and remove entries, and every change is audited.
 */
public final class SuppressionsApi {
  private final Suppressions suppressions;
  private final BreachLog breaches;
  private final LongSupplier lastSeq;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * The allowlist API over {@code suppressions}, counting what they hide among {@code breaches}; a new entry remembers
   * {@code lastSeq}, the outbox's last entry, to tell what it hid since it was made.
   */
  public SuppressionsApi(Suppressions suppressions, BreachLog breaches, LongSupplier lastSeq, AuditLog audit,
      Clock clock) {
    this.suppressions = suppressions;
    this.breaches = breaches;
    this.lastSeq = lastSeq;
    this.audit = audit;
    this.clock = clock;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/suppressions", ctx -> ctx.json(Map.of("items", list())), Role.VIEWER);
    app.post("/api/v1/suppressions", ctx -> ctx.status(HttpStatus.CREATED).json(add(ctx)), Role.ANALYST);
    app.post("/api/v1/suppressions/import", ctx -> ctx.json(importCsv(ctx, ctx.body())), Role.ANALYST);
    app.get("/api/v1/suppressions/{id}", ctx -> ctx.json(one(ctx.pathParam("id"))), Role.VIEWER);
    app.delete("/api/v1/suppressions/{id}", ctx -> ctx.json(remove(ctx, ctx.pathParam("id"))), Role.ANALYST);
  }

  /** Every suppression, newest first, with what it has hidden. */
  public List<SuppressionView> list() {
    List<Suppression> all = suppressions.all();
    Map<String, long[]> counts = new HashMap<>();
    // {matched, matched since it was made}
    for (OutboxEntry.BreachStored stored : breaches.breaches(BreachFilter.all(Integer.MAX_VALUE))) {
      for (Suppression suppression : all) {
        if (suppression.matches(stored.breach())) {
          long[] count = counts.computeIfAbsent(suppression.id(), id -> new long[2]);
          count[0]++;
          if (stored.seq() > suppression.afterSeq()) {
            count[1]++;
          }
        }
      }
    }
    Instant now = clock.instant();
    return all.stream().map(s -> {
      long[] count = counts.getOrDefault(s.id(), new long[2]);
      return new SuppressionView(s, s.inForce(now), count[0], count[1]);
    }).toList();
  }

  /** The suppression {@code id} with what it has hidden, or a 404. */
  public SuppressionView one(String id) {
    suppressions.find(id).orElseThrow(() -> new NotFoundResponse("no suppression " + id));
    return list().stream().filter(v -> v.suppression().id().equals(id)).findFirst().orElseThrow();
  }

  /** Adds the suppression a JSON body or form describes, audited. */
  public Suppression add(Context ctx) {
    JsonNode body = Bodies.object(ctx, Set.copyOf(SuppressionCsv.COLUMNS));
    Suppressions.Request request = new Suppressions.Request(text(body, "kind"), text(body, "device"),
        text(body, "destination"), text(body, "model"), text(body, "expires"), text(body, "reason"));
    Suppression made;
    try {
      made = suppressions.add(request, Gate.user(ctx).name(), lastSeq.getAsLong());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    audit.record(Gate.user(ctx).name(), "suppression-added", made.id(), made.describe() + " until " + made.expires()
        + ": " + made.reason(), ctx.ip());
    return made;
  }

  /** Adds every good row of the CSV {@code text} and reports the bad ones by line; audited. */
  public Imported importCsv(Context ctx, String text) {
    BadRequest.requireText("the CSV", text);
    SuppressionCsv.Reading reading;
    try {
      reading = SuppressionCsv.read(text, suppressions);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    List<Suppression> added = reading.rows().isEmpty() ? List.of() : suppressions.addAll(
        reading.rows().stream().map(SuppressionCsv.Row::request).toList(), Gate.user(ctx).name(), lastSeq.getAsLong());
    audit.record(Gate.user(ctx).name(), "suppressions-imported", added.isEmpty() ? null
        : added.getFirst().id() + ".." + added.getLast().id(), added.size() + " added, " + reading.problems().size()
        + " rows refused", ctx.ip());
    return new Imported(added, reading.problems());
  }

  /** Removes the suppression {@code id}, audited; a 404 when there is none. */
  public Suppression remove(Context ctx, String id) {
    Suppression removed = suppressions.remove(id)
        .orElseThrow(() -> new NotFoundResponse("no suppression " + id));
    audit.record(Gate.user(ctx).name(), "suppression-removed", id, removed.describe(), ctx.ip());
    return removed;
  }

  private static String text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  /**
   * A suppression with what it has hidden.
   *
   * @param suppression the entry
   * @param inForce whether it hides breaches now
   * @param matched the stored breaches it matches (hidden while it is in force)
   * @param matchedSince those of them stored since it was made
   */
  public record SuppressionView(Suppression suppression, boolean inForce, long matched, long matchedSince) {}

  /**
   * What an import added and refused.
   *
   * @param added the suppressions made from good rows
   * @param problems the bad rows, by line
   */
  public record Imported(List<Suppression> added, List<SuppressionCsv.Problem> problems) {}
}
