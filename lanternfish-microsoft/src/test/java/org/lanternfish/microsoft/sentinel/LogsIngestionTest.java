package org.lanternfish.microsoft.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.ClientSecret;
import org.lanternfish.microsoft.auth.TokenSource;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.IngestionEndpoint;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

final class LogsIngestionTest {
  private static final long DAY = 1_764_979_200_000_000L;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final FakeMicrosoft fake;
  private final IngestionEndpoint endpoint;
  private final LogsIngestion ingestion;

  LogsIngestionTest() throws Exception {
    fake = new FakeMicrosoft(clock);
    endpoint = new IngestionEndpoint(fake);
    MicrosoftHttp http = new MicrosoftHttp(waits::add, clock, 3);
    TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
        new ClientSecret(FakeMicrosoft.SECRET), http, clock);
    ingestion = new LogsIngestion(new AuthorizedClient(tokens, http), fake.uri(), IngestionEndpoint.DCR);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static Breach breach(int n, int evidenceBytes) {
    return new Breach("b" + n, "data-sent-to-rare-domain", "Anomalous Connection / Data Sent to Rare Domain",
        "Anomalous Connection", DAY + n, "10.1.0." + (n % 250), new Peer(Peer.Kind.ADDRESS, "203.0.113.9"), 70,
        List.of("T1048"), List.of(Tactic.EXFILTRATION), "sent 2 GB to a domain no device visited",
        List.of(new Evidence("volume", "x".repeat(evidenceBytes), 2e9), new Evidence("rarity", "rare", Double.NaN)),
        List.of("C" + n), Map.of("domain", "rare.example"));
  }

  private static List<ObjectNode> rows(int count, int evidenceBytes) {
    List<ObjectNode> rows = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      rows.add(SentinelRecords.breach(n, breach(n, evidenceBytes)));
    }
    return rows;
  }

  @Test
  void send_batchesOfAtMostOneMegabyte_matchTheShippedRuleAndArriveInOrder() throws Exception {
    List<ObjectNode> rows = rows(300, 10_000);
    List<List<ObjectNode>> batches = LogsIngestion.batches(rows);
    assertThat(batches).hasSizeGreaterThanOrEqualTo(3);
    for (List<ObjectNode> batch : batches) {
      ingestion.send(SentinelRecords.BREACHES, batch);
    }
    assertThat(endpoint.callSizes()).hasSize(batches.size()).allSatisfy(size ->
        assertThat(size).isLessThanOrEqualTo(LogsIngestion.MAX_BATCH_BYTES));
    List<JsonNode> received = endpoint.rows(SentinelRecords.BREACHES);
    assertThat(received).extracting(r -> r.get("Seq").asLong()).containsExactlyElementsOf(
        rows.stream().map(r -> r.get("Seq").asLong()).toList());
    assertThat(received.get(0).get("TimeGenerated").asText()).isEqualTo("2025-12-06T00:00:00.000001Z");
    assertThat(received.get(0).get("Tactics").get(0).asText()).isEqualTo(Tactic.EXFILTRATION.label());
    assertThat(received.get(0).get("Evidence").get(1).has("value")).as("NaN is left out").isFalse();
  }

  @Test
  void send_incidentRows_matchTheShippedRule() throws Exception {
    ingestion.send(SentinelRecords.INCIDENTS, List.of(
        SentinelRecords.incident(7, "inc-1", false, "Data theft from 10.1.0.5", 80, DAY, DAY + 1, 2,
            List.of("10.1.0.5"), "{\"story\": \"...\"}", clock.instant()),
        SentinelRecords.incident(8, "inc-2", true, null, 0, 0, 0, 0, List.of(), null, clock.instant())));
    assertThat(endpoint.rows(SentinelRecords.INCIDENTS)).extracting(r -> r.get("IncidentId").asText())
        .containsExactly("inc-1", "inc-2");
  }

  @Test
  void send_throttled_waitsRetryAfterThenSends() throws Exception {
    fake.queue("/dataCollectionRules/" + IngestionEndpoint.DCR + "/streams/" + SentinelRecords.BREACHES,
        new Reply(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}",
            Map.of("Retry-After", "2.128")));
    ingestion.send(SentinelRecords.BREACHES, rows(2, 10));
    assertThat(waits).containsExactly(Duration.ofMillis(2128));
    assertThat(endpoint.rows(SentinelRecords.BREACHES)).hasSize(2);
  }

  @Test
  void send_columnTheRuleDoesNotDeclare_isRefusedWithTheReason() {
    ObjectNode row = rows(1, 10).get(0);
    row.put("Colour", "blue");
    assertThatThrownBy(() -> ingestion.send(SentinelRecords.BREACHES, List.of(row)))
        .isInstanceOfSatisfying(ApiFailure.class, e -> assertThat(e.getMessage())
            .contains("HTTP 400").contains("column Colour is not declared"));
  }

  @Test
  void batches_rowLargerThanACall_isRefused() {
    assertThatThrownBy(() -> LogsIngestion.batches(rows(1, 1_100_000)))
        .isInstanceOf(LogsIngestion.RowTooLarge.class).hasMessageContaining("over the 1000000 bytes");
  }
}
