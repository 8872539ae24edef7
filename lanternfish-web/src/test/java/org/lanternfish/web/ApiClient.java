package org.lanternfish.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lanternfish.web.security.Secret;

/** A real HTTP client for the API tests; every API answer it gets is checked against the OpenAPI contract. */
final class ApiClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final String base;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiClient(String base) {
    this.base = base;
  }

  static ApiClient anonymous(String base) {
    return new ApiClient(base);
  }

  static ApiClient basic(String base, String user, Secret password) {
    return anonymous(base).header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8)));
  }

  static ApiClient bearer(String base, String token) {
    return anonymous(base).header("Authorization", "Bearer " + token);
  }

  ApiClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Answer get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
  }

  Answer delete(String path) {
    return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
  }

  Answer post(String path, String json) {
    return send("POST", path, HttpRequest.BodyPublishers.ofString(json), "application/json");
  }

  Answer post(String path, byte[] body, String contentType) {
    return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
  }

  private Answer send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body);
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Answer answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body(), response);
      if (path.startsWith("/api/v1/") || path.equals("/metrics")) {
        OpenApiContract.check(method, path, answer.status(), answer.contentType(), answer.body());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the server answered. */
  record Answer(int status, String contentType, String body, HttpResponse<String> response) {
    JsonNode json() {
      try {
        return WebJson.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }
}
