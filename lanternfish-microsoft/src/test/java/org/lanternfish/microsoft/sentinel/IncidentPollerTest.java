package org.lanternfish.microsoft.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.ClientSecret;
import org.lanternfish.microsoft.auth.SentinelWorkspace;
import org.lanternfish.microsoft.auth.TokenSource;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

final class IncidentPollerTest {
  private static final SentinelWorkspace WORKSPACE = new SentinelWorkspace("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
      "soc-rg", "soc-workspace");
  private static final String INCIDENTS = WORKSPACE.path() + "/providers/Microsoft.SecurityInsights/incidents";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
  private final FakeMicrosoft fake;
  private final IncidentPoller poller;

  IncidentPollerTest() throws Exception {
    fake = new FakeMicrosoft(clock);
    MicrosoftHttp http = new MicrosoftHttp(waits::add, clock, 3);
    TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
        new ClientSecret(FakeMicrosoft.SECRET), http, clock);
    poller = new IncidentPoller(new AuthorizedClient(tokens, http), fake.uri(), WORKSPACE);
    // Two pages, as Resource Manager serves them: the first links to the second with a skip token.
    fake.on(INCIDENTS, exchange -> {
      String query = exchange.getRequestURI().getQuery();
      asked.add(query);
      if (query.contains("$skipToken=")) {
        return Reply.json(200, "{\"value\":[" + incident(3, "Lanternfish incident INC-beacon: Beaconing",
            "BenignPositive", "SuspiciousButExpected", "2026-12-07T09:30:00.5Z") + ","
            + incident(4, "Lanternfish incident INC-noise: Port scan", "Undetermined", null,
            "2026-12-07T09:10:00Z") + "]}");
      }
      return Reply.json(200, "{\"value\":[" + incident(1, "Lanternfish incident INC-shadowpad: ShadowPad C2",
          "FalsePositive", "IncorrectAlertLogic", "2026-12-07T09:20:00Z") + ","
          + incident(2, "Suspicious sign-in from a new country", "TruePositive", "SuspiciousActivity",
          "2026-12-07T09:25:00Z") + "],\"nextLink\":\"" + fake.uri() + INCIDENTS
          + "?api-version=2024-03-01&$skipToken=page2\"}");
    });
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static String incident(int number, String title, String classification, String reason,
      String modified) {
    return "{\"id\":\"" + INCIDENTS + "/guid-" + number + "\",\"name\":\"guid-" + number + "\","
        + "\"type\":\"Microsoft.SecurityInsights/Incidents\",\"properties\":{\"title\":\"" + title + "\","
        + "\"incidentNumber\":" + number + ",\"status\":\"Closed\",\"severity\":\"High\","
        + "\"classification\":\"" + classification + "\","
        + (reason == null ? "" : "\"classificationReason\":\"" + reason + "\",")
        + "\"labels\":[],\"lastModifiedTimeUtc\":\"" + modified + "\"}}";
  }

  @Test
  void poll_twoPages_keepsTheClassifiedIncidentsThatCameFromLanternfish_andMovesTheWatermark() throws Exception {
    IncidentPoller.Poll poll = poller.poll(Instant.parse("2026-12-07T09:00:00Z"));

    assertThat(poll.pages()).isEqualTo(2);
    assertThat(poll.verdicts()).as("a foreign incident and an undetermined one are no verdicts").containsExactly(
        new IncidentVerdict("INC-shadowpad", "1", "FalsePositive", "IncorrectAlertLogic",
            Instant.parse("2026-12-07T09:20:00Z")),
        new IncidentVerdict("INC-beacon", "3", "BenignPositive", "SuspiciousButExpected",
            Instant.parse("2026-12-07T09:30:00.5Z")));
    assertThat(poll.watermark()).isEqualTo(Instant.parse("2026-12-07T09:30:00.5Z"));
    assertThat(asked.get(0)).contains("api-version=2024-03-01",
        "$filter=properties/lastModifiedTimeUtc ge 2026-12-07T09:00:00Z");
    assertThat(fake.tokenScopes()).containsOnly("https://management.azure.com/.default");
  }

  @Test
  void shippedIncidentRule_namesIncidentsAsThePollerReadsThem() throws Exception {
    String rule = Files.readString(Path.of(System.getProperty("lanternfish.repo", "."))
        .resolve("sentinel/analytic-rules/lanternfish-incident.yaml"));
    assertThat(rule).contains("alertDisplayNameFormat: \"" + IncidentPoller.TITLE_PREFIX + "{{IncidentId}}: {{Title}}\"");
  }

  @Test
  void poll_throttledWithRetryAfter_waitsWhatItAsks_andLosesNothing() throws Exception {
    fake.queue(INCIDENTS, new Reply(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}",
        Map.of("Retry-After", "2.128")));

    IncidentPoller.Poll poll = poller.poll(Instant.parse("2026-12-07T09:00:00Z"));

    assertThat(waits).containsExactly(Duration.ofMillis(2128));
    assertThat(poll.verdicts()).extracting(IncidentVerdict::lanternfishIncidentId)
        .containsExactly("INC-shadowpad", "INC-beacon");
  }

  @Test
  void poll_missingRole_saysWhichRoleToGrant() {
    fake.queue(INCIDENTS, Reply.json(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client"
        + " does not have authorization to perform action 'Microsoft.SecurityInsights/incidents/read'\"}}"));

    assertThatThrownBy(() -> poller.poll(Instant.parse("2026-12-07T09:00:00Z")))
        .isInstanceOfSatisfying(ApiFailure.class, e -> assertThat(e.kind()).isEqualTo(ApiFailure.Kind.FORBIDDEN))
        .hasMessageContaining("Microsoft Sentinel Reader").hasMessageContaining("AuthorizationFailed");
  }
}
