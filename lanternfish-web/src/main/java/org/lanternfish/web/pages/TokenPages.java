package org.lanternfish.web.pages;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.api.TokensApi;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.UserBook;

/** The API tokens page: a user's own tokens (an admin's: everyone's), issued and revoked there. */
public final class TokenPages {
  private final TokensApi tokens;

  /** The page over the tokens API's service. */
  public TokenPages(TokensApi tokens) {
    this.tokens = tokens;
  }

  /** Adds the page routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/tokens", ctx -> page(ctx, null, ""), Role.VIEWER);
    app.post("/tokens", ctx -> {
      try {
        page(ctx, tokens.issue(ctx), "");
      } catch (BadRequest e) {
        ctx.status(HttpStatus.BAD_REQUEST);
        page(ctx, null, e.getMessage());
      }
    }, Role.VIEWER);
    app.post("/tokens/{id}/revoke", ctx -> {
      UserBook.TokenView revoked = tokens.revoke(ctx, ctx.pathParam("id"));
      ctx.redirect("/tokens?revoked=" + revoked.id(), HttpStatus.SEE_OTHER);
    }, Role.VIEWER);
  }

  /** The page, with the token just {@code issued} or the {@code problem} of the form just sent. */
  private void page(Context ctx, UserBook.IssuedToken issued, String problem) {
    String revoked = ctx.queryParam("revoked");
    Map<String, Object> model = new HashMap<>();
    model.put("tokens", tokens.list(ctx));
    model.put("issued", issued == null ? "" : issued.token().reveal());
    model.put("problem", problem);
    model.put("notice", revoked != null && revoked.matches("[0-9a-f]{12}") ? "Revoked " + revoked + "." : "");
    Pages.render(ctx, "tokens.jte", Pages.frame(ctx, "API tokens", "tokens", false), model);
  }
}
