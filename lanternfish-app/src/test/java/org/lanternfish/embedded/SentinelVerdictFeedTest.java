package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.ClientSecret;
import org.lanternfish.microsoft.auth.SentinelWorkspace;
import org.lanternfish.microsoft.auth.TokenSource;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.sentinel.IncidentPoller;
import org.lanternfish.store.DuckDbEventStore;

/** Sentinel's verdicts read back into a real store from a fake Resource Manager, polled at the set interval. */
final class SentinelVerdictFeedTest {
  private static final SentinelWorkspace WORKSPACE = new SentinelWorkspace("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
      "soc-rg", "soc-workspace");
  @TempDir Path temp;

  private static String page(String classification, String modified) {
    return "{\"value\":[{\"name\":\"guid-7\",\"properties\":{\"title\":\"Lanternfish incident INC-7: Beaconing\","
        + "\"incidentNumber\":7,\"classification\":\"" + classification + "\","
        + "\"classificationReason\":\"IncorrectAlertLogic\",\"lastModifiedTimeUtc\":\"" + modified + "\"}}]}";
  }

  @Test
  void exportAvailable_storesTheVerdicts_pollsOncePerInterval_fromTheWatermark() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    List<String> filters = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<String> answer = new AtomicReference<>(page("FalsePositive", "2026-12-07T09:40:00Z"));
    try (FakeMicrosoft fake = new FakeMicrosoft(clock);
        DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"))) {
      fake.on(WORKSPACE.path() + "/providers/Microsoft.SecurityInsights/incidents", exchange -> {
        filters.add(exchange.getRequestURI().getQuery().replaceAll(".*\\$filter=", ""));
        return Reply.json(200, answer.get());
      });
      MicrosoftHttp http = new MicrosoftHttp(wait -> { }, clock, 3);
      TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
          new ClientSecret(FakeMicrosoft.SECRET), http, clock);
      SentinelVerdictFeed feed = new SentinelVerdictFeed(new IncidentPoller(new AuthorizedClient(tokens, http),
          fake.uri(), WORKSPACE), store, clock, Duration.ofSeconds(60), Duration.ofDays(1));

      assertThat(feed.exportAvailable()).isEqualTo(1);
      assertThat(store.incidentVerdicts(List.of("INC-7")).get("INC-7").falsePositive()).isTrue();
      assertThat(feed.exportAvailable()).as("not yet due").isZero();

      answer.set(page("TruePositive", "2026-12-07T10:00:30Z"));
      clock.advance(Duration.ofSeconds(60));
      assertThat(feed.exportAvailable()).isEqualTo(1);
      assertThat(store.incidentVerdicts(List.of("INC-7")).get("INC-7").classification()).isEqualTo("TruePositive");
      assertThat(filters).containsExactly("properties/lastModifiedTimeUtc ge 2026-12-06T10:00:00Z",
          "properties/lastModifiedTimeUtc ge 2026-12-07T09:40:00Z");
    }
  }
}
