package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The System Configuration, integration and allowlist endpoints over a real server; answers checked by OpenAPI. */
final class SettingsApiTest {
  private static final String NEXT_MONTH = LocalDate.now(ZoneOffset.UTC).plusMonths(1).toString();
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
  void config_everyoneReads_onlyAdminsChange_andABadTextIsRefusedWithItsLine() throws Exception {
    Path file = site.dataDir.resolve("config.toml");
    Files.writeString(file, "# ours\nvpn_networks = \"10.8.0.0/16\"\n");
    JsonNode read = viewer.get("/api/v1/config").json();
    assertThat(read.path("text").asText()).contains("10.8.0.0/16");
    assertThat(read.path("summary").path("vpnNetworks").get(0).asText()).isEqualTo("10.8.0.0/16");
    assertThat(ApiClient.anonymous(site.base()).get("/api/v1/config").status()).isEqualTo(401);

    String bad = "{\"text\": \"vpn_networks = \\\"10.9.0.0/16\\\"\\nvpn_pools = 1\\n\"}";
    assertThat(viewer.post("/api/v1/config", bad).status()).isEqualTo(403);
    assertThat(analyst.post("/api/v1/config/check", bad).status()).isEqualTo(403);
    JsonNode checked = admin.post("/api/v1/config/check", bad).json();
    assertThat(checked.path("valid").asBoolean()).isFalse();
    assertThat(checked.path("problem").path("line").asInt()).isEqualTo(2);
    ApiClient.Answer refused = admin.post("/api/v1/config", bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("reason").asText()).startsWith("line 2: ");
    assertThat(Files.readString(file)).isEqualTo("# ours\nvpn_networks = \"10.8.0.0/16\"\n");

    ApiClient.Answer saved = admin.post("/api/v1/config", "{\"text\": \"# ours\\nvpn_networks = \\\"10.9.0.0/16\\\"\\n\"}");
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.json().path("summary").path("vpnNetworks").get(0).asText()).isEqualTo("10.9.0.0/16");
    assertThat(Files.readString(file)).isEqualTo("# ours\nvpn_networks = \"10.9.0.0/16\"\n");
    assertThat(admin.post("/api/v1/config", "{}").status()).isEqualTo(400);
    JsonNode audit = admin.get("/api/v1/audit").json().path("items");
    assertThat(audit).anySatisfy(entry -> {
      assertThat(entry.path("action").asText()).isEqualTo("config-changed");
      assertThat(entry.path("detail").asText()).isEqualTo("- vpn_networks = \"10.8.0.0/16\"\n"
          + "+ vpn_networks = \"10.9.0.0/16\"");
    });
  }

  @Test
  void integrations_adminTestsTheConnection_aFailureIsAnAnswer_andBothAreAudited() {
    JsonNode listed = viewer.get("/api/v1/integrations").json().path("items");
    assertThat(listed.findValuesAsText("id")).containsExactly("self", "closed");
    JsonNode reached = admin.post("/api/v1/integrations/self/test", "").json();
    assertThat(reached.path("ok").asBoolean()).isTrue();
    assertThat(reached.path("message").asText()).isEqualTo("HTTP 200");
    JsonNode failed = admin.post("/api/v1/integrations/closed/test", "").json();
    assertThat(failed.path("ok").asBoolean()).isFalse();
    assertThat(failed.path("message").asText()).contains("Connect");
    assertThat(admin.post("/api/v1/integrations/nope/test", "").status()).isEqualTo(404);
    assertThat(analyst.post("/api/v1/integrations/self/test", "").status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/audit").json().path("items").findValuesAsText("action"))
        .contains("integration-tested");
  }

  @Test
  void suppression_hidesADevicesBreachesFromDefaultLists_keepsThemStored_andCountsThem() {
    ApiClient.Answer made = analyst.post("/api/v1/suppressions", "{\"kind\": \"device\", \"device\": \"WS-CHI-1\","
        + " \"expires\": \"" + NEXT_MONTH + "\", \"reason\": \"the backup server's own agent\"}");
    assertThat(made.status()).isEqualTo(201);
    String id = made.json().path("id").asText();
    try {
      assertThat(ids("/api/v1/breaches?limit=7")).hasSize(40).doesNotHaveDuplicates();
      assertThat(ids("/api/v1/breaches?limit=500&suppressed=include")).hasSize(60);
      assertThat(viewer.get("/api/v1/breaches?limit=500&suppressed=only").json().path("items"))
          .hasSize(20).allSatisfy(b -> assertThat(b.path("suppressedBy").asText()).isEqualTo(id));
      assertThat(ids("/api/v1/breaches?limit=500&suppression=" + id)).hasSize(20);
      assertThat(viewer.get("/api/v1/devices").json().path("items").findValuesAsText("device"))
          .doesNotContain("WS-CHI-1").contains("WS-CHI-2");
      JsonNode view = viewer.get("/api/v1/suppressions/" + id).json();
      assertThat(view.path("inForce").asBoolean()).isTrue();
      assertThat(view.path("matched").asInt()).isEqualTo(20);
      assertThat(view.path("matchedSince").asInt()).isZero();
      assertThat(viewer.get("/api/v1/breaches/B1").json().path("suppressedBy").asText()).isEqualTo(id);
    } finally {
      assertThat(analyst.delete("/api/v1/suppressions/" + id).status()).isEqualTo(200);
    }
    assertThat(ids("/api/v1/breaches?limit=500")).hasSize(60);
    assertThat(admin.get("/api/v1/audit").json().path("items").findValuesAsText("action"))
        .contains("suppression-added", "suppression-removed");
  }

  @Test
  void suppressions_badRequestsAre4xxWithAReason() {
    String good = "\"expires\": \"" + NEXT_MONTH + "\", \"reason\": \"r\"";
    for (String body : List.of("{\"kind\": \"host\", \"device\": \"a\", " + good + "}",
        "{\"kind\": \"device\", " + good + "}",
        "{\"kind\": \"destination\", \"destination\": \"not a domain!\", " + good + "}",
        "{\"kind\": \"model-device\", \"device\": \"a\", " + good + "}",
        "{\"kind\": \"device\", \"device\": \"a\", \"expires\": \"2020-01-01\", \"reason\": \"r\"}",
        "{\"kind\": \"device\", \"device\": \"a\", \"expires\": \"2999-01-01\", \"reason\": \"r\"}",
        "{\"kind\": \"device\", \"device\": \"a\", \"expires\": \"soon\", \"reason\": \"r\"}",
        "{\"kind\": \"device\", \"device\": \"a\", \"expires\": \"" + NEXT_MONTH + "\"}")) {
      ApiClient.Answer answer = analyst.post("/api/v1/suppressions", body);
      assertThat(answer.status()).as(body).isEqualTo(400);
      assertThat(answer.json().path("reason").asText()).as(body).isNotBlank();
    }
    assertThat(viewer.post("/api/v1/suppressions", "{\"kind\": \"device\", \"device\": \"a\", " + good + "}")
        .status()).isEqualTo(403);
    assertThat(analyst.delete("/api/v1/suppressions/S999").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/suppressions/S999").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/breaches?suppressed=maybe").status()).isEqualTo(400);
    assertThat(viewer.get("/api/v1/breaches?suppression=S999").status()).isEqualTo(404);
  }

  @Test
  void csvImport_keepsGoodRows_reportsBadOnesByLine() {
    String csv = "kind,device,destination,model,expires,reason\n"
        + "destination,,dc04,," + NEXT_MONTH + ",the domain controller\n"
        + "router,x,,," + NEXT_MONTH + ",no such kind\n"
        + "\n"
        + "device,WS-CHI-2,,,2020-01-01,expired\n"
        + "model-device,WS-CHI-2,,unusual-rdp," + NEXT_MONTH + ",\"nightly RDP, by the admins\"\n";
    ApiClient.Answer imported = analyst.post("/api/v1/suppressions/import", csv.getBytes(StandardCharsets.UTF_8),
        "text/csv");
    assertThat(imported.status()).isEqualTo(200);
    JsonNode added = imported.json().path("added");
    try {
      assertThat(added.findValuesAsText("kind")).containsExactly("destination", "model-device");
      assertThat(added.get(1).path("reason").asText()).isEqualTo("nightly RDP, by the admins");
      JsonNode problems = imported.json().path("problems");
      assertThat(problems.findValuesAsText("line")).containsExactly("3", "5");
      assertThat(problems.get(0).path("reason").asText()).contains("kind");
      // Every breach's peer is DC04: the destination hides them all.
      assertThat(ids("/api/v1/breaches?limit=500")).isEmpty();
    } finally {
      added.forEach(s -> analyst.delete("/api/v1/suppressions/" + s.path("id").asText()));
    }
    ApiClient.Answer header = analyst.post("/api/v1/suppressions/import",
        "device,when\nx,y\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    assertThat(header.status()).isEqualTo(400);
    assertThat(header.json().path("reason").asText()).contains("line 1").contains("when");
  }

  private static List<String> ids(String first) {
    List<String> ids = new ArrayList<>();
    String path = first;
    while (path != null) {
      JsonNode page = viewer.get(path).json();
      page.path("items").forEach(item -> ids.add(item.path("id").asText()));
      path = page.hasNonNull("next") ? first + "&cursor=" + page.path("next").asText() : null;
    }
    return ids;
  }
}
