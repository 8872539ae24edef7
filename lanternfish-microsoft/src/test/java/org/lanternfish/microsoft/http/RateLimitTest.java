package org.lanternfish.microsoft.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.microsoft.fake.MutableClock;

final class RateLimitTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private final RateLimit limit = RateLimit.defender(clock, wait -> {
    waits.add(wait);
    clock.advance(wait);
  });

  @Test
  void acquire_101stCallInAMinute_waitsForTheFirstToLeaveTheWindow() throws Exception {
    for (int i = 0; i < 100; i++) {
      limit.acquire();
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(waits).isEmpty();
    limit.acquire();
    assertThat(waits).containsExactly(Duration.ofSeconds(50));
  }

  @Test
  void acquire_1501stCallInAnHour_waitsForTheHourWindow() throws Exception {
    for (int i = 0; i < 1_500; i++) {
      limit.acquire();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(waits).as("60 calls a minute are within the minute's limit").isEmpty();
    limit.acquire();
    assertThat(waits).containsExactly(Duration.ofMinutes(35));
    assertThat(clock.instant()).as("the first call has left the hour").isEqualTo(
        Instant.parse("2026-12-07T11:00:00Z"));
  }
}
