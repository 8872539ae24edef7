package org.lanternfish.web.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.api.ResponsePolicyApi;
import org.lanternfish.web.security.Role;

/** The response policy page: RESPOND's {@code respond.conf} viewed, checked and saved by admins. */
public final class PolicyPages {
  private final ResponsePolicyApi policy;

  /** The page over the policy API's service. */
  public PolicyPages(ResponsePolicyApi policy) {
    this.policy = policy;
  }

  /** Adds the page routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/respond/policy", ctx -> page(ctx, policy.current(), "saved".equals(ctx.queryParam("done"))
        ? "Saved; RESPOND takes it when the live process next starts." : ""), Role.ADMIN);
    app.post("/respond/policy", this::change, Role.ADMIN);
  }

  private void change(Context ctx) {
    // Browsers send a text area's lines ending in CRLF; the file keeps the platform's LF.
    String text = Optional.ofNullable(ctx.formParam("text")).orElse("").replace("\r\n", "\n");
    String action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    ResponsePolicyApi.Policy reading;
    try {
      BadRequest.requireText("text", text);
      reading = switch (action) {
        case "check" -> policy.read(text);
        case "save" -> policy.save(ctx, text);
        default -> throw new BadRequest("action must be check or save");
      };
    } catch (BadRequest e) {
      reading = new ResponsePolicyApi.Policy(policy.current().location(), text,
          List.of(new ResponsePolicyApi.Problem(0, e.getMessage())), List.of(), List.of(), List.of());
    }
    if (!reading.valid()) {
      ctx.status(HttpStatus.BAD_REQUEST);
      page(ctx, reading, "");
    } else if (action.equals("save")) {
      ctx.redirect("/respond/policy?done=saved", HttpStatus.SEE_OTHER);
    } else {
      page(ctx, reading, "Checked: this text can be saved. Nothing was saved yet.");
    }
  }

  private void page(Context ctx, ResponsePolicyApi.Policy shown, String notice) {
    Pages.render(ctx, "policy.jte", Pages.frame(ctx, "Response policy", "actions", false), Map.of("policy", shown,
        "notice", notice));
  }
}
