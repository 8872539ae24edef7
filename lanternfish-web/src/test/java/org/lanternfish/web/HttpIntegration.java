package org.lanternfish.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.lanternfish.web.settings.Integration;

/** An integration for tests: reaching a real HTTP endpoint that answers 200 is a working connection. */
final class HttpIntegration implements Integration {
  private final String id;
  private final Supplier<String> url;

  HttpIntegration(String id, Supplier<String> url) {
    this.id = id;
    this.url = url;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return "HTTP " + id;
  }

  @Override
  public String describe() {
    return url.get();
  }

  @Override
  public ConnectionTest testConnection() {
    long start = System.nanoTime();
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      int status = client.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return new ConnectionTest(status == 200, "HTTP " + status, (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      return new ConnectionTest(false, e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ConnectionTest(false, "interrupted", (System.nanoTime() - start) / 1_000_000);
    }
  }
}
