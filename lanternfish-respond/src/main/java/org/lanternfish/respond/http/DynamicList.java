package org.lanternfish.respond.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.BackendException;
import org.lanternfish.respond.ResponseBackend;
import org.lanternfish.respond.ResponseService;

/**
 * An External Dynamic List that firewalls poll: plain text, one address a line with a comment naming the action and
 * its expiry, served on its own port. A connection block lists its peer, a device-wide action the device. Each entry
 * leaves the list at its action's expiry, whenever the list is fetched, so a firewall that keeps the last list it
 * fetched stops enforcing on time at its next poll. Optionally behind HTTP Basic or a token of its own
 * ({@code Authorization: Bearer}, or {@code ?token=} for firewalls that only take a URL).
 */
public final class DynamicList implements ResponseBackend {

  /** Who may fetch the list: nobody but those with these credentials, or anyone when both are null. */
  public record Access(String user, byte[] password, byte[] token) {}

  private record Entry(String text, long expiry, String comment) {}

  private final InetSocketAddress listen;
  private final String path;
  private final Access access;
  private final LongSupplier clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private HttpServer server;

  /** A list served on {@code listen} at {@code path}, fetched with {@code access}, timed by {@code clock} (µs). */
  public DynamicList(InetSocketAddress listen, String path, Access access, LongSupplier clock) {
    this.listen = listen;
    this.path = path;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "edl " + path;
  }

  /** The port the list is served on (useful when {@code listen} asked for any free port). */
  public synchronized int port() {
    return server == null ? listen.getPort() : server.getAddress().getPort();
  }

  @Override
  public synchronized void install() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(listen, 16);
    } catch (IOException e) {
      throw new BackendException("cannot serve the dynamic list on " + listen + ": " + e.getMessage());
    }
    server.createContext(path, this::answer);
    server.start();
  }

  @Override
  public synchronized void apply(Action action, long now) {
    String text = switch (action.kind()) {
      case BLOCK_CONNECTIONS -> action.target().peer();
      case BLOCK_OUTGOING, BLOCK_INCOMING, QUARANTINE -> action.target().address();
      // A list of addresses to block cannot say "only these peers": a pattern of life is for other backends.
      case PATTERN_OF_LIFE, GROUP_PATTERN_OF_LIFE -> null;
    };
    if (text == null) {
      return;
    }
    entries.put(action.id(), new Entry(text, action.expiry(), action.id() + " "
        + action.kind().name().toLowerCase(Locale.ROOT) + " " + action.target().describe() + " until "
        + ResponseService.instant(action.expiry())));
  }

  @Override
  public synchronized void release(Action action) {
    entries.remove(action.id());
  }

  @Override
  public synchronized void reconcile(List<Action> enforced, long now) {
    entries.clear();
    enforced.forEach(a -> apply(a, now));
  }

  /** The list as a firewall fetching it now gets it. */
  public synchronized String text() {
    long now = clock.getAsLong();
    StringBuilder s = new StringBuilder();
    entries.values().removeIf(e -> e.expiry() <= now);
    for (Entry e : entries.values()) {
      s.append(e.text()).append(" # ").append(e.comment()).append('\n');
    }
    return s.toString();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        send(exchange, 405, "only GET\n");
      } else if (!exchange.getRequestURI().getPath().equals(path)) {
        send(exchange, 404, "no list here\n");
      } else if (!allowed(exchange)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"lanternfish-edl\"");
        send(exchange, 401, "credentials required\n");
      } else {
        send(exchange, 200, text());
      }
    }
  }

  private boolean allowed(HttpExchange exchange) {
    if (access.user() == null && access.token() == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (access.token() != null) {
      String query = exchange.getRequestURI().getRawQuery();
      if (header != null && header.startsWith("Bearer ") && same(header.substring(7).strip(), access.token())) {
        return true;
      }
      if (query != null && query.startsWith("token=") && same(URLDecoder.decode(query.substring(6),
          StandardCharsets.UTF_8), access.token())) {
        return true;
      }
    }
    if (access.user() != null && header != null && header.startsWith("Basic ")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      return colon > 0 && same(decoded.substring(0, colon), access.user().getBytes(StandardCharsets.UTF_8))
          & same(decoded.substring(colon + 1), access.password());
    }
    return false;
  }

  private static boolean same(String given, byte[] expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops serving the list. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

}
