package org.lanternfish.microsoft.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void parse_decimalSeconds_keepsTheMilliseconds() {
    assertThat(RetryAfter.parse("2.128", NOW)).contains(Duration.ofMillis(2128));
  }

  @Test
  void parse_wholeSecondsAndHttpDate() {
    assertThat(RetryAfter.parse(" 30 ", NOW)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Mon, 07 Dec 2026 10:00:05 GMT", NOW)).contains(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("Mon, 07 Dec 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void parse_garbageOrNegative_isEmpty_andHugeIsCapped() {
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("86400", NOW)).contains(RetryAfter.LONGEST);
  }
}
