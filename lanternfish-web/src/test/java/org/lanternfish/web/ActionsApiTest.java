package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.ResponsePolicy;
import org.lanternfish.respond.ResponseRule;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.web.security.Role;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.UserBook;

/** {@code /api/v1/actions} over a real store, a running RESPOND and a real server; answers checked against OpenAPI. */
final class ActionsApiTest {
  private static final long MINUTE = 60_000_000L;
  private static final long HOUR = 60 * MINUTE;
  /** When both breaches happened: at the last of the five connections they are about. */
  private static final long BREACHED = SampleSite.START + 4 * HOUR;
  @TempDir static Path directory;
  private static DuckDbEventStore store;
  private static ResponseService respond;
  private static ThreatVisualizer server;
  private static ApiClient admin;
  private static ApiClient analyst;
  private static ApiClient viewer;

  @BeforeAll
  static void start() throws InterruptedException {
    store = DuckDbEventStore.open(directory);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(conn(SampleSite.START + i * HOUR, "C" + i, "10.0.1.5", "203.0.113.9", 443));
    }
    events.add(conn(SampleSite.START, "C9", "10.0.1.5", "203.0.113.9", 22));
    // pc-3 reached its file server on the days before; its first call to 203.0.113.50 came an hour before the breach.
    events.add(conn(SampleSite.START - 72 * HOUR, "C20", "10.0.1.7", "10.0.0.20", 445));
    events.add(conn(SampleSite.START - 48 * HOUR, "C21", "10.0.1.7", "10.0.0.20", 445));
    events.add(conn(BREACHED - HOUR, "C22", "10.0.1.7", "203.0.113.50", 8080));
    store.commit(new Commit(events, List.of(), Map.of(), List.of(
        breach("b1", "ioc-match", "pc-1", "10.0.1.5", "203.0.113.9", "443"),
        breach("b2", "beaconing-to-rare-destination", "pc-2", "10.0.1.6", "198.51.100.7", "8443"),
        breach("b3", "new-admin-tool", "pc-3", "10.0.1.7", "203.0.113.50", "8080")), List.of(),
        List.of()));
    ResponseSettings settings = new ResponseSettings(new ResponsePolicy(List.of(
        new ResponseRule("watch-list", Set.of("ioc-match"), Set.of(), 0, 100, false, 0, ActionKind.BLOCK_CONNECTIONS,
            2 * HOUR, false, false),
        new ResponseRule("beacons", Set.of("beaconing-to-rare-destination"), Set.of(), 0, 100, false, 0,
            ActionKind.BLOCK_CONNECTIONS, HOUR, false, true),
        new ResponseRule("habits", Set.of("new-admin-tool"), Set.of(), 0, 100, false, 0, ActionKind.PATTERN_OF_LIFE,
            HOUR, false, false))), List.of(), List.of());
    // RESPOND's clock half an hour after the breaches (older ones would wait for a person), after every connection.
    respond = new ResponseService(store, store, store, settings, List.of(), () -> BREACHED + 30 * MINUTE, line -> { });
    respond.start();
    for (int i = 0; i < 200 && respond.actions().size() < 3; i++) {
      Thread.sleep(50);
    }
    UserBook users = UserBook.open(directory);
    users.ensureAdmin(SampleSite.ADMIN);
    users.add("ana", Role.ANALYST, SampleSite.ANALYST);
    users.add("vic", Role.VIEWER, SampleSite.VIEWER);
    server = ThreatVisualizer.start(store, new ListedModels(), new LineSite(directory), List.of(), Optional::empty,
        respond, directory, Secret.of(""), "localhost", 0, Clock.systemUTC());
    String base = "http://localhost:" + server.port();
    admin = ApiClient.basic(base, "admin", SampleSite.ADMIN);
    analyst = ApiClient.basic(base, "ana", SampleSite.ANALYST);
    viewer = ApiClient.basic(base, "vic", SampleSite.VIEWER);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close();
    respond.close();
    store.close();
  }

  @Test
  void list_andOneWithItsDryRun_forViewers_andNoneWithoutCredentials() {
    JsonNode ledger = viewer.get("/api/v1/actions").json();
    assertThat(ledger.path("items").findValuesAsText("id")).containsExactly("A-000003", "A-000002", "A-000001");
    assertThat(ledger.path("items").get(1).path("state").asText()).isEqualTo("active");
    assertThat(ledger.path("items").get(0).has("dryRun")).as("lists leave dry runs out").isFalse();
    assertThat(ledger.path("backends")).isEmpty();

    JsonNode watchList = viewer.get("/api/v1/actions/A-000001").json();
    assertThat(watchList.path("target").asText()).isEqualTo("10.0.1.5 -> 203.0.113.9:443");
    assertThat(watchList.path("reasons").get(0).asText()).isEqualTo("b1");
    JsonNode dryRun = watchList.path("dryRun");
    assertThat(dryRun.path("days").asInt()).isEqualTo(7);
    assertThat(dryRun.path("total").asLong()).as("the five connections to port 443, not the one to 22").isEqualTo(5);
    assertThat(dryRun.path("connections").get(0).path("first").asText())
        .isEqualTo(Instant.EPOCH.plus(Duration.ofNanos(SampleSite.START * 1_000)).toString());

    assertThat(viewer.get("/api/v1/actions/A-999999").status()).isEqualTo(404);
    assertThat(ApiClient.anonymous("http://localhost:" + server.port()).get("/api/v1/actions").status())
        .isEqualTo(401);
  }

  @Test
  void patternOfLife_showsThePeersItKeeps_andItsDryRunTheNewCallItCuts() {
    JsonNode life = viewer.get("/api/v1/actions/A-000003").json();
    assertThat(life.path("kind").asText()).isEqualTo("pattern_of_life");
    assertThat(life.path("state").asText()).isEqualTo("pending_confirmation");
    assertThat(life.path("reachable").findValuesAsText("peer")).containsExactly("10.0.0.20");
    assertThat(life.path("reachable").get(0).path("port").asInt()).isEqualTo(445);
    assertThat(life.path("dryRun").path("total").asLong()).isEqualTo(1);
    assertThat(life.path("dryRun").path("connections").findValuesAsText("peer")).containsExactly("203.0.113.50");
    assertThat(life.path("audit").get(0).path("note").asText()).isEqualTo("usual peers and ports kept: 1");
    assertThat(viewer.get("/api/v1/actions/A-000001").json().has("reachable")).as("other kinds have none").isFalse();
    assertThat(viewer.get("/actions/A-000003").body()).contains("Still reachable", "<li>10.0.0.20:445</li>",
        "it used itself");
  }

  @Test
  void confirmExtendClear_byAnalysts_refusedToViewers_badInputIs400_andEveryChangeIsAudited() {
    String pending = "/api/v1/actions/A-000001";
    assertThat(viewer.post(pending + "/confirm", "{}").status()).isEqualTo(403);
    assertThat(analyst.post(pending + "/confirm", "{\"reason\":\"x\"}").status()).isEqualTo(400);
    assertThat(analyst.post("/api/v1/actions/A-999999/confirm", "{}").status()).isEqualTo(404);
    JsonNode confirmed = analyst.post(pending + "/confirm", "{\"note\":\"seen it\"}").json();
    assertThat(confirmed.path("state").asText()).isEqualTo("active");
    assertThat(confirmed.path("audit").findValuesAsText("actor")).containsExactly("policy:watch-list", "ana");
    assertThat(analyst.post(pending + "/confirm", "{}").status()).as("already active").isEqualTo(409);

    assertThat(analyst.post(pending + "/extend", "{}").status()).isEqualTo(400);
    assertThat(analyst.post(pending + "/extend", "{\"by\":\"2 hours\"}").status()).isEqualTo(400);
    Instant before = Instant.parse(confirmed.path("expiry").asText());
    JsonNode extended = analyst.post(pending + "/extend", "{\"by\":\"30m\"}").json();
    assertThat(Instant.parse(extended.path("expiry").asText())).isEqualTo(before.plus(Duration.ofMinutes(30)));

    JsonNode cleared = analyst.post(pending + "/clear", "{\"note\":\"false positive\"}").json();
    assertThat(cleared.path("state").asText()).isEqualTo("cleared");
    assertThat(cleared.path("audit").get(3).path("note").asText()).isEqualTo("false positive");
    assertThat(analyst.post(pending + "/clear", "{}").status()).isEqualTo(409);

    JsonNode audit = admin.get("/api/v1/audit").json().path("items");
    assertThat(audit.findValuesAsText("action")).contains("action-confirm", "action-extend", "action-clear");
  }

  @Test
  void pages_showTheLedgerWithDryRuns_andAnAnalystsFormExtendsAnAction() {
    ApiClient.Answer ledger = viewer.get("/actions");
    assertThat(ledger.status()).isEqualTo(200);
    assertThat(ledger.body()).contains("A-000002", "10.0.1.6 -&gt; 198.51.100.7:8443", "5 connections");
    ApiClient.Answer one = viewer.get("/actions/A-000002");
    assertThat(one.body()).contains("Dry run", "Audit trail", "policy:beacons").doesNotContain("Extend by");
    assertThat(analyst.get("/actions/A-000002").body()).contains("Extend by");

    Instant before = Instant.parse(viewer.get("/api/v1/actions/A-000002").json().path("expiry").asText());
    ApiClient.Answer extended = analyst.post("/actions/A-000002/extend",
        "by=2h&note=still+beaconing".getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded");
    assertThat(extended.status()).isEqualTo(303);
    assertThat(Instant.parse(viewer.get("/api/v1/actions/A-000002").json().path("expiry").asText()))
        .isEqualTo(before.plus(Duration.ofHours(2)));
    assertThat(viewer.post("/actions/A-000002/clear", "note=x".getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded").status()).isEqualTo(403);
  }

  private static ConnEvent conn(long ts, String uid, String orig, String resp, int port) {
    return new ConnEvent(ts, uid, new FlowId(orig, 50000, resp, port), "tcp", "ssl", 1.5, 1000, 200, "SF", true,
        false, 0, "ShADadFf", 10, 1000, 8, 600, List.of(), null, null, null);
  }

  private static Breach breach(String id, String model, String device, String address, String peer, String port) {
    return new Breach(id, model, "Compromise / " + model, "Compromise", BREACHED, device,
        new Peer(Peer.Kind.ADDRESS, peer), 80, List.of("T1071"), List.of(Tactic.COMMAND_AND_CONTROL), "test",
        List.of(), List.of("C0"), Map.of("device_ip", address, "peer_address", peer, "service_port", port));
  }
}
