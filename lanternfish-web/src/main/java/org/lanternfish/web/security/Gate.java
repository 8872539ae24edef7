package org.lanternfish.web.security;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.lanternfish.web.FormBody;

/**
 * Lets a request through to a route only when it proves a user whose role the route allows: a session cookie (and,
 * for a change, the session's CSRF token), an API token ({@code Authorization: Bearer}) or HTTP Basic. Routes with no
 * role are public.
 */
public final class Gate {
  /** The session cookie's name. */
  public static final String COOKIE = "lf_session";
  /** The header scripts send the CSRF token in; forms send it as the field {@code csrf}. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String PRINCIPAL = "lanternfish.principal";

  private final UserBook users;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  /** A gate over {@code users} and {@code sessions} that throttles and audits failed logins. */
  public Gate(UserBook users, Sessions sessions, LoginThrottle throttle, AuditLog audit) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.audit = audit;
  }

  /** Checks the matched route's roles against the request's user (a before-matched handler). */
  public void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    Optional<Principal> principal = identify(ctx);
    principal.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
    if (roles.isEmpty()) {
      return;
    }
    if (principal.isEmpty()) {
      if (wantsPage(ctx)) {
        ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path()
            + (ctx.queryString() == null ? "" : "?" + ctx.queryString()), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return;
      }
      ctx.header("WWW-Authenticate", "Bearer realm=\"lanternfish\"");
      throw new UnauthorizedResponse("log in, or send an API token (Authorization: Bearer) or HTTP Basic");
    }
    Role needed = roles.stream().map(Role.class::cast).min(Enum::compareTo).orElseThrow();
    Role has = principal.get().user().role();
    if (!has.includes(needed)) {
      throw new ForbiddenResponse("this needs the " + needed.label() + " role; " + principal.get().user().name()
          + " is " + has.label());
    }
    if (changes(ctx) && principal.get().session().isPresent()) {
      String token = ctx.header(CSRF_HEADER);
      if (token == null && FormBody.is(ctx)) {
        token = ctx.formParam("csrf");
      }
      if (!principal.get().session().get().csrfMatches(token)) {
        throw new ForbiddenResponse("missing or wrong CSRF token; reload the page and try again");
      }
    }
  }

  /** The user the request acts for; only on routes with a role, or public routes with a valid session. */
  public static Optional<Principal> principal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  /** The request's user, or a 401 when it has none. */
  public static User user(Context ctx) {
    return principal(ctx).map(Principal::user).orElseThrow(() -> new UnauthorizedResponse("not logged in"));
  }

  /** Refuses an attempt from {@code address} or for {@code name} while too many recent ones failed. */
  public void throttle(String address, String name) {
    Duration wait = throttle.wait("address:" + address, "user:" + name);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw new TooManyRequestsResponse("too many failed logins; try again in " + seconds + " s");
    }
  }

  /** Checks a password login: audited either way, and failures count towards the throttle. */
  public Optional<User> login(String name, Secret password, String address) {
    throttle(address, name);
    Optional<User> user = users.authenticate(name, password);
    if (user.isEmpty()) {
      throttle.failed("address:" + address, "user:" + name);
      audit.record(name, "login-failed", null, null, address);
    }
    return user;
  }

  private Optional<Principal> identify(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      // A request that names its credentials is judged by them alone, never by a cookie beside them.
      return Optional.of(byHeader(ctx, authorization));
    }
    return sessions.find(ctx.cookie(COOKIE)).map(session -> new Principal(session.user(), Optional.of(session)));
  }

  private Principal byHeader(Context ctx, String authorization) {
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return users.byToken(Secret.of(authorization.substring(7).trim()))
          .map(user -> new Principal(user, Optional.empty()))
          .orElseThrow(() -> unauthorized(ctx, "unknown API token"));
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw unauthorized(ctx, "HTTP Basic credentials are not Base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw unauthorized(ctx, "HTTP Basic credentials need user:password");
      }
      String name = decoded.substring(0, colon);
      return login(name, Secret.of(decoded.substring(colon + 1)), ctx.ip())
          .map(user -> new Principal(user, Optional.empty()))
          .orElseThrow(() -> unauthorized(ctx, "wrong user name or password"));
    }
    throw unauthorized(ctx, "the Authorization header takes Bearer or Basic");
  }

  private static UnauthorizedResponse unauthorized(Context ctx, String reason) {
    ctx.header("WWW-Authenticate", "Bearer realm=\"lanternfish\"");
    return new UnauthorizedResponse(reason);
  }

  private static boolean changes(Context ctx) {
    HandlerType method = ctx.method();
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }

  private static boolean wantsPage(Context ctx) {
    return !ctx.path().startsWith("/api/") && !ctx.path().equals("/metrics") && !ctx.path().startsWith("/partials/");
  }
}
