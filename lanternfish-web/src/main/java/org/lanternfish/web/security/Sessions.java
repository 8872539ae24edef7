package org.lanternfish.web.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in browsers: a random session id (the cookie) per login, each with its own CSRF token, ended after
 * {@code idle} without a request or {@code absolute} after the login, whichever comes first.
 */
public final class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> open = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  /** Sessions timed by {@code clock} that end after {@code idle} without use or {@code absolute} after login. */
  public Sessions(Clock clock, Duration idle, Duration absolute) {
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** Starts a session for {@code user}. */
  public Session start(User user) {
    Instant now = clock.instant();
    Session session = new Session(random(), user, random(), now, now);
    open.put(session.id(), session);
    return session;
  }

  /** The session with {@code id} if it has not timed out; using it restarts its idle time. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = open.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(session.lastUsed().plus(idle)) || now.isAfter(session.started().plus(absolute))) {
      open.remove(id);
      return Optional.empty();
    }
    Session used = session.usedAt(now);
    open.put(id, used);
    return Optional.of(used);
  }

  /** Ends the session with {@code id}. */
  public void end(String id) {
    if (id != null) {
      open.remove(id);
    }
  }

  /** How long a session lives without use. */
  public Duration idle() {
    return idle;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * One logged-in browser.
   *
   * @param id the session id its cookie carries
   * @param user who logged in
   * @param csrf the token every form and script of this session sends back with a change
   * @param started when the user logged in
   * @param lastUsed the last request
   */
  public record Session(String id, User user, String csrf, Instant started, Instant lastUsed) {
    Session usedAt(Instant now) {
      return new Session(id, user, csrf, started, now);
    }

    /** Whether {@code token} is this session's CSRF token. */
    public boolean csrfMatches(String token) {
      return token != null && Secret.of(csrf).matches(Secret.of(token));
    }
  }
}
