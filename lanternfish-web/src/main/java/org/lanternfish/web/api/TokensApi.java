package org.lanternfish.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.security.AuditLog;
import org.lanternfish.web.security.Gate;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.User;
import org.lanternfish.web.security.UserBook;

/**
 * {@code /api/v1/tokens}: API tokens. Every user issues, lists and revokes their own; admins list and revoke
 * everyone's. A token is shown once, when issued; issuing and revoking are audited.
 */
public final class TokensApi {
  private final UserBook users;
  private final AuditLog audit;

  /** The tokens API over {@code users}, auditing every change. */
  public TokensApi(UserBook users, AuditLog audit) {
    this.users = users;
    this.audit = audit;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/tokens", ctx -> ctx.json(Map.of("items", list(ctx))), Role.VIEWER);
    app.post("/api/v1/tokens", ctx -> {
      UserBook.IssuedToken issued = issue(ctx);
      // The one time the token is shown: only its digest is kept.
      ctx.status(HttpStatus.CREATED).json(Map.of("token", issued.token().reveal(), "id", issued.view().id(), "user",
          issued.view().user(), "label", issued.view().label()));
    }, Role.VIEWER);
    app.delete("/api/v1/tokens/{id}", ctx -> ctx.json(revoke(ctx, ctx.pathParam("id"))), Role.VIEWER);
  }

  /** The request's user's tokens, or everyone's for an admin. */
  public List<UserBook.TokenView> list(Context ctx) {
    return users.tokens(owner(ctx));
  }

  /** Revokes the token {@code id}, audited; a 404 when there is none the request's user may revoke. */
  public UserBook.TokenView revoke(Context ctx, String id) {
    UserBook.TokenView revoked = users.revoke(id, owner(ctx))
        .orElseThrow(() -> new NotFoundResponse("no token " + id + " of yours"));
    audit.record(Gate.user(ctx).name(), "token-revoked", revoked.user(), revoked.label() + " (" + revoked.id() + ")",
        ctx.ip());
    return revoked;
  }

  /** Issues a token for the request's user with the label a JSON body or form gives, audited. */
  public UserBook.IssuedToken issue(Context ctx) {
    JsonNode body = Bodies.object(ctx, Set.of("label"));
    String label = body.path("label").asText("");
    if (label.length() > 100) {
      throw new BadRequest("label has at most 100 characters");
    }
    User user = Gate.user(ctx);
    UserBook.IssuedToken issued = users.issueToken(user, label);
    audit.record(user.name(), "token-issued", user.name(), label + " (" + issued.view().id() + ")", ctx.ip());
    return issued;
  }

  /** Whose tokens the request may see and revoke: its user's, or everyone's (null) for an admin. */
  private static String owner(Context ctx) {
    User user = Gate.user(ctx);
    return user.role() == Role.ADMIN ? null : user.name();
  }
}
