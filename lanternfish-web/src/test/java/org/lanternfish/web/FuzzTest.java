package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends malformed JSON, huge bodies, wrong types and random bytes to every write endpoint the OpenAPI document
 * lists, as an admin (who passes every role check): every answer is a documented 4xx with the error shape.
 */
final class FuzzTest {
  @TempDir static Path directory;
  private static SampleSite site;

  @BeforeAll
  static void start() {
    site = new SampleSite(directory);
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void everyWriteEndpoint_badBodies_getA4xxNeverA500() {
    // A token, not Basic: each Basic request checks a bcrypt hash on purpose slowly, and this sends hundreds.
    String token = site.admin().post("/api/v1/tokens", "{}").json()
        .path("token").asText();
    ApiClient admin = ApiClient.bearer(site.base(), token);
    List<String> paths = writePaths();
    assertThat(paths).contains("/api/v1/incidents/{id}/acknowledge", "/api/v1/users", "/api/v1/tokens");
    int sent = 0;
    for (String template : paths) {
      String path = template.replace("{id}", SampleSite.INCIDENT);
      for (byte[] body : bodies()) {
        for (String type : List.of("application/json", "application/x-www-form-urlencoded", "text/plain")) {
          ApiClient.Answer answer = admin.post(path, body, type);
          sent++;
          assertThat(answer.status()).as("%s %s %s", path, type, preview(body)).isBetween(200, 499);
          if (answer.status() >= 400) {
            assertThat(answer.json().path("reason").asText()).as("%s %s", path, preview(body)).isNotBlank();
          }
        }
      }
      if (template.contains("{id}")) {
        ApiClient.Answer odd = admin.post(template.replace("{id}", "%00%ff..%2F"), "{}");
        assertThat(odd.status()).as(template).isBetween(400, 499);
      }
    }
    assertThat(sent).isGreaterThan(100);
  }

  private static List<String> writePaths() {
    List<String> paths = new ArrayList<>();
    JsonNode documented = OpenApiContract.document().path("paths");
    for (Iterator<String> names = documented.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (documented.path(name).has("post")) {
        paths.add(name);
      }
    }
    return paths;
  }

  private static List<byte[]> bodies() {
    List<String> texts = new ArrayList<>(List.of("{", "}", "[]", "null", "\"text\"", "123", "-1e999", "true",
        "{\"note\": 5}", "{\"comment\": [1, 2]}", "{\"assignee\": {\"a\": null}}", "{\"label\": false}",
        "{\"name\": 1, \"role\": 2, \"password\": 3}", "{\"name\": \"a\", \"role\": \"admin\", \"password\": \"\"}",
        "{\"unknown\": \"x\"}", "{\"note\": \"a\", \"note\": \"b\"}", "{\"note\": \"\\ud800\"}",
        "a=b&c", "%%%", "{\"note\": \"" + "x".repeat(5_000) + "\"}"));
    texts.add("[".repeat(20_000) + "]".repeat(20_000));
    texts.add("{\"label\": \"" + "y".repeat(2 * 1024 * 1024) + "\"}");
    List<byte[]> bodies = new ArrayList<>(texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList());
    Random random = new Random(16);
    for (int i = 0; i < 4; i++) {
      byte[] noise = new byte[1 + random.nextInt(300)];
      random.nextBytes(noise);
      bodies.add(noise);
    }
    return bodies;
  }

  private static String preview(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 60), StandardCharsets.ISO_8859_1);
    return text + (body.length > 60 ? "... (" + body.length + " bytes)" : "");
  }
}
