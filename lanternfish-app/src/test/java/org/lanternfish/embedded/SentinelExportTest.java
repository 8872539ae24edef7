package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.sentinel.LogsIngestion;
import org.lanternfish.microsoft.sentinel.SentinelRecords;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;

/**
 * The Sentinel export reads the store's outbox: breaches and incident updates reach the fake Logs Ingestion API in
 * commit order, in batches of at most 1 MB that match the shipped rule, and a new exporter (a restart) or one whose
 * endpoint failed mid-way resumes after the last batch accepted: nothing lost, nothing sent twice.
 */
final class SentinelExportTest {
  private static final long DAY = 1_764_979_200_000_000L;
  @TempDir Path temp;

  @Test
  void exportAvailable_sendsTheOutboxInOrder_andResumesAfterARestartOrAFailure() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(Clock.systemUTC());
        DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"))) {
      IngestionEndpoint endpoint = new IngestionEndpoint(fake);
      List<String> problems = new ArrayList<>();
      store.commit(new Commit(List.of(), List.of(), Map.of(), breaches(1, 150),
          List.of(incident("inc-1", 2)), List.of()));
      assertThat(export(store, fake, problems).exportAvailable()).isEqualTo(151);
      assertThat(endpoint.callSizes()).hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(LogsIngestion.MAX_BATCH_BYTES));

      // A restart with more committed: only the new entries go. The endpoint then fails for good mid-way.
      store.commit(new Commit(List.of(), List.of(), Map.of(), breaches(151, 300), List.of(incident("inc-1", 5)),
          List.of()));
      String breachPath = "/dataCollectionRules/" + IngestionEndpoint.DCR + "/streams/" + SentinelRecords.BREACHES;
      for (int i = 0; i < 3; i++) {
        fake.queue(breachPath, Reply.json(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"x\"}}"));
      }
      SentinelExport failing = export(store, fake, problems);
      assertThatThrownBy(failing::exportAvailable).isInstanceOf(ApiFailure.class);
      assertThat(store.position(SentinelExport.CONSUMER)).as("nothing of the failed run was taken as sent")
          .isEqualTo(151);
      assertThat(export(store, fake, problems).exportAvailable()).isEqualTo(151);

      List<Long> breachSeqs = endpoint.rows(SentinelRecords.BREACHES).stream().map(r -> r.get("Seq").asLong())
          .toList();
      assertThat(breachSeqs).hasSize(300).doesNotHaveDuplicates().isSorted();
      assertThat(endpoint.rows(SentinelRecords.BREACHES)).extracting(r -> r.get("BreachId").asText())
          .startsWith("b1", "b2").endsWith("b300");
      List<JsonNode> incidents = endpoint.rows(SentinelRecords.INCIDENTS);
      assertThat(incidents).extracting(r -> r.get("BreachCount").asInt()).containsExactly(2, 5);
      assertThat(incidents.get(1).get("Incident").get("story").asText()).isEqualTo("five breaches");
      assertThat(store.position(SentinelExport.CONSUMER)).isEqualTo(store.read(0, 1_000).getLast().seq());
      assertThat(export(store, fake, problems).exportAvailable()).isZero();
      assertThat(problems).isEmpty();
    }
  }

  private static SentinelExport export(DuckDbEventStore store, FakeMicrosoft fake, List<String> problems) {
    MicrosoftHttp http = new MicrosoftHttp(wait -> { }, Clock.systemUTC(), 3);
    TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
        new ClientSecret(FakeMicrosoft.SECRET), http, Clock.systemUTC());
    return new SentinelExport(store, new LogsIngestion(new AuthorizedClient(tokens, http), fake.uri(),
        IngestionEndpoint.DCR), Clock.systemUTC(), problems::add);
  }

  private static List<Breach> breaches(int from, int to) {
    List<Breach> out = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      out.add(new Breach("b" + n, "data-sent-to-rare-domain", "Anomalous Connection / Data Sent to Rare Domain",
          "Anomalous Connection", DAY + n, "10.1.0.5", new Peer(Peer.Kind.DOMAIN, "rare.example"), 70,
          List.of("T1048"), List.of(Tactic.EXFILTRATION), "sent 2 GB",
          List.of(new Evidence("volume", "y".repeat(20_000), 2e9)), List.of("C" + n), Map.of()));
    }
    return out;
  }

  private static StoredIncident incident(String id, int breaches) {
    return new StoredIncident(id, "Data theft from 10.1.0.5", 80, DAY, DAY + breaches, breaches,
        List.of("10.1.0.5"), "{\"story\": \"" + (breaches == 5 ? "five" : "two") + " breaches\"}");
  }
}
