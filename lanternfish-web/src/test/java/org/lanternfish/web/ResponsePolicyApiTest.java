package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.respond.ResponseRule;
import org.lanternfish.respond.ResponseSettings;

/**
 * RESPOND's policy (respond.conf) read, checked and saved over a real server, in order: without a file, then bad
 * texts that must write nothing, then a good one; answers checked by OpenAPI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ResponsePolicyApiTest {
  private static final String GOOD = """
      rule: lateral-confirm
      categories: Anomalous Connection
      score: 60..100
      action: block_connections
      duration: 2h
      mode: confirm

      never_block: 10.0.0.1, 10.0.0.53/32
      """;
  private static final String BAD = """
      rule: broken
      action: explode
      duration: 2h
      mode: autonomous

      never_block: 10.0.0.300
      """;
  @TempDir static Path directory;
  private static SampleSite site;
  private static ApiClient admin;

  @BeforeAll
  static void start() {
    site = new SampleSite(directory);
    admin = site.admin();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  @Order(1)
  void policy_withoutAFile_isTheShippedOne() {
    JsonNode policy = admin.get("/api/v1/respond/policy").json();
    assertThat(policy.path("valid").asBoolean()).isTrue();
    assertThat(policy.path("text").asText()).isEmpty();
    assertThat(policy.path("rules")).isNotEmpty();
    assertThat(policy.path("backends")).isEmpty();
  }

  @Test
  @Order(2)
  void check_reportsEveryProblemByLine_andWritesNothing() {
    JsonNode checked = admin.post("/api/v1/respond/policy/check", body(BAD)).json();
    assertThat(checked.path("valid").asBoolean()).isFalse();
    assertThat(checked.path("problems").findValues("line")).extracting(JsonNode::asInt).containsExactly(2, 6);
    assertThat(checked.path("problems").get(0).path("reason").asText()).contains("unknown action 'explode'");
    assertThat(admin.post("/api/v1/respond/policy/check", body(GOOD)).json().path("rules").get(0)
        .path("mode").asText()).isEqualTo("confirm");
    JsonNode incidentRule = admin.post("/api/v1/respond/policy/check", body("""
        rule: critical
        incidents: yes
        score: 80..100
        action: quarantine
        isolation: selective
        duration: 4h
        mode: confirm
        """)).json().path("rules").get(0);
    assertThat(incidentRule.path("incidents").asBoolean()).isTrue();
    assertThat(incidentRule.path("isolation").asText()).isEqualTo("selective");
    assertThat(directory.resolve(ResponseSettings.FILE)).doesNotExist();
  }

  @Test
  @Order(3)
  void save_badText_is400WithTheLines_andWritesNothing() {
    ApiClient.Answer refused = admin.post("/api/v1/respond/policy", body(BAD));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("reason").asText()).contains("line 2: unknown action", "line 6:");
    assertThat(directory.resolve(ResponseSettings.FILE)).doesNotExist();
  }

  @Test
  @Order(4)
  void save_goodText_replacesTheFile_whichTheRunningRespondTakesAtOnce_andIsAudited() throws Exception {
    assertThat(site.respond.settings().policy().rules()).extracting(ResponseRule::name)
        .containsExactly("network-and-integration-alert");
    JsonNode saved = admin.post("/api/v1/respond/policy", body(GOOD)).json();
    assertThat(site.respond.settings().policy().rules()).as("no restart").extracting(ResponseRule::name)
        .containsExactly("lateral-confirm");
    assertThat(site.respond.settings().neverBlock()).containsExactly("10.0.0.1", "10.0.0.53/32");
    assertThat(saved.path("rules").get(0).path("name").asText()).isEqualTo("lateral-confirm");
    assertThat(saved.path("rules").get(0).path("duration").asText()).isEqualTo("2h");
    assertThat(saved.path("neverBlock").get(1).asText()).isEqualTo("10.0.0.53/32");
    Path file = directory.resolve(ResponseSettings.FILE);
    assertThat(Files.readString(file)).isEqualTo(GOOD);
    assertThat(ResponseSettings.parse(file.toString(), Files.readString(file), null).neverBlock())
        .containsExactly("10.0.0.1", "10.0.0.53/32");
    assertThat(admin.get("/api/v1/respond/policy").json().path("text").asText()).isEqualTo(GOOD);
    assertThat(admin.get("/api/v1/audit").json().path("items")).anySatisfy(entry -> {
      assertThat(entry.path("action").asText()).isEqualTo("respond-policy-changed");
      assertThat(entry.path("detail").asText()).contains("+ mode: confirm");
    });
  }

  @Test
  @Order(5)
  void policy_isForAdminsOnly_andBadBodiesAre400() {
    ApiClient analyst = site.analyst();
    ApiClient viewer = site.viewer();
    assertThat(viewer.get("/api/v1/respond/policy").status()).isEqualTo(403);
    assertThat(analyst.post("/api/v1/respond/policy", body(GOOD)).status()).isEqualTo(403);
    assertThat(analyst.post("/api/v1/respond/policy/check", body(GOOD)).status()).isEqualTo(403);
    assertThat(ApiClient.anonymous(site.base()).post("/api/v1/respond/policy", body(GOOD)).status())
        .isEqualTo(401);
    for (String bad : new String[] {"{", "[]", "{}", "{\"text\": \"x\", \"other\": 1}"}) {
      ApiClient.Answer answer = admin.post("/api/v1/respond/policy", bad);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json().path("reason").asText()).as(bad).isNotBlank();
    }
  }

  private static String body(String text) {
    return WebJson.MAPPER.createObjectNode().put("text", text).toString();
  }
}
