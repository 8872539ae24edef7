package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Set;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.ModelSwitches;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;

/** {@code /api/v1/models}: the model catalogue; admins switch models off and on. */
public final class ModelsApi {
  private final ModelSwitches models;
  private final AuditLog audit;

  /** The models API over {@code models}, auditing every switch. */
  public ModelsApi(ModelSwitches models, AuditLog audit) {
    this.models = models;
    this.audit = audit;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/models", ctx -> ctx.json(Map.of("items", models.models())), Role.VIEWER);
    app.post("/api/v1/models/disable", ctx -> ctx.json(change(ctx, name(ctx), false)), Role.ADMIN);
    app.post("/api/v1/models/enable", ctx -> ctx.json(change(ctx, name(ctx), true)), Role.ADMIN);
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

  private static String name(Context ctx) {
    JsonNode body = Bodies.object(ctx, Set.of("name"));
    String name = Bodies.required(body, "name");
    if (name.length() > 200) {
      throw new BadRequest("name has at most 200 characters");
    }
    return name;
  }
}
