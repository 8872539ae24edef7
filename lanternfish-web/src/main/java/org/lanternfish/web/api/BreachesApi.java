package org.lanternfish.web.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.List;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.security.Role;

/** {@code /api/v1/breaches}: stored model breaches, filtered and paged by cursor, newest commit first. */
public final class BreachesApi {
  private final BreachLog breaches;

  /** The breaches API over {@code breaches}. */
  public BreachesApi(BreachLog breaches) {
    this.breaches = breaches;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/breaches", ctx -> ctx.json(page(ctx)), Role.VIEWER);
    app.get("/api/v1/breaches/{id}", ctx -> ctx.json(BreachView.of(breach(ctx.pathParam("id")))), Role.VIEWER);
  }

  /** The page of breaches the request's filter selects. */
  public Page page(Context ctx) {
    BreachFilter filter = filter(ctx);
    List<BreachView> items = breaches.breaches(filter).stream().map(BreachView::of).toList();
    String next = items.size() == filter.limit() ? Long.toString(items.get(items.size() - 1).seq()) : null;
    return new Page(items, next);
  }

  /** The breaches {@code filter} selects, newest commit first. */
  public List<BreachView> list(BreachFilter filter) {
    return breaches.breaches(filter).stream().map(BreachView::of).toList();
  }

  /** The filter the request's query parameters describe. */
  public static BreachFilter filter(Context ctx) {
    Instant from = Params.instant(ctx, "from");
    Instant to = Params.instant(ctx, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadRequest("from must be before to");
    }
    return new BreachFilter(Params.integer(ctx, "minScore", 0, 0, 100), Params.text(ctx, "model", 200),
        Params.text(ctx, "device", 200), from, to, Params.cursor(ctx), Params.integer(ctx, "limit", 50, 1, 500));
  }

  /** The stored breach {@code id}, or a 404. */
  public OutboxEntry.BreachStored breach(String id) {
    return breaches.breach(id).orElseThrow(() -> new NotFoundResponse("no breach " + id));
  }

  /**
   * One page of breaches.
   *
   * @param items the breaches, newest commit first
   * @param next the cursor of the next page, null on the last
   */
  public record Page(List<BreachView> items, String next) {}
}
