package org.lanternfish.web.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanternfish.store.AlertVerdicts;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.InvestigationReports;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.DeviceLabels;
import org.lanternfish.web.InvestigationView;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.suppression.Suppression;
import org.lanternfish.web.suppression.Suppressions;

/**
 * {@code /api/v1/breaches}: stored model breaches, filtered and paged by cursor, newest commit first; breaches a
 * suppression in force hides are left out unless asked for.
 */
public final class BreachesApi {
  /** Breaches are read from the store in pages of at least this many while suppressed ones are skipped. */
  private static final int READ_AHEAD = 500;

  private final BreachLog breaches;
  private final Suppressions suppressions;
  private final DeviceLabels labels;
  private final InvestigationReports investigations;
  private final AlertVerdicts verdicts;

  /**
   * The breaches API over {@code breaches}, hiding what {@code suppressions} hide, explanations calling devices by the
   * {@code labels}, with the investigations breaches triggered ({@code investigations}) and the analysts' verdicts
   * on the alerts behind them ({@code verdicts}).
   */
  public BreachesApi(BreachLog breaches, Suppressions suppressions, DeviceLabels labels,
      InvestigationReports investigations, AlertVerdicts verdicts) {
    this.breaches = breaches;
    this.suppressions = suppressions;
    this.labels = labels;
    this.investigations = investigations;
    this.verdicts = verdicts;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/breaches", ctx -> ctx.json(page(ctx)), Role.VIEWER);
    app.get("/api/v1/breaches/{id}", ctx -> ctx.json(view(breach(ctx.pathParam("id")))), Role.VIEWER);
  }

  /** The page of breaches the request's filter selects. */
  public Page page(Context ctx) {
    return page(filter(ctx), Shown.of(ctx, suppressions));
  }

  /** The breaches {@code filter} selects that no suppression hides, newest commit first. */
  public List<BreachView> list(BreachFilter filter) {
    return page(filter, Shown.UNSUPPRESSED).items();
  }

  /** The breach as the API shows it, with the suppression that hides it. */
  public BreachView view(OutboxEntry.BreachStored stored) {
    return BreachView.of(stored, suppressions.hiding(stored.breach()).map(Suppression::id).orElse(null))
        .withExplanation(labels::text);
  }

  /** The verdicts analysts gave in Defender on the alerts behind {@code breach}, by alert id. */
  public List<AlertVerdicts.AlertVerdict> verdicts(BreachView breach) {
    return List.copyOf(verdicts.alertVerdicts(breach.recordUids()).values());
  }

  private Page page(BreachFilter filter, Shown shown) {
    if (shown == Shown.ALL || (shown == Shown.UNSUPPRESSED && !suppressions.anyInForce())) {
      List<BreachView> items = breaches.breaches(filter).stream().map(this::view).toList();
      return new Page(items, items.size() == filter.limit() ? Long.toString(items.getLast().seq()) : null);
    }
    List<BreachView> items = new ArrayList<>();
    long before = filter.beforeSeq();
    int batch = Math.max(filter.limit(), READ_AHEAD);
    while (true) {
      List<OutboxEntry.BreachStored> read = breaches.breaches(new BreachFilter(filter.minScore(), filter.model(),
          filter.device(), filter.from(), filter.to(), before, batch));
      for (OutboxEntry.BreachStored stored : read) {
        BreachView view = view(stored);
        if (shown.keeps(view, stored)) {
          items.add(view);
          if (items.size() == filter.limit()) {
            return new Page(items, Long.toString(view.seq()));
          }
        }
        before = stored.seq();
      }
      if (read.size() < batch) {
        return new Page(items, null);
      }
    }
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

  /** The AI Analyst's investigation breach {@code id} triggered, if one ran. */
  public Optional<InvestigationView> investigation(String id) {
    return investigations.investigationOf(id).map(InvestigationView::of);
  }

  /** The stored breach {@code id}, or a 404. */
  public OutboxEntry.BreachStored breach(String id) {
    return breaches.breach(id).orElseThrow(() -> new NotFoundResponse("no breach " + id));
  }

  /**
   * Which breaches a list shows: those no suppression hides (the default), all, only suppressed ones, or those one
   * suppression matches (in force or not).
   *
   * @param mode hide, include or only
   * @param suppression the one suppression whose breaches are shown, or null
   */
  public record Shown(String mode, Suppression suppression) {
    static final Shown UNSUPPRESSED = new Shown("hide", null);
    static final Shown ALL = new Shown("include", null);

    /** What the request's {@code suppressed} (hide, include, only) and {@code suppression} (an id) ask for. */
    public static Shown of(Context ctx, Suppressions suppressions) {
      String id = Params.text(ctx, "suppression", 40);
      if (id != null) {
        return new Shown("only", suppressions.find(id)
            .orElseThrow(() -> new NotFoundResponse("no suppression " + id)));
      }
      String mode = Optional.ofNullable(Params.text(ctx, "suppressed", 10)).orElse("hide");
      return switch (mode) {
        case "hide" -> UNSUPPRESSED;
        case "include" -> ALL;
        case "only" -> new Shown("only", null);
        default -> throw new BadRequest("suppressed must be hide, include or only, not '" + mode + "'");
      };
    }

    boolean keeps(BreachView view, OutboxEntry.BreachStored stored) {
      return switch (mode) {
        case "hide" -> view.suppressedBy() == null;
        case "only" -> suppression == null ? view.suppressedBy() != null : suppression.matches(stored.breach());
        default -> true;
      };
    }
  }

  /**
   * One page of breaches.
   *
   * @param items the breaches, newest commit first
   * @param next the cursor of the next page, null on the last
   */
  public record Page(List<BreachView> items, String next) {}
}
