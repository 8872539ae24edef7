package org.lanternfish.web.pages;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.web.api.ModelsApi;
import org.lanternfish.web.security.Role;

/** A model's threshold (admins set it) and its backtest on the stored breaches. */
public final class ModelPages {
  private final ModelsApi models;

  /** The pages over the models API's service. */
  public ModelPages(ModelsApi models) {
    this.models = models;
  }

  /** Adds the page routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/models/backtest", ctx -> {
      String threshold = Optional.ofNullable(ctx.queryParam("threshold")).orElse("");
      ModelsApi.Backtest backtest = models.backtest(ctx.queryParam("model"), threshold.isEmpty() ? -1
          : parse(threshold));
      Pages.render(ctx, "backtest.jte", Pages.frame(ctx, "Backtest", "models", false), Map.of("backtest", backtest));
    }, Role.VIEWER);
    app.post("/models/threshold", ctx -> {
      String id = models.threshold(ctx).id();
      ctx.redirect("/models/backtest?model=" + PageText.url(id), HttpStatus.SEE_OTHER);
    }, Role.ADMIN);
  }

  private static int parse(String threshold) {
    if (!threshold.matches("\\d{1,3}") || Integer.parseInt(threshold) > 100) {
      throw new org.lanternfish.web.BadRequest("threshold must be a score from 0 to 100, not '" + threshold + "'");
    }
    return Integer.parseInt(threshold);
  }
}
