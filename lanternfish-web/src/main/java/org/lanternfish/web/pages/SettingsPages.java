package org.lanternfish.web.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.api.ConfigurationApi;
import org.lanternfish.web.api.SuppressionsApi;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.settings.Integration;
import org.lanternfish.web.settings.SiteConfiguration;

/** The System Configuration page ({@code config.toml}, integrations) and the allowlist page. */
public final class SettingsPages {
  private final ConfigurationApi configuration;
  private final SuppressionsApi suppressions;

  /** The pages over the configuration and allowlist services the API uses. */
  public SettingsPages(ConfigurationApi configuration, SuppressionsApi suppressions) {
    this.configuration = configuration;
    this.suppressions = suppressions;
  }

  /** Adds the page routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/settings", ctx -> {
      String notice = "saved".equals(ctx.queryParam("done")) ? "Saved; detection takes it at its next start." : "";
      settings(ctx, null, notice, null, null);
    }, Role.VIEWER);
    app.post("/settings", this::changeSettings, Role.ADMIN);
    app.post("/settings/integrations/{id}/test", ctx -> {
      String id = ctx.pathParam("id");
      settings(ctx, null, "", id, configuration.test(ctx, id));
    }, Role.ADMIN);
    app.get("/suppressions", ctx -> suppressionsPage(ctx, notice(ctx), null), Role.VIEWER);
    app.post("/suppressions", ctx -> ctx.redirect("/suppressions?added=" + suppressions.add(ctx).id(),
        HttpStatus.SEE_OTHER), Role.ANALYST);
    app.post("/suppressions/import", ctx -> suppressionsPage(ctx, "", suppressions.importCsv(ctx,
        Optional.ofNullable(ctx.formParam("csv")).orElse(""))), Role.ANALYST);
    app.post("/suppressions/{id}/remove", ctx -> ctx.redirect("/suppressions?removed="
        + suppressions.remove(ctx, ctx.pathParam("id")).id(), HttpStatus.SEE_OTHER), Role.ANALYST);
  }

  private void changeSettings(Context ctx) {
    // Browsers send a text area's lines ending in CRLF; the file keeps the platform's LF.
    String text = Optional.ofNullable(ctx.formParam("text")).orElse("").replace("\r\n", "\n");
    String action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    SiteConfiguration.Reading reading;
    try {
      BadRequest.requireText("text", text);
      reading = switch (action) {
        case "check" -> configuration.check(text);
        case "save" -> configuration.save(ctx, text);
        default -> throw new BadRequest("action must be check or save");
      };
    } catch (BadRequest e) {
      // Shown on the form with the text as sent, so nothing typed is lost.
      reading = new SiteConfiguration.Reading(null, new SiteConfiguration.Problem(0, e.getMessage()));
    }
    if (!reading.valid()) {
      ctx.status(HttpStatus.BAD_REQUEST);
      settings(ctx, text, "", null, null, reading);
    } else if (action.equals("save")) {
      ctx.redirect("/settings?done=saved", HttpStatus.SEE_OTHER);
    } else {
      settings(ctx, text, "Checked: this text can be saved. Nothing was saved yet.", null, null, reading);
    }
  }

  private void settings(Context ctx, String text, String notice, String testedId, Integration.ConnectionTest test) {
    settings(ctx, text, notice, testedId, test, null);
  }

  /** The page for the file as it stands, or for {@code text} as submitted with its {@code reading}. */
  private void settings(Context ctx, String text, String notice, String testedId, Integration.ConnectionTest test,
      SiteConfiguration.Reading reading) {
    ConfigurationApi.Current current = configuration.current();
    Map<String, Object> model = new HashMap<>();
    model.put("current", current);
    model.put("text", text == null ? current.text() : text);
    model.put("summary", reading == null ? current.summary() : reading.summary());
    model.put("heading", reading == null ? "In force" : "What this text configures");
    model.put("problem", reading == null ? current.problem() : reading.problem());
    model.put("notice", notice);
    model.put("integrations", configuration.integrations());
    model.put("testedId", testedId);
    model.put("test", test);
    Pages.render(ctx, "settings.jte", Pages.frame(ctx, "System configuration", "settings", false), model);
  }

  private void suppressionsPage(Context ctx, String notice, SuppressionsApi.Imported imported) {
    Map<String, Object> model = new HashMap<>();
    model.put("suppressions", suppressions.list());
    model.put("notice", notice);
    model.put("imported", imported);
    Pages.render(ctx, "suppressions.jte", Pages.frame(ctx, "Allowlist", "suppressions", false), model);
  }

  private static String notice(Context ctx) {
    String added = ctx.queryParam("added");
    String removed = ctx.queryParam("removed");
    String id = added != null ? added : removed;
    if (id == null || !id.matches("S\\d{1,9}")) {
      return "";
    }
    return (added != null ? "Added " : "Removed ") + id + ".";
  }
}
