package org.lanternfish.microsoft.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.ingest.Malformation;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.ClientSecret;
import org.lanternfish.microsoft.auth.TokenSource;
import org.lanternfish.microsoft.fake.AlertsEndpoint;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;
import org.lanternfish.microsoft.fake.SampleAlerts;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

final class AlertPollerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final FakeMicrosoft fake;
  private final AlertsEndpoint alerts;
  private final AlertPoller poller;

  AlertPollerTest() throws Exception {
    fake = new FakeMicrosoft(clock);
    alerts = new AlertsEndpoint(fake, 2);
    MicrosoftHttp http = new MicrosoftHttp(waits::add, clock, 3);
    TokenSource tokens = new TokenSource(fake.uri(), FakeMicrosoft.TENANT, FakeMicrosoft.CLIENT,
        new ClientSecret(FakeMicrosoft.SECRET), http, clock);
    poller = new AlertPoller(new AuthorizedClient(tokens, http), fake.uri(), clock, Duration.ofDays(1));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ObjectNode alert(int n, String updated) {
    return SampleAlerts.alert("da63755122767756081" + n + "_-96144481" + n, updated, "low", "ws" + n + ".corp.local",
        "10.1.0." + n);
  }

  private void putFive() {
    for (int n = 1; n <= 5; n++) {
      alerts.put(alert(n, "2026-12-07T09:0" + n + ":00.1234567Z"));
    }
  }

  private static List<String> ids(List<DefenderAlertEvent> events) {
    return events.stream().map(DefenderAlertEvent::uid).toList();
  }

  @Test
  void poll_threePages_takesEveryAlertOnce_andTheNextPollAsksFromTheWatermark() throws Exception {
    putFive();
    AlertBatch first = poller.poll(AlertCursor.start());
    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.fresh()).hasSize(5).extracting(DefenderAlertEvent::deviceDnsName)
        .containsExactly("ws1.corp.local", "ws2.corp.local", "ws3.corp.local", "ws4.corp.local", "ws5.corp.local");
    assertThat(first.fresh().get(0).ipAddresses()).containsExactly("10.1.0.1");
    assertThat(first.fresh().get(0).alertWebUrl()).startsWith("https://security.microsoft.com/alerts/");
    assertThat(first.next().watermark()).isEqualTo(Instant.parse("2026-12-07T09:05:00.1234567Z"));

    AlertBatch second = poller.poll(first.next());
    assertThat(second.fresh()).isEmpty();
    assertThat(second.updated()).isEmpty();
    assertThat(alerts.filters()).containsExactly("lastUpdateDateTime ge 2026-12-06T10:00:00Z",
        "lastUpdateDateTime ge 2026-12-07T09:05:00.123456700Z");
  }

  @Test
  void poll_alertUpdatedAfterFirstSight_isAnUpdateNotASecondAlert() throws Exception {
    putFive();
    AlertBatch first = poller.poll(AlertCursor.start());
    ObjectNode resolved = alert(3, "2026-12-07T09:30:00Z");
    resolved.put("status", "resolved").put("classification", "truePositive");
    alerts.put(resolved);
    AlertBatch second = poller.poll(first.next());
    assertThat(second.fresh()).isEmpty();
    assertThat(second.updated()).singleElement().satisfies(a -> {
      assertThat(a.uid()).isEqualTo(first.fresh().get(2).uid());
      assertThat(a.status()).isEqualTo("resolved");
    });
    assertThat(poller.poll(second.next()).updated()).isEmpty();
  }

  @Test
  void poll_alertClassifiedAfterFirstSight_bringsTheAnalystsVerdictBack() throws Exception {
    putFive();
    AlertBatch first = poller.poll(AlertCursor.start());
    assertThat(first.verdicts()).isEmpty();
    ObjectNode benign = alert(2, "2026-12-07T09:40:00Z");
    benign.put("status", "resolved").put("classification", "falsePositive").put("determination", "notMalicious");
    ObjectNode stillOpen = alert(4, "2026-12-07T09:41:00Z");
    stillOpen.put("status", "inProgress").put("classification", "unknown").put("determination", "unknown");
    alerts.put(benign);
    alerts.put(stillOpen);
    AlertBatch second = poller.poll(first.next());
    assertThat(second.updated()).hasSize(2);
    assertThat(second.verdicts()).containsExactly(new AlertVerdict(first.fresh().get(1).uid(), "falsePositive",
        "notMalicious", Instant.parse("2026-12-07T09:40:00Z")));
  }

  @Test
  void poll_enumsInAnyCase_areRead() throws Exception {
    ObjectNode shouting = alert(1, "2026-12-07T09:01:00Z");
    shouting.put("severity", "High");
    alerts.put(shouting);
    assertThat(poller.poll(AlertCursor.start()).fresh()).singleElement()
        .satisfies(a -> assertThat(a.severity()).isEqualTo("high"));
  }

  @Test
  void poll_throttledPage_waitsWhatRetryAfterSays() throws Exception {
    putFive();
    fake.queue(AlertsEndpoint.PATH, new Reply(429, FakeMicrosoft.sample("graph-throttling-429-response.json"),
        Map.of("Retry-After", "2.128")));
    assertThat(poller.poll(AlertCursor.start()).fresh()).hasSize(5);
    assertThat(waits).containsExactly(Duration.ofMillis(2128));
  }

  @Test
  void poll_invalidJsonOnPageTwo_takesNothing_andTheNextPollTakesEverythingOnce() throws Exception {
    putFive();
    AtomicInteger served = new AtomicInteger();
    fake.on(AlertsEndpoint.PATH, exchange -> served.incrementAndGet() == 2
        ? Reply.json(200, "{\"value\": [{\"id\": \"x\", ") : alerts.apply(exchange));
    assertThatThrownBy(() -> poller.poll(AlertCursor.start())).isInstanceOfSatisfying(ApiFailure.class, e -> {
      assertThat(e.kind()).isEqualTo(ApiFailure.Kind.BAD_RESPONSE);
      assertThat(e.getMessage()).contains("Graph security/alerts_v2: the answer is not valid JSON");
    });
    AlertBatch retried = poller.poll(AlertCursor.start());
    assertThat(retried.fresh()).hasSize(5);
    assertThat(ids(retried.fresh())).doesNotHaveDuplicates();
  }

  @Test
  void poll_fakeGoesAwayMidPage_losesAndRepeatsNothing() throws Exception {
    putFive();
    AlertBatch first = poller.poll(AlertCursor.start());
    for (int n = 6; n <= 9; n++) {
      alerts.put(alert(n, "2026-12-07T09:4" + n + ":00Z"));
    }
    AtomicInteger served = new AtomicInteger();
    fake.on(AlertsEndpoint.PATH, exchange -> {
      if (served.incrementAndGet() == 2) {
        new Thread(fake::stop).start();
        return null;
      }
      return alerts.apply(exchange);
    });
    assertThatThrownBy(() -> poller.poll(first.next())).isInstanceOfSatisfying(ApiFailure.class,
        e -> assertThat(e.kind()).isEqualTo(ApiFailure.Kind.UNREACHABLE));
    fake.restart();
    AlertBatch back = poller.poll(first.next());
    assertThat(ids(back.fresh())).hasSize(4).doesNotContainAnyElementsOf(ids(first.fresh()));
    assertThat(back.updated()).isEmpty();
  }

  @Test
  void poll_unreadableAlert_isCountedAndTheOthersKept() throws Exception {
    putFive();
    ObjectNode bad = alert(7, "2026-12-07T09:07:00Z");
    bad.remove("firstActivityDateTime");
    bad.put("createdDateTime", "yesterday");
    alerts.put(bad);
    AlertBatch batch = poller.poll(AlertCursor.start());
    assertThat(batch.fresh()).hasSize(5);
    assertThat(batch.report().malformed(Malformation.BAD_NUMBER)).isEqualTo(1);
    assertThat(batch.report().samples(Malformation.BAD_NUMBER)).singleElement().asString()
        .contains("createdDateTime 'yesterday'");
  }

  @Test
  void cursor_survivesItsBytes() throws Exception {
    putFive();
    AlertCursor cursor = poller.poll(AlertCursor.start()).next();
    assertThat(AlertCursor.fromBytes(cursor.toBytes())).isEqualTo(cursor);
    assertThatThrownBy(() -> AlertCursor.fromBytes("{}".getBytes())).isInstanceOf(IllegalArgumentException.class);
  }
}
