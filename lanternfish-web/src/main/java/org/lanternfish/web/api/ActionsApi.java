package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.BackendHealth;
import org.lanternfish.respond.DryRun;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.ConnectionHistory;
import org.lanternfish.web.ActionView;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;

/**
 * {@code /api/v1/actions}: RESPOND's ledger with each action's dry run and the backends' health; analysts confirm,
 * clear and extend actions, viewers read; every change is audited.
 */
public final class ActionsApi {
  private final ResponseService respond;
  private final ConnectionHistory history;
  private final AuditLog audit;

  /** The actions API over {@code respond}, with dry runs from {@code history}, auditing in {@code audit}. */
  public ActionsApi(ResponseService respond, ConnectionHistory history, AuditLog audit) {
    this.respond = respond;
    this.history = history;
    this.audit = audit;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/actions", ctx -> ctx.json(ledger()), Role.VIEWER);
    app.get("/api/v1/actions/{id}", ctx -> ctx.json(detail(ctx.pathParam("id"))), Role.VIEWER);
    for (String change : CHANGES) {
      app.post("/api/v1/actions/{id}/" + change, ctx -> ctx.json(view(change(ctx, change))), Role.ANALYST);
    }
  }

  /** The changes an analyst makes to an action, each a path under it. */
  public static final List<String> CHANGES = List.of("confirm", "clear", "extend");

  /**
   * The ledger: every action, newest first, and how each backend is doing.
   *
   * @param items the actions
   * @param backends the backends' health
   */
  public record Ledger(List<ActionView> items, List<BackendHealth> backends) {}

  /** Every action, newest first, with the backends' health. */
  public Ledger ledger() {
    List<ActionView> items = respond.actions().reversed().stream().map(a -> ActionView.of(a, null)).toList();
    return new Ledger(items, respond.health());
  }

  /** One action with its dry run, or a 404. */
  public ActionView detail(String id) {
    return view(found(() -> respond.action(id)));
  }

  /** The action with its dry run. */
  public ActionView view(Action a) {
    return ActionView.of(a, DryRun.of(a, history));
  }

  /**
   * Makes the change {@code what} (confirm, clear, extend) that the request's user asks of action {@code id} with a
   * JSON body or form ({@code note}; {@code by} to extend), audits it, and returns the action after it.
   */
  public Action change(Context ctx, String what) {
    String id = ctx.pathParam("id");
    JsonNode body = Bodies.object(ctx, what.equals("extend") ? Set.of("by", "note") : Set.of("note"));
    String user = Gate.user(ctx).name();
    String note = text(body, "note");
    String by = what.equals("extend") ? Bodies.required(body, "by") : null;
    Action a = found(() -> switch (what) {
      case "confirm" -> respond.confirm(id, user);
      case "clear" -> respond.clear(id, user, note);
      case "extend" -> respond.extend(id, duration(by), user);
      default -> throw new BadRequest("no change " + what);
    });
    audit.record(user, "action-" + what, id, by == null ? note : "by " + by + (note == null ? "" : ": " + note),
        ctx.ip());
    return a;
  }

  private static Action found(Supplier<Action> work) {
    try {
      return work.get();
    } catch (BadRequest e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new NotFoundResponse(e.getMessage());
    } catch (IllegalStateException e) {
      throw new ConflictResponse(e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static long duration(String text) {
    try {
      return ResponseSettings.durationMicros(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("by: " + e.getMessage());
    }
  }
}
