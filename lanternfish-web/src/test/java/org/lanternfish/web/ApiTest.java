package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint over a real server and a real store; every answer is checked against the OpenAPI document. */
final class ApiTest {
  @TempDir static Path directory;
  private static SampleSite site;
  private static ApiClient admin;
  private static ApiClient analyst;
  private static ApiClient viewer;

  @BeforeAll
  static void start() {
    site = new SampleSite(directory);
    admin = site.admin();
    analyst = site.analyst();
    viewer = site.viewer();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void health_withoutCredentials_answers() {
    ApiClient.Answer health = ApiClient.anonymous(site.base()).get("/api/v1/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("outboxSeq").asLong()).isEqualTo(SampleSite.BREACHES + 1);
    assertThat(health.json().path("respondBackends").isArray()).as("no backend configured").isTrue();
  }

  @Test
  void health_reportsWhatTheStoreHolds_onceMeasured() throws InterruptedException {
    JsonNode ingestion = ApiClient.anonymous(site.base()).get("/api/v1/health").json().path("ingestion");
    for (int i = 0; i < 100 && ingestion.isMissingNode(); i++) {
      Thread.sleep(100);
      ingestion = ApiClient.anonymous(site.base()).get("/api/v1/health").json().path("ingestion");
    }
    assertThat(ingestion.path("records").asLong()).isEqualTo(SampleSite.RECORDS);
    assertThat(ingestion.path("malformed").asLong()).isZero();
    assertThat(ingestion.has("live")).isFalse();
    assertThat(viewer.get("/metrics").body()).contains("lanternfish_stored_records " + SampleSite.RECORDS);
  }

  @Test
  void everyReadEndpoint_withoutCredentials_is401WithTheErrorShape() {
    for (String path : List.of("/api/v1/breaches", "/api/v1/breaches/B1", "/api/v1/incidents",
        "/api/v1/incidents/" + SampleSite.INCIDENT, "/api/v1/search?q=type:conn", "/api/v1/search/export?q=type:conn",
        "/api/v1/devices", "/api/v1/devices/DC04", "/api/v1/respond/policy", "/api/v1/audit", "/api/v1/me",
        "/api/v1/users", "/api/v1/models", "/metrics")) {
      ApiClient.Answer answer = ApiClient.anonymous(site.base()).get(path);
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.json().path("reason").asText()).as(path).isNotBlank();
      assertThat(answer.header("WWW-Authenticate")).as(path).startsWith("Bearer");
    }
  }

  @Test
  void breaches_pagedByCursor_giveEveryBreachOnceNewestFirst() {
    List<String> ids = new ArrayList<>();
    String path = "/api/v1/breaches?limit=25";
    int pages = 0;
    while (path != null) {
      JsonNode page = viewer.get(path).json();
      page.path("items").forEach(item -> ids.add(item.path("id").asText()));
      pages++;
      path = page.hasNonNull("next") ? "/api/v1/breaches?limit=25&cursor=" + page.path("next").asText() : null;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(SampleSite.BREACHES).doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo("B" + (SampleSite.BREACHES - 1));
  }

  @Test
  void breaches_filtered_byScoreModelDeviceAndTime() {
    JsonNode strong = viewer.get("/api/v1/breaches?minScore=95&limit=500").json().path("items");
    assertThat(strong).hasSize(5).allSatisfy(b -> assertThat(b.path("score").asInt()).isGreaterThanOrEqualTo(95));
    JsonNode rdp = viewer.get("/api/v1/breaches?limit=500&model="
        + URLEncoder.encode("Anomalous Connection / Unusual RDP", StandardCharsets.UTF_8)).json().path("items");
    assertThat(rdp).hasSize(30);
    JsonNode attacker = viewer.get("/api/v1/breaches?limit=500&device=DESKTOP-O82ILGG").json().path("items");
    assertThat(attacker).hasSize(20);
    JsonNode window = viewer.get("/api/v1/breaches?from=2026-11-13T01:10:00Z&to=2026-11-13T01:20:00Z").json()
        .path("items");
    assertThat(window).hasSize(10);
  }

  @Test
  void breaches_badParameters_are400NamingTheParameter() {
    for (String query : List.of("minScore=abc", "minScore=101", "limit=0", "limit=100000", "cursor=abc",
        "cursor=-4", "from=yesterday", "from=2026-11-14&to=2026-11-13")) {
      ApiClient.Answer answer = viewer.get("/api/v1/breaches?" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.json().path("reason").asText()).as(query).containsAnyOf(query.split("=")[0], "from");
    }
  }

  @Test
  void breach_byId_hasEvidenceWithoutNaN_unknownIs404() {
    JsonNode breach = viewer.get("/api/v1/breaches/B3").json();
    assertThat(breach.path("device").asText()).isEqualTo("DESKTOP-O82ILGG");
    assertThat(breach.path("evidence").get(1).has("value")).isFalse();
    assertThat(breach.path("recordUids").get(0).asText()).isEqualTo("C3");
    assertThat(viewer.get("/api/v1/breaches/nope").status()).isEqualTo(404);
  }

  @Test
  void incidents_listAndStory_linkEverySentenceToBreachesAndRecords() {
    JsonNode list = viewer.get("/api/v1/incidents").json().path("items");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("resembles").get(0).asText()).startsWith("ShadowPad");
    JsonNode detail = viewer.get("/api/v1/incidents/" + SampleSite.INCIDENT).json();
    assertThat(detail.path("story").path("summary")).allSatisfy(sentence -> {
      assertThat(sentence.path("breachIds")).isNotEmpty();
      assertThat(sentence.path("recordUids")).isNotEmpty();
    });
    assertThat(detail.path("story").path("edges").findValuesAsText("kind")).contains("SMB_WRITE", "DCSYNC");
    assertThat(viewer.get("/api/v1/incidents/nope").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/incidents?minPriority=95").json().path("items")).isEmpty();
  }

  @Test
  void incidentTriage_analystActs_viewerIsRefused_andWhoDidWhatIsKept() {
    String path = "/api/v1/incidents/" + SampleSite.INCIDENT;
    assertThat(viewer.post(path + "/acknowledge", "{\"note\":\"mine\"}").status()).isEqualTo(403);
    assertThat(analyst.post(path + "/acknowledge", "{\"note\":\"looking\"}").json().path("incident")
        .path("status").asText()).isEqualTo("acknowledged");
    assertThat(analyst.post(path + "/assign", "{}").status()).isEqualTo(400);
    assertThat(analyst.post(path + "/assign", "{\"assignee\":\"ana\"}").json().path("incident").path("assignee")
        .asText()).isEqualTo("ana");
    JsonNode closed = analyst.post(path + "/close", "{\"comment\":\"contained\"}").json();
    assertThat(closed.path("incident").path("status").asText()).isEqualTo("closed");
    assertThat(closed.path("triage").findValuesAsText("by")).containsOnly("ana");
    assertThat(analyst.post("/api/v1/incidents/nope/close", "{}").status()).isEqualTo(404);
    assertThat(analyst.post(path + "/reopen", "{}").json().path("incident").path("status").asText())
        .isEqualTo("open");
    JsonNode audit = admin.get("/api/v1/audit").json().path("items");
    assertThat(audit.findValuesAsText("action")).contains("incident-acknowledged", "incident-closed");
  }

  @Test
  void search_findsRecords_andABadQueryIs400AtItsColumn() {
    JsonNode result = viewer.get("/api/v1/search?q=" + URLEncoder.encode("uid:C3 OR uid:C4",
        StandardCharsets.UTF_8)).json();
    assertThat(result.path("count").asInt()).isEqualTo(2);
    assertThat(result.path("items").findValuesAsText("type")).containsOnly("conn");
    assertThat(result.path("histogram")).isNotEmpty();
    ApiClient.Answer bad = viewer.get("/api/v1/search?q=" + URLEncoder.encode("type:conn id.orig_hh:1",
        StandardCharsets.UTF_8));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("column").asInt()).isEqualTo(11);
    assertThat(bad.json().path("reason").asText()).contains("id.orig_h");
    assertThat(viewer.get("/api/v1/search").status()).isEqualTo(400);
    assertThat(viewer.get("/api/v1/search?q=type:conn&limit=0").status()).isEqualTo(400);
  }

  @Test
  void searchExport_csvAndJson_holdEveryRecord() {
    ApiClient.Answer csv = viewer.get("/api/v1/search/export?format=csv&q=type:conn");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Disposition")).contains("attachment");
    assertThat(csv.body().lines().count()).isEqualTo(SampleSite.BREACHES + 1);
    assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("type,ts,").contains("id.orig_h");
    ApiClient.Answer json = viewer.get("/api/v1/search/export?format=json&q=type:conn");
    assertThat(json.json()).hasSize(SampleSite.BREACHES);
    assertThat(viewer.get("/api/v1/search/export?format=xml&q=type:conn").status()).isEqualTo(400);
  }

  @Test
  void devices_listedByHostName_mostAtRiskFirst() {
    JsonNode devices = viewer.get("/api/v1/devices").json().path("items");
    assertThat(devices.get(0).path("device").asText()).isIn("DESKTOP-O82ILGG", "DC04");
    Set<String> names = new HashSet<>(devices.findValuesAsText("device"));
    assertThat(names).contains("DESKTOP-O82ILGG", "WS-CHI-1", "WS-CHI-2", "DC04");
  }

  @Test
  void devices_areTheInventoryTheRecordsReveal_flaggedAndWithTheirRiskTrend() {
    JsonNode devices = viewer.get("/api/v1/devices").json().path("items");
    JsonNode laptop = item(devices, "DESKTOP-O82ILGG");
    assertThat(laptop.path("label").asText()).isEqualTo("DESKTOP-O82ILGG (10.8.0.5)");
    assertThat(laptop.path("mac").asText()).isEqualTo("00:50:56:85:2e:f4");
    assertThat(laptop.path("connections").asLong()).isEqualTo(SampleSite.BREACHES);
    assertThat(laptop.path("breaches").asInt()).isEqualTo(20);
    assertThat(laptop.path("flags").toString()).isEqualTo("[\"unmanaged\"]");
    assertThat(laptop.path("risk")).hasSize(14);
    assertThat(laptop.path("risk").get(13).asInt()).as("its best breach of the last day").isEqualTo(97);
    assertThat(laptop.path("risk").get(12).asInt()).isZero();
    JsonNode server = item(devices, "10.74.1.10");
    assertThat(server.path("label").asText()).isEqualTo("10.74.1.10");
    assertThat(server.path("flags").toString()).isEqualTo("[\"unnamed\",\"unmanaged\"]");
    assertThat(server.path("breaches").asInt()).isZero();
    assertThat(item(devices, "DC04").path("incidents").asInt()).as("known from breaches only").isEqualTo(1);
  }

  @Test
  void deviceSummary_namesAddressesAndUsualPeers_fromTheStoredRecords() {
    JsonNode laptop = viewer.get("/api/v1/devices/DESKTOP-O82ILGG").json();
    assertThat(laptop.path("address").asText()).isEqualTo("10.8.0.5");
    assertThat(laptop.path("names").get(0).path("hostName").asText()).isEqualTo("DESKTOP-O82ILGG");
    assertThat(laptop.path("names").get(0).path("source").asText()).isEqualTo("dhcp");
    assertThat(laptop.path("usualPeers").findValuesAsText("peer")).containsOnly("10.74.1.10");
    assertThat(laptop.path("usualPeers").findValues("port")).extracting(JsonNode::asInt).containsExactly(445, 3389);
    assertThat(laptop.path("usualPeers").get(0).path("connections").asInt()).isEqualTo(30);
    assertThat(laptop.path("eventLogQuery").asText()).isEqualTo("src:10.8.0.5 OR dst:10.8.0.5");
    JsonNode server = viewer.get("/api/v1/devices/10.74.1.10").json();
    assertThat(server.path("breaches")).as("known from its connections alone").isEmpty();
    assertThat(server.path("serves").findValuesAsText("peer")).containsOnly("10.8.0.5");
    assertThat(viewer.get("/api/v1/devices/mac:00:50:56:85:2e:f4").json().path("label").asText())
        .isEqualTo("DESKTOP-O82ILGG (10.8.0.5)");
  }

  private static JsonNode item(JsonNode items, String device) {
    for (JsonNode item : items) {
      if (item.path("device").asText().equals(device)) {
        return item;
      }
    }
    throw new AssertionError("no device " + device + " in " + items);
  }

  @Test
  void deviceSummary_hasItsBreachesAndIncidents_unknownIs404() {
    JsonNode summary = viewer.get("/api/v1/devices/DC04").json();
    assertThat(summary.path("breaches")).hasSize(50);
    assertThat(summary.path("incidents").get(0).asText()).isEqualTo(SampleSite.INCIDENT);
    assertThat(summary.has("eventLogQuery")).isFalse();
    assertThat(viewer.get("/api/v1/devices/DESKTOP-O82ILGG").json().path("breaches")).hasSize(20);
    assertThat(viewer.get("/api/v1/devices/10.9.9.9").status()).isEqualTo(404);
  }

  @Test
  void tokens_issuedOnce_actAsTheirUser_unknownIs401() {
    ApiClient.Answer issued = analyst.post("/api/v1/tokens", "{\"label\":\"script\"}");
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.json().path("token").asText();
    assertThat(ApiClient.bearer(site.base(), token).get("/api/v1/me").json().path("name").asText())
        .isEqualTo("ana");
    assertThat(ApiClient.bearer(site.base(), token + "x").get("/api/v1/me").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(site.base()).header("Authorization", "Digest abc").get("/api/v1/me").status())
        .isEqualTo(401);
  }

  @Test
  void tokens_listedWithoutTheToken_revokedOnlyByTheirUserOrAnAdmin_andARevokedTokenStopsWorking() {
    JsonNode issued = analyst.post("/api/v1/tokens", "{\"label\":\"nightly export\"}").json();
    String token = issued.path("token").asText();
    String id = issued.path("id").asText();
    ApiClient script = ApiClient.bearer(site.base(), token);
    JsonNode mine = script.get("/api/v1/tokens").json().path("items");
    assertThat(mine.findValuesAsText("id")).contains(id);
    assertThat(mine.findValuesAsText("user")).containsOnly("ana");
    assertThat(script.get("/api/v1/tokens").body()).doesNotContain(token);
    assertThat(admin.get("/api/v1/tokens").json().path("items").findValuesAsText("id")).contains(id);
    assertThat(viewer.get("/api/v1/tokens").json().path("items").findValuesAsText("id")).doesNotContain(id);
    assertThat(viewer.delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
    assertThat(script.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(script.delete("/api/v1/tokens/" + id).json().path("label").asText()).isEqualTo("nightly export");
    assertThat(script.get("/api/v1/me").status()).isEqualTo(401);
    assertThat(analyst.delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
    String other = viewer.post("/api/v1/tokens", "{}").json().path("id").asText();
    assertThat(admin.delete("/api/v1/tokens/" + other).status()).isEqualTo(200);
    assertThat(ApiClient.anonymous(site.base()).delete("/api/v1/tokens/" + other).status()).isEqualTo(401);
    assertThat(admin.get("/api/v1/audit").json().path("items").findValuesAsText("action")).contains("token-revoked");
  }

  @Test
  void users_onlyAdminsAdd_andNoPasswordComesBack() {
    ApiClient.Answer added = admin.post("/api/v1/users",
        "{\"name\":\"newbie\",\"role\":\"viewer\",\"password\":\"long-enough-1\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body()).doesNotContain("long-enough-1");
    assertThat(analyst.post("/api/v1/users", "{\"name\":\"x\",\"role\":\"admin\",\"password\":\"long-enough-1\"}")
        .status()).isEqualTo(403);
    assertThat(admin.post("/api/v1/users", "{\"name\":\"newbie\",\"role\":\"viewer\",\"password\":\"long-enough-1\"}")
        .status()).isEqualTo(400);
    assertThat(admin.post("/api/v1/users", "{\"name\":\"y\",\"role\":\"root\",\"password\":\"long-enough-1\"}")
        .status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/users").body()).doesNotContain("$2b$").contains("newbie");
    assertThat(analyst.get("/api/v1/users").status()).isEqualTo(403);
  }

  @Test
  void audit_adminOnly_recordsFailedLogins() {
    ApiClient.basic(site.base(), "vic", org.lanternfish.web.security.Secret.of("wrong-guess")).get("/api/v1/me");
    JsonNode entries = admin.get("/api/v1/audit?limit=1000").json().path("items");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("login-failed");
      assertThat(e.path("actor").asText()).isEqualTo("vic");
    });
    assertThat(viewer.get("/api/v1/audit").status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/audit?limit=abc").status()).isEqualTo(400);
  }

  @Test
  void models_adminSwitchesOffAndOn_othersAreRefused_andItIsAudited() {
    assertThat(viewer.get("/api/v1/models").json().path("items")).hasSize(3);
    String body = "{\"name\":\"Anomalous Connection / Unusual RDP\"}";
    assertThat(analyst.post("/api/v1/models/disable", body).status()).isEqualTo(403);
    assertThat(viewer.post("/api/v1/models/disable", body).status()).isEqualTo(403);
    assertThat(admin.post("/api/v1/models/disable", body).json().path("enabled").asBoolean()).isFalse();
    assertThat(admin.post("/api/v1/models/enable", body).json().path("enabled").asBoolean()).isTrue();
    assertThat(admin.post("/api/v1/models/disable", "{\"name\":\"No / Such Model\"}").status()).isEqualTo(404);
    ApiClient.Answer locked = admin.post("/api/v1/models/enable", "{\"name\":\"Compliance / Locked\"}");
    assertThat(locked.status()).isEqualTo(400);
    assertThat(locked.json().path("reason").asText()).contains("site.models");
    assertThat(admin.get("/api/v1/audit").json().path("items").findValuesAsText("action"))
        .contains("model-disabled", "model-enabled");
  }

  @Test
  void modelThreshold_adminSetsIt_andABacktestCountsTheStoredScoresAboveIt() {
    JsonNode backtest = viewer.get("/api/v1/models/backtest?model=unusual-rdp&threshold=70").json();
    // The RDP model's stored breaches score 41, 43, ... 99.
    assertThat(backtest.path("stored").asInt()).isEqualTo(30);
    assertThat(backtest.path("raised").asInt()).isEqualTo(15);
    assertThat(backtest.path("dropped").asInt()).isEqualTo(15);
    assertThat(backtest.path("lowestScore").asInt()).isEqualTo(41);
    assertThat(backtest.path("basis").asText()).contains("stored breaches");
    assertThat(viewer.get("/api/v1/models/backtest?model=unusual-rdp").json().path("raised").asInt()).isEqualTo(30);
    assertThat(viewer.get("/api/v1/models/backtest?model=nope").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/models/backtest?model=unusual-rdp&threshold=101").status()).isEqualTo(400);
    assertThat(viewer.get("/api/v1/models/backtest").status()).isEqualTo(400);

    String body = "{\"name\": \"unusual-rdp\", \"threshold\": 70}";
    assertThat(analyst.post("/api/v1/models/threshold", body).status()).isEqualTo(403);
    assertThat(admin.post("/api/v1/models/threshold", body).json().path("threshold").asInt()).isEqualTo(70);
    assertThat(viewer.get("/api/v1/models/backtest?model=unusual-rdp").json().path("current").asInt()).isEqualTo(70);
    assertThat(admin.post("/api/v1/models/threshold", "{\"name\": \"unusual-rdp\", \"threshold\": 101}").status())
        .isEqualTo(400);
    assertThat(admin.post("/api/v1/models/threshold", "{\"name\": \"unusual-rdp\", \"threshold\": 4294967366}")
        .status()).isEqualTo(400);
    assertThat(admin.post("/api/v1/models/threshold", "{\"name\": \"unusual-rdp\"}").status()).isEqualTo(400);
    assertThat(admin.post("/api/v1/models/threshold", "{\"name\": \"nope\", \"threshold\": 5}").status())
        .isEqualTo(404);
    assertThat(admin.post("/api/v1/models/threshold", "{\"name\": \"unusual-rdp\", \"threshold\": 0}").json()
        .path("threshold").asInt()).isZero();
    assertThat(admin.get("/api/v1/audit").json().path("items")).anySatisfy(entry -> {
      assertThat(entry.path("action").asText()).isEqualTo("model-threshold-changed");
      assertThat(entry.path("detail").asText()).isEqualTo("from 0 to 70");
    });
  }

  @Test
  void metrics_inPrometheusTextFormat() {
    ApiClient.Answer metrics = viewer.get("/metrics");
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).contains("# TYPE lanternfish_http_responses_total counter")
        .containsPattern("lanternfish_outbox_seq \\d+");
  }

  @Test
  void openApiDocument_isServedAsOpenApi31() {
    JsonNode document = ApiClient.anonymous(site.base()).get("/api/openapi.json").json();
    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(document.path("paths").has("/api/v1/breaches")).isTrue();
  }

  @Test
  void unknownEndpoint_is404WithTheErrorShape() {
    ApiClient.Answer answer = viewer.get("/api/v2/anything");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().path("status").asInt()).isEqualTo(404);
  }
}
