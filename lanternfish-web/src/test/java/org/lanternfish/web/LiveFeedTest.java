package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.Commit;

final class LiveFeedTest {
  @TempDir Path directory;

  @Test
  void live_breachCommittedWhileListening_isPushedOverServerSentEvents() throws Exception {
    try (SampleSite site = new SampleSite(directory)) {
      HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(site.base() + "/api/v1/live")).header("Accept", "text/event-stream")
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              ("vic:" + SampleSite.VIEWER.reveal()).getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        assertThat(lines.readLine()).isEqualTo("event: hello");
        String allowlisted = "{\"kind\":\"device\",\"device\":\"WS-8\",\"expires\":\""
            + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1) + "\",\"reason\":\"the red team\"}";
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(site.base()
            + "/api/v1/suppressions")).header("Content-Type", "application/json").header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + SampleSite.ADMIN.reveal()).getBytes(
            StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofString(allowlisted)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        site.store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(new Breach("hidden", "hidden",
            "Compliance / Pushed", "Compliance", SampleSite.START, "WS-8", null, 50, List.of(), List.of(), "hidden",
            List.of(), List.of(), Map.of())), List.of(), List.of()));
        site.store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(new Breach("pushed",
            "pushed", "Compliance / Pushed", "Compliance", SampleSite.START, "WS-9", null, 50, List.of(), List.of(),
            "pushed", List.of(), List.of(), Map.of())), List.of(), List.of()));
        site.server.pollOutbox();
        assertThat(nextBreach(lines)).as("marked, so the page's badge leaves it out")
            .contains("\"id\":\"hidden\"", "\"suppressed\":true");
        assertThat(nextBreach(lines)).contains("\"id\":\"pushed\"", "\"device\":\"WS-9\"")
            .doesNotContain("suppressed");
      }
    }
  }

  private static String nextBreach(BufferedReader lines) throws java.io.IOException {
    String line = lines.readLine();
    while (line != null && !line.equals("event: breach")) {
      line = lines.readLine();
    }
    assertThat(line).isEqualTo("event: breach");
    String data = lines.readLine();
    assertThat(data).startsWith("data: ");
    return data;
  }
}
