package org.lanternfish.microsoft.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * A local stand-in for Entra's token endpoint, Microsoft Graph and the Defender API: a real HTTP server on a free
 * port of the loopback interface. The token endpoint checks the client secret and issues numbered tokens that
 * expire on the given clock; the APIs check them. Answers are scripted per path (queued replies first, before the token check, then a
 * handler), and the server can be stopped and started again on the same port, as a host that goes away.
 */
public final class FakeMicrosoft implements AutoCloseable {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  /** The tenant and application the fake knows. */
  public static final String TENANT = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c";
  public static final String CLIENT = "6731de76-14a6-49ae-97bc-6eba6914391e";
  public static final String SECRET = "sampleCredentia1s";

  /** A scripted answer. */
  public record Reply(int status, String body, Map<String, String> headers) {
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of());
    }
  }

  private final Clock clock;
  private final Map<String, Deque<Reply>> queued = new HashMap<>();
  private final Map<String, Function<HttpExchange, Reply>> handlers = new LinkedHashMap<>();
  private final Map<String, Function<HttpExchange, Reply>> prefixHandlers = new LinkedHashMap<>();
  private final java.util.Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> issued = new HashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> tokenScopes = Collections.synchronizedList(new ArrayList<>());
  private final List<java.security.cert.X509Certificate> certificates = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long tokenSeconds = 3599;
  private HttpServer server;
  private int port;

  /** Starts the fake; tokens expire by {@code clock}. */
  public FakeMicrosoft(Clock clock) throws IOException {
    this.clock = clock;
    start(0);
  }

  /** The folder of Microsoft's sample payloads; the test is skipped when it is absent. */
  public static Path samples() {
    Path data = Path.of(System.getProperty("lanternfish.repo", ".")).resolve("../shared/data/microsoft")
        .normalize();
    Assumptions.assumeTrue(Files.isDirectory(data), "no sample payloads at " + data);
    return data;
  }

  /** The text of sample payload {@code name}. */
  public static String sample(String name) {
    try {
      return Files.readString(samples().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fake's base address, such as {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Writes {@code dataDir}'s {@code config.toml} with a {@code [microsoft]} table whose endpoints are this fake, and
   * its client secret file holding {@code secret}, readable by its owner only.
   */
  public void configure(Path dataDir, String secret) throws IOException {
    Files.writeString(dataDir.resolve("config.toml"), "[microsoft]\n"
        + "tenant_id = \"" + TENANT + "\"\n"
        + "client_id = \"" + CLIENT + "\"\n"
        + "client_secret_file = \"microsoft.secret\"\n"
        + "login_endpoint = \"" + uri() + "\"\n"
        + "graph_endpoint = \"" + uri() + "\"\n"
        + "defender_endpoint = \"" + uri() + "\"\n");
    Path file = dataDir.resolve("microsoft.secret");
    Files.writeString(file, secret + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Answers the calls a connection test makes (alerts, machines, vulnerabilities) with empty pages. */
  public void grantAll() {
    for (String path : List.of("/v1.0/security/alerts_v2", "/api/machines",
        "/api/vulnerabilities/machinesVulnerabilities")) {
      on(path, exchange -> Reply.json(200, "{\"value\":[]}"));
    }
  }

  /** Answers requests to {@code path} with {@code handler} (after any queued replies). */
  public void on(String path, Function<HttpExchange, Reply> handler) {
    handlers.put(path, handler);
  }

  /** Answers requests to paths under {@code prefix} (such as {@code /api/machines/}) that have no handler of their own. */
  public void onUnder(String prefix, Function<HttpExchange, Reply> handler) {
    prefixHandlers.put(prefix, handler);
  }

  /** Answers requests to {@code path} without asking for a token. */
  public void onOpen(String path, Function<HttpExchange, Reply> handler) {
    open.add(path);
    handlers.put(path, handler);
  }

  /** Answers the next request to {@code path} with {@code reply}, before its handler. */
  public synchronized void queue(String path, Reply reply) {
    queued.computeIfAbsent(path, p -> new ArrayDeque<>()).add(reply);
  }

  /** Accepts client assertions signed with {@code certificate}'s key, as an application's certificate credential. */
  public void trustCertificate(java.security.cert.X509Certificate certificate) {
    certificates.add(certificate);
  }

  /** Tokens issued from now on live this long. */
  public void tokenSeconds(long seconds) {
    tokenSeconds = seconds;
  }

  /** Makes every token issued so far invalid, as a revoked consent or a rotated key would. */
  public void revokeTokens() {
    synchronized (issued) {
      issued.replaceAll((token, expires) -> Instant.MIN);
    }
  }

  /** Every request so far, as {@code METHOD path?query}. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The scope of every token request so far. */
  public List<String> tokenScopes() {
    synchronized (tokenScopes) {
      return List.copyOf(tokenScopes);
    }
  }

  /** Stops answering: connections are refused until {@link #restart()}. */
  public void stop() {
    server.stop(0);
  }

  /** Answers again on the same port. */
  public void restart() throws IOException {
    start(port);
  }

  private void start(int wanted) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
    server.createContext("/", exchange -> {
      try {
        handle(exchange);
      } catch (RuntimeException | IOException | Error e) {
        e.printStackTrace();
        throw e;
      }
    });
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
    Reply reply;
    Reply front = queued(path);
    if (front != null) {
      reply = front;
    } else if (path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
      reply = token(exchange);
    } else if (!open.contains(path) && !authorized(exchange)) {
      reply = Reply.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\","
          + "\"message\":\"Access token has expired or is not yet valid.\"}}");
    } else {
      reply = scripted(path, exchange);
    }
    if (reply == null) {
      exchange.close();
      return;
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  /** The next queued reply of {@code path}: queued replies come before the token check, as a gateway's would. */
  private synchronized Reply queued(String path) {
    Deque<Reply> replies = queued.get(path);
    return replies == null ? null : replies.poll();
  }

  private synchronized Reply scripted(String path, HttpExchange exchange) {
    Function<HttpExchange, Reply> handler = handlers.get(path);
    if (handler == null) {
      handler = prefixHandlers.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
    if (handler == null) {
      return Reply.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"no route " + path + "\"}}");
    }
    return handler.apply(exchange);
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Instant expires;
    synchronized (issued) {
      expires = issued.get(header.substring("Bearer ".length()));
    }
    return expires != null && clock.instant().isBefore(expires);
  }

  private Reply token(HttpExchange exchange) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    tokenScopes.add(form.get("scope"));
    if (!CLIENT.equals(form.get("client_id"))) {
      return Reply.json(400, "{\"error\":\"unauthorized_client\",\"error_description\":\"AADSTS700016:"
          + " Application with identifier '" + form.get("client_id") + "' was not found in the directory.\"}");
    }
    if (form.containsKey("client_assertion")) {
      String refusal = assertionRefusal(form);
      if (refusal != null) {
        return Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS700027: Client"
            + " assertion failed signature validation. " + refusal + "\"}");
      }
    } else if (!SECRET.equals(form.get("client_secret"))) {
      return Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid"
          + " client secret provided. Ensure the secret being sent in the request is the client secret value,"
          + " not the client secret ID.\\r\\nTrace ID: 1\",\"error_codes\":[7000215]}");
    }
    String value;
    synchronized (issued) {
      value = "token-" + (issued.size() + 1);
      issued.put(value, clock.instant().plusSeconds(tokenSeconds));
    }
    return Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + tokenSeconds
        + ",\"access_token\":\"" + value + "\"}");
  }

  /** Why a client assertion is refused (signature, thumbprint, audience, issuer, expiry), or null. */
  private String assertionRefusal(Map<String, String> form) {
    if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
      return "wrong client_assertion_type";
    }
    String[] parts = form.get("client_assertion").split("\\.");
    if (parts.length != 3) {
      return "not a JWT";
    }
    try {
      Base64.Decoder url = Base64.getUrlDecoder();
      com.fasterxml.jackson.databind.JsonNode header = JSON.readTree(url.decode(parts[0]));
      com.fasterxml.jackson.databind.JsonNode claims = JSON.readTree(url.decode(parts[1]));
      for (java.security.cert.X509Certificate c : certificates) {
        String thumbprint = Base64.getUrlEncoder().withoutPadding().encodeToString(
            java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
        rs256.initVerify(c.getPublicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!"RS256".equals(header.path("alg").asText()) || !thumbprint.equals(header.path("x5t#S256").asText())
            || !rs256.verify(url.decode(parts[2]))) {
          continue;
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("aud").asText().equals(uri() + "/" + TENANT + "/oauth2/v2.0/token")
            || !CLIENT.equals(claims.path("iss").asText()) || !CLIENT.equals(claims.path("sub").asText())
            || claims.path("exp").asLong() <= now || claims.path("nbf").asLong() > now + 300) {
          return "wrong audience, issuer or validity";
        }
        return null;
      }
      return "no registered certificate matches";
    } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
      return "unreadable assertion";
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
