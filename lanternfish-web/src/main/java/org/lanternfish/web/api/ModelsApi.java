package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.BreachFilter;
import org.lanternfish.store.BreachLog;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.ModelSwitches;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;

/**
 * {@code /api/v1/models}: the model catalogue; admins switch models off and on and set their score thresholds, and
 * everyone may backtest a threshold on the stored breaches.
 */
public final class ModelsApi {
  /** What a backtest is computed from, said on every answer. */
  public static final String BACKTEST_BASIS = "the scores of the model's stored breaches: a higher threshold shows"
      + " which of them would not have been raised (a dropped breach would also start no cooldown, so a few later"
      + " firings might then have been raised); a threshold below the lowest stored score cannot show firings that"
      + " were never raised";

  private final ModelSwitches models;
  private final BreachLog breaches;
  private final AuditLog audit;

  /** The models API over {@code models}, backtesting on {@code breaches}, auditing every change. */
  public ModelsApi(ModelSwitches models, BreachLog breaches, AuditLog audit) {
    this.models = models;
    this.breaches = breaches;
    this.audit = audit;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/models", ctx -> ctx.json(Map.of("items", models.models())), Role.VIEWER);
    app.post("/api/v1/models/disable", ctx -> ctx.json(change(ctx, name(ctx), false)), Role.ADMIN);
    app.post("/api/v1/models/enable", ctx -> ctx.json(change(ctx, name(ctx), true)), Role.ADMIN);
    app.post("/api/v1/models/threshold", ctx -> ctx.json(threshold(ctx)), Role.ADMIN);
    app.get("/api/v1/models/backtest", ctx -> ctx.json(backtest(Params.text(ctx, "model", 200),
        Params.integer(ctx, "threshold", -1, 0, 100))), Role.VIEWER);
  }

  /** The model catalogue. */
  public ModelSwitches models() {
    return models;
  }

  /** Switches the model {@code name} on or off for the request's user, and audits it. */
  public ModelSwitches.ModelView change(Context ctx, String name, boolean enabled) {
    ModelSwitches.ModelView changed;
    try {
      changed = models.setEnabled(name, enabled)
          .orElseThrow(() -> new NotFoundResponse("no model named '" + name + "'"));
    } catch (IllegalStateException cannot) {
      throw new BadRequest(cannot.getMessage());
    }
    audit.record(Gate.user(ctx).name(), enabled ? "model-enabled" : "model-disabled", name, null, ctx.ip());
    return changed;
  }

  /** Sets the threshold a JSON body or form gives ({@code name}, {@code threshold} 0 to 100), audited. */
  public ModelSwitches.ModelView threshold(Context ctx) {
    JsonNode body = Bodies.object(ctx, Set.of("name"), Set.of("threshold"));
    String name = Bodies.required(body, "name");
    if (!body.has("threshold")) {
      throw new BadRequest("threshold is required");
    }
    JsonNode given = body.get("threshold");
    int threshold = given.isNumber() && !given.canConvertToInt() ? -1 : given.asInt(-1);
    if (threshold < 0 || threshold > 100) {
      throw new BadRequest("threshold must be a score from 0 to 100");
    }
    ModelSwitches.ModelView before = find(name);
    ModelSwitches.ModelView changed;
    try {
      changed = models.setThreshold(before.name(), threshold)
          .orElseThrow(() -> new NotFoundResponse("no model named '" + name + "'"));
    } catch (IllegalStateException cannot) {
      throw new BadRequest(cannot.getMessage());
    }
    audit.record(Gate.user(ctx).name(), "model-threshold-changed", changed.id(), "from " + before.threshold()
        + " to " + threshold, ctx.ip());
    return changed;
  }

  /**
   * What the model {@code name} would have raised among the stored breaches at {@code threshold} (its own when
   * negative), day by day.
   */
  public Backtest backtest(String name, int threshold) {
    if (name == null) {
      throw new BadRequest("model is required");
    }
    ModelSwitches.ModelView model = find(name);
    int at = threshold < 0 ? model.threshold() : threshold;
    TreeMap<LocalDate, int[]> days = new TreeMap<>();
    int raised = 0;
    int dropped = 0;
    int lowest = 101;
    List<OutboxEntry.BreachStored> stored = breaches.breaches(new BreachFilter(0, model.id(), null, null, null,
        Long.MAX_VALUE, Integer.MAX_VALUE));
    for (OutboxEntry.BreachStored entry : stored) {
      Breach breach = entry.breach();
      int[] day = days.computeIfAbsent(LocalDate.ofEpochDay(Math.floorDiv(breach.ts(), 86_400_000_000L)),
          d -> new int[2]);
      lowest = Math.min(lowest, breach.score());
      if (breach.score() >= at) {
        raised++;
        day[0]++;
      } else {
        dropped++;
        day[1]++;
      }
    }
    List<BacktestDay> perDay = days.entrySet().stream()
        .map(e -> new BacktestDay(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    return new Backtest(model.id(), model.name(), at, model.threshold(), stored.size(), raised, dropped,
        lowest == 101 ? null : lowest, perDay, BACKTEST_BASIS);
  }

  private ModelSwitches.ModelView find(String name) {
    return models.models().stream().filter(m -> m.name().equals(name) || m.id().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundResponse("no model named '" + name + "'"));
  }

  private static String name(Context ctx) {
    JsonNode body = Bodies.object(ctx, Set.of("name"));
    String name = Bodies.required(body, "name");
    if (name.length() > 200) {
      throw new BadRequest("name has at most 200 characters");
    }
    return name;
  }

  /**
   * What a threshold would have raised among a model's stored breaches.
   *
   * @param model the model's id
   * @param name its display name
   * @param threshold the threshold tried
   * @param current the threshold in force
   * @param stored the model's stored breaches
   * @param raised those scoring at least the threshold
   * @param dropped the others
   * @param lowestScore the lowest stored score, or null with none stored
   * @param days the same per day (UTC) of the breaches' times
   * @param basis what this is computed from, and its limits
   */
  public record Backtest(String model, String name, int threshold, int current, int stored, int raised, int dropped,
      Integer lowestScore, List<BacktestDay> days, String basis) {}

  /**
   * One day of a backtest.
   *
   * @param day the day
   * @param raised breaches at or above the threshold
   * @param dropped breaches below it
   */
  public record BacktestDay(LocalDate day, int raised, int dropped) {}
}
