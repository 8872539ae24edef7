package org.lanternfish.respond.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.BackendException;
import org.lanternfish.respond.ResponseBackend;
import org.lanternfish.respond.ResponseService;

/**
 * RESPOND's actions told to a receiver over HTTP: each change is a JSON POST ({@code apply}, {@code release}, or
 * {@code reconcile} with every action in force), signed as {@link WebhookSignature} says. An answer other than 2xx,
 * or none within 5 s, is a failure the service retries.
 */
public final class WebhookBackend implements ResponseBackend {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final byte[] secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** A webhook posting to {@code url}, signing with {@code secret}. */
  public WebhookBackend(URI url, byte[] secret) {
    this.url = url;
    this.secret = secret.clone();
  }

  @Override
  public String name() {
    return "webhook " + url;
  }

  @Override
  public void install() {
    // Nothing to prepare: the receiver keeps its own state.
  }

  @Override
  public void apply(Action action, long now) {
    ObjectNode body = message("apply", now);
    body.set("action", action(action));
    post(body);
  }

  @Override
  public void release(Action action) {
    ObjectNode body = message("release", 0);
    body.set("action", action(action));
    post(body);
  }

  @Override
  public void reconcile(List<Action> enforced, long now) {
    ObjectNode body = message("reconcile", now);
    ArrayNode actions = body.putArray("actions");
    enforced.forEach(a -> actions.add(action(a)));
    post(body);
  }

  private static ObjectNode message(String event, long now) {
    ObjectNode body = JSON.createObjectNode();
    body.put("event", event);
    if (now != 0) {
      body.put("at", ResponseService.instant(now).toString());
    }
    return body;
  }

  private static ObjectNode action(Action a) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", a.id());
    node.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
    node.put("device", a.target().device());
    node.put("address", a.target().address());
    if (a.target().peer() != null) {
      node.put("peer", a.target().peer());
    }
    node.put("port", a.target().port());
    node.put("expiry", ResponseService.instant(a.expiry()).toString());
    ArrayNode reasons = node.putArray("reasons");
    a.reasons().forEach(reasons::add);
    if (a.kind().isPatternOfLife()) {
      ArrayNode reachable = node.putArray("reachable");
      a.reachable().forEach(r -> reachable.addObject().put("peer", r.peer()).put("port", r.port()));
    }
    return node;
  }

  private void post(ObjectNode message) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(message);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a webhook message", e);
    }
    long sent = Instant.now().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header(WebhookSignature.TIMESTAMP, Long.toString(sent))
        .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, sent, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        String text = answer.body().strip();
        throw new BackendException(url + " answered " + answer.statusCode()
            + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
      }
    } catch (IOException e) {
      throw new BackendException("cannot reach " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while calling " + url);
    }
  }

}
