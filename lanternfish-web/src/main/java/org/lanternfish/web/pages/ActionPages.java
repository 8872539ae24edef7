package org.lanternfish.web.pages;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.lanternfish.web.api.ActionsApi;
import org.lanternfish.web.security.Role;

/** RESPOND's pages: the ledger with each action's dry run, and one action with its audit trail and the analyst's forms. */
public final class ActionPages {
  private final ActionsApi actions;

  /** The pages over the actions API's service. */
  public ActionPages(ActionsApi actions) {
    this.actions = actions;
  }

  /** Adds the page routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/actions", ctx -> {
      ActionsApi.Ledger ledger = actions.ledger();
      Pages.render(ctx, "actions.jte", Pages.frame(ctx, "Actions", "actions", false), Map.of("items",
          ledger.items().stream().map(a -> actions.detail(a.id())).toList(), "backends", ledger.backends()));
    }, Role.VIEWER);
    app.get("/actions/{id}", ctx -> Pages.render(ctx, "action.jte", Pages.frame(ctx, "Action", "actions", false),
        Map.of("action", actions.detail(ctx.pathParam("id")))), Role.VIEWER);
    for (String change : ActionsApi.CHANGES) {
      app.post("/actions/{id}/" + change, ctx -> {
        actions.change(ctx, change);
        ctx.redirect("/actions/" + PageText.url(ctx.pathParam("id")), HttpStatus.SEE_OTHER);
      }, Role.ANALYST);
    }
  }
}
