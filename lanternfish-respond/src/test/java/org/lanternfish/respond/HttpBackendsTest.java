package org.lanternfish.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.respond.http.DynamicList;
import org.lanternfish.respond.http.WebhookBackend;
import org.lanternfish.respond.http.WebhookSignature;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

/** The webhook and the External Dynamic List against real local HTTP peers. */
final class HttpBackendsTest {

  private static final long SECOND = 1_000_000L;
  private static final byte[] SECRET = "a-shared-secret-of-some-length".getBytes(StandardCharsets.UTF_8);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private HttpServer peer;
  private volatile boolean failing;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  /** A webhook receiver that checks signatures as the documentation tells receivers to, and can be made to fail. */
  private URI receiver() throws Exception {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    peer.createContext("/hook", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String refusal = WebhookSignature.refusal(SECRET, exchange.getRequestHeaders().getFirst(
            WebhookSignature.TIMESTAMP), exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE), body,
            Instant.now().getEpochSecond(), 300);
        int status = failing ? 503 : refusal != null ? 401 : 204;
        if (refusal != null) {
          refused.add(refusal);
        } else if (!failing) {
          received.add(JSON.readTree(body));
        }
        exchange.sendResponseHeaders(status, -1);
      }
    });
    peer.start();
    return URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stopPeer() {
    if (peer != null) {
      peer.stop(0);
    }
  }

  private static Action block(long now, long seconds) {
    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    return ledger.propose(new ActionLedger.Proposal(ActionKind.BLOCK_CONNECTIONS, new ActionTarget("pc-1",
        "10.0.1.5", "203.0.113.9", 443), List.of("b1"), seconds * SECOND, false, true, "policy:test"), now).action();
  }

  @Test
  void webhook_signsEveryCall_andTheReceiverRefusesAForgedSignatureAndAReplay() throws Exception {
    URI url = receiver();
    WebhookBackend webhook = new WebhookBackend(url, SECRET);
    Action a = block(ResponseService.wallClock(), 60);
    webhook.apply(a, ResponseService.wallClock());
    webhook.release(a);
    assertThat(received).extracting(m -> m.path("event").asText()).containsExactly("apply", "release");
    assertThat(received.get(0).path("action").path("peer").asText()).isEqualTo("203.0.113.9");
    assertThat(received.get(0).path("action").path("port").asInt()).isEqualTo(443);
    assertThat(refused).isEmpty();

    byte[] body = "{\"event\":\"release\",\"action\":{\"id\":\"A-000001\"}}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    String forged = WebhookSignature.sign("not-the-shared-secret-at-all".getBytes(StandardCharsets.UTF_8), now, body);
    assertThat(post(url, body, now, forged)).isEqualTo(401);
    assertThat(post(url, body, now - 600, WebhookSignature.sign(SECRET, now - 600, body))).as("a replay").isEqualTo(401);
    assertThat(post(url, body, now, WebhookSignature.sign(SECRET, now, body))).isEqualTo(204);
    assertThat(refused).hasSize(2);
    assertThat(refused.get(0)).isEqualTo("the signature does not match");
    assertThat(refused.get(1)).matches("the timestamp is 60[01] s away from now: too old \\(a replay\\) or from the"
        + " future");

    failing = true;
    assertThatThrownBy(() -> webhook.apply(a, ResponseService.wallClock())).isInstanceOf(BackendException.class)
        .hasMessageContaining("answered 503");
  }

  @Test
  void webhook_peerThatFailsAndRecovers_getsTheLedgerWhenBack() throws Exception {
    URI url = receiver();
    failing = true;
    AtomicLong clock = new AtomicLong(ResponseService.wallClock());
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(new Breach("b1", "ioc-match", "IoC Match",
          "Compliance", clock.get(), "pc-1", new Peer(Peer.Kind.ADDRESS, "203.0.113.9"), 80, List.of(),
          List.of(Tactic.COMMAND_AND_CONTROL), "watch list", List.of(), List.of(), Map.of("device_ip", "10.0.1.5",
          "peer_address", "203.0.113.9", "service_port", "443"))), List.of(), List.of()));
      ResponseSettings settings = new ResponseSettings(new ResponsePolicy(List.of(new ResponseRule("watch-list",
          Set.of("ioc-match"), Set.of(), 0, 100, false, 0, ActionKind.BLOCK_CONNECTIONS, 3600 * SECOND, false,
          true))), List.of(), List.of(new WebhookBackend(url, SECRET)));
      List<String> log = new ArrayList<>();
      ResponseService service = new ResponseService(store, store, store, settings, List.of(), clock::get, log::add);
      service.step(true, 0, clock.get());
      assertThat(service.actions()).hasSize(1);
      assertThat(service.health().get(0).healthy()).isFalse();
      assertThat(service.health().get(0).lastError()).contains("answered 503");

      failing = false;
      clock.addAndGet(SECOND);
      service.step(false, 0, clock.get());
      assertThat(service.health().get(0).healthy()).isTrue();
      assertThat(received).singleElement().satisfies(m -> {
        assertThat(m.path("event").asText()).isEqualTo("reconcile");
        assertThat(m.path("actions").findValuesAsText("id")).containsExactly("A-000001");
      });
    }
  }

  @Test
  void dynamicList_behindBasicOrItsToken_dropsAnEntryAtItsExpiry() throws Exception {
    AtomicLong clock = new AtomicLong(ResponseService.wallClock());
    byte[] password = "edl-password-long-enough".getBytes(StandardCharsets.UTF_8);
    byte[] token = "edl-token-long-enough-too".getBytes(StandardCharsets.UTF_8);
    try (DynamicList list = new DynamicList(new InetSocketAddress("127.0.0.1", 0), "/edl/list.txt",
        new DynamicList.Access("firewall", password, token), clock::get)) {
      list.install();
      String base = "http://127.0.0.1:" + list.port() + "/edl/list.txt";
      Action a = block(clock.get(), 30);
      list.apply(a, clock.get());

      assertThat(fetch(base, null).statusCode()).isEqualTo(401);
      assertThat(fetch(base, basic("firewall", "wrong-password")).statusCode()).isEqualTo(401);
      HttpResponse<String> basic = fetch(base, basic("firewall", new String(password, StandardCharsets.UTF_8)));
      assertThat(basic.statusCode()).isEqualTo(200);
      assertThat(basic.body()).startsWith("203.0.113.9 # A-000001 block_connections 10.0.1.5 -> 203.0.113.9:443 until ");
      assertThat(basic.body().lines()).hasSize(1);
      assertThat(fetch(base + "?token=" + new String(token, StandardCharsets.UTF_8), null).body())
          .isEqualTo(basic.body());
      assertThat(fetch(base, "Bearer " + new String(token, StandardCharsets.UTF_8)).body()).isEqualTo(basic.body());

      clock.addAndGet(30 * SECOND - 1);
      assertThat(fetch(base, "Bearer " + new String(token, StandardCharsets.UTF_8)).body()).isNotEmpty();
      clock.addAndGet(1);
      assertThat(fetch(base, "Bearer " + new String(token, StandardCharsets.UTF_8)).body())
          .as("at its expiry, with no reconciliation in between").isEmpty();
    }
  }

  @Test
  void patternOfLife_reachesTheWebhookWithItsPeers_butNotTheListOfAddressesToBlock() throws Exception {
    URI url = receiver();
    long now = ResponseService.wallClock();
    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    Action life = ledger.propose(new ActionLedger.Proposal(ActionKind.PATTERN_OF_LIFE, ActionTarget.device("pc-1",
        "10.0.1.5"), List.of("b1"), 60 * SECOND, false, true, "policy:test",
        List.of(new Reachable("10.0.0.20", 445), new Reachable("10.0.0.53", 53)), null), now).action();
    new WebhookBackend(url, SECRET).apply(life, now);
    assertThat(received).singleElement().satisfies(m -> {
      assertThat(m.path("action").path("kind").asText()).isEqualTo("pattern_of_life");
      assertThat(m.path("action").path("reachable").findValuesAsText("peer")).containsExactly("10.0.0.20",
          "10.0.0.53");
      assertThat(m.path("action").path("reachable").findValues("port")).extracting(JsonNode::asInt)
          .containsExactly(445, 53);
    });

    try (DynamicList list = new DynamicList(new InetSocketAddress("127.0.0.1", 0), "/edl/list.txt",
        new DynamicList.Access(null, null, null), () -> now)) {
      list.install();
      list.reconcile(List.of(life, block(now, 30)), now);
      assertThat(list.text().lines()).as("only the connection block: a list to block cannot say 'only these'")
          .singleElement().asString().startsWith("203.0.113.9 ");
    }
  }

  private static int post(URI url, byte[] body, long timestamp, String signature) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(url).header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
        .header(WebhookSignature.SIGNATURE, signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static HttpResponse<String> fetch(String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
