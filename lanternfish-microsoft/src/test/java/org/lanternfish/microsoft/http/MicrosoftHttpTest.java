package org.lanternfish.microsoft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.microsoft.fake.FakeMicrosoft;
import org.lanternfish.microsoft.fake.FakeMicrosoft.Reply;
import org.lanternfish.microsoft.fake.MutableClock;

final class MicrosoftHttpTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final MicrosoftHttp http = new MicrosoftHttp(waits::add, clock, 4);

  private MicrosoftHttp.Answer get(URI uri) throws Exception {
    return http.send("test call", () -> MicrosoftHttp.request(uri).GET().build());
  }

  @Test
  void send_throttledWithDecimalRetryAfter_waitsExactlyThatThenSucceeds() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.queue("/open", new Reply(429, FakeMicrosoft.sample("graph-throttling-429-response.json"),
          Map.of("Retry-After", "2.128")));
      fake.onOpen("/open", exchange -> Reply.json(200, "{\"ok\":true}"));
      MicrosoftHttp.Answer answer = get(fake.uri().resolve("/open"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(waits).containsExactly(Duration.ofMillis(2128));
      assertThat(fake.requests()).hasSize(2);
    }
  }

  @Test
  void send_serverErrors_backOffExponentiallyAndNameTheStatusAtTheEnd() throws Exception {
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.onOpen("/open", exchange -> Reply.json(503, "{\"error\":{\"code\":\"ServiceUnavailable\","
          + "\"message\":\"try later\"}}"));
      assertThatThrownBy(() -> get(fake.uri().resolve("/open")))
          .isInstanceOfSatisfying(ApiFailure.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ApiFailure.Kind.UNAVAILABLE);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("HTTP 503 (ServiceUnavailable: try later) after 4 attempts");
          });
      assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }
  }

  @Test
  void send_clientErrors_areReturnedAtOnceForTheCallerToRead() throws Exception {
    // Read here, not in the handler: without the sample payloads the test is skipped, not failed on the fake's thread.
    String error = FakeMicrosoft.sample("mde-error-invalidrequestbody.json");
    try (FakeMicrosoft fake = new FakeMicrosoft(clock)) {
      fake.onOpen("/open", exchange -> Reply.json(400, error));
      MicrosoftHttp.Answer answer = get(fake.uri().resolve("/open"));
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.errorText()).hasValueSatisfying(text -> assertThat(text).startsWith("InvalidRequestBody: "));
      assertThat(waits).isEmpty();
    }
  }

  @Test
  void send_unreachableHost_failsAsUnreachableAfterEveryAttempt() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    assertThatThrownBy(() -> get(URI.create("http://127.0.0.1:" + port + "/v1.0/security/alerts_v2")))
        .isInstanceOfSatisfying(ApiFailure.class, e -> {
          assertThat(e.kind()).isEqualTo(ApiFailure.Kind.UNREACHABLE);
          assertThat(e.getMessage()).contains("cannot reach 127.0.0.1:" + port).contains("after 4 attempts");
        });
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }
}
