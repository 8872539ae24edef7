package org.lanternfish.microsoft.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place Lanternfish talks HTTP to Microsoft: timeouts, retries of throttled (429) and failing (5xx) calls
 * and of calls that got no answer, waiting what {@code Retry-After} asks (decimal seconds included) or else backing
 * off exponentially. Answers that retrying cannot change (400, 401, 403, 404) are returned for the caller to read.
 */
public final class MicrosoftHttp {
  /** The JSON mapper of every Microsoft payload. */
  public static final ObjectMapper JSON = new ObjectMapper();
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration LONGEST_BACKOFF = Duration.ofSeconds(60);

  private final HttpClient client;
  private final Sleeper sleeper;
  private final Clock clock;
  private final int attempts;

  /** A client that tries each call up to {@code attempts} times, waiting with {@code sleeper}. */
  public MicrosoftHttp(Sleeper sleeper, Clock clock, int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.sleeper = sleeper;
    this.clock = clock;
    this.attempts = attempts;
  }

  /** The production client: 5 attempts, real sleeps, the system clock. */
  public static MicrosoftHttp standard() {
    return new MicrosoftHttp(Sleeper.THREAD, Clock.systemUTC(), 5);
  }

  /** A request builder with the timeout every call has. */
  public static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
  }

  /**
   * Sends the request {@code request} makes (called again for each attempt, so it may carry a fresh token), doing
   * {@code what} (named in failures); throws {@link ApiFailure} when no answer came or the call stayed throttled or
   * failing after every attempt.
   */
  public Answer send(String what, Supplier<HttpRequest> request) throws ApiFailure, InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      HttpRequest sent = request.get();
      HttpResponse<byte[]> response;
      try {
        response = client.send(sent, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new ApiFailure(ApiFailure.Kind.UNREACHABLE, what + ": cannot reach " + sent.uri().getHost()
              + (sent.uri().getPort() > 0 ? ":" + sent.uri().getPort() : "") + " (" + describe(e) + ") after "
              + attempts + " attempts", e);
        }
        sleeper.sleep(backoff);
        backoff = longer(backoff);
        continue;
      }
      Answer answer = new Answer(response.statusCode(), response.body(), response.headers());
      if (!answer.retryable()) {
        return answer;
      }
      if (attempt >= attempts) {
        throw new ApiFailure(ApiFailure.Kind.UNAVAILABLE, answer.status(), what + ": " + sent.uri().getHost()
            + " still answers HTTP " + answer.status() + answer.errorText().map(t -> " (" + t + ")").orElse("")
            + " after " + attempts + " attempts");
      }
      Duration wait = RetryAfter.parse(answer.headers().firstValue("Retry-After").orElse(null), clock.instant())
          .orElse(backoff);
      sleeper.sleep(wait);
      backoff = longer(backoff);
    }
  }

  private static Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : doubled;
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  /**
   * One HTTP answer.
   *
   * @param status the HTTP status
   * @param body the body's bytes
   * @param headers the response headers
   */
  public record Answer(int status, byte[] body, HttpHeaders headers) {

    /** True for 2xx. */
    public boolean ok() {
      return status / 100 == 2;
    }

    boolean retryable() {
      return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** The body as JSON; throws {@link ApiFailure} of kind {@code BAD_RESPONSE} when it is not. */
    public JsonNode json(String what) throws ApiFailure {
      try {
        JsonNode node = JSON.readTree(body);
        if (node == null || node.isMissingNode()) {
          throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, status, what + ": empty answer where JSON was expected");
        }
        return node;
      } catch (ApiFailure e) {
        throw e;
      } catch (IOException e) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, what + ": the answer is not valid JSON ("
            + e.getMessage().lines().findFirst().orElse("") + ")", e);
      }
    }

    /**
     * Microsoft's error as {@code code: message}, from Graph's and Defender's {@code {"error": {"code",
     * "message"}}} or Entra's {@code {"error", "error_description"}}; empty when the body says nothing readable.
     */
    public Optional<String> errorText() {
      try {
        JsonNode root = JSON.readTree(body);
        JsonNode error = root == null ? null : root.get("error");
        if (error == null) {
          return Optional.empty();
        }
        if (error.isObject()) {
          String code = error.path("code").asText("");
          String message = error.path("message").asText("");
          return Optional.of(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
        }
        String description = root.path("error_description").asText("").lines().findFirst().orElse("");
        return Optional.of(description.isEmpty() ? error.asText() : error.asText() + ": " + description);
      } catch (IOException | RuntimeException e) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty()
            : Optional.of(text.length() > 200 ? text.substring(0, 200) + "..." : text);
      }
    }
  }
}
