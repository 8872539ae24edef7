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
        site.store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(new Breach("pushed",
            "pushed", "Compliance / Pushed", "Compliance", SampleSite.START, "WS-9", null, 50, List.of(), List.of(),
            "pushed", List.of(), List.of(), Map.of())), List.of(), List.of()));
        site.server.pollOutbox();
        String line = lines.readLine();
        while (line != null && !line.equals("event: breach")) {
          line = lines.readLine();
        }
        assertThat(line).isEqualTo("event: breach");
        assertThat(lines.readLine()).startsWith("data: ").contains("\"id\":\"pushed\"", "\"device\":\"WS-9\"");
      }
    }
  }
}
