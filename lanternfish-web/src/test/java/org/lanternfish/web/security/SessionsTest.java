package org.lanternfish.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class SessionsTest {
  private Instant now = Instant.parse("2026-11-13T09:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void find_afterIdleTimeout_isEmpty_whileUseKeepsItAlive() {
    Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
    Sessions.Session session = sessions.start(new User("ana", Role.ANALYST));
    now = now.plus(Duration.ofMinutes(29));
    assertThat(sessions.find(session.id())).isPresent();
    now = now.plus(Duration.ofMinutes(29));
    assertThat(sessions.find(session.id())).isPresent();
    now = now.plus(Duration.ofMinutes(31));
    assertThat(sessions.find(session.id())).isEmpty();
  }

  @Test
  void find_afterAbsoluteTimeout_isEmptyEvenWhenUsed() {
    Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofMinutes(90));
    Sessions.Session session = sessions.start(new User("ana", Role.ANALYST));
    for (int i = 0; i < 3; i++) {
      now = now.plus(Duration.ofMinutes(25));
      assertThat(sessions.find(session.id())).isPresent();
    }
    now = now.plus(Duration.ofMinutes(25));
    assertThat(sessions.find(session.id())).isEmpty();
  }

  @Test
  void loginThrottle_waitEndsWhenTheOldestFailureLeavesTheWindow() {
    LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      throttle.failed("user:vic");
      now = now.plusSeconds(60);
    }
    assertThat(throttle.wait("user:vic")).isEqualTo(Duration.ofMinutes(2));
    assertThat(throttle.wait("user:ana")).isZero();
    now = now.plus(Duration.ofMinutes(2));
    assertThat(throttle.wait("user:vic")).isZero();
  }

  @Test
  void secret_neverPrintsItself() {
    Secret secret = Secret.of("hunter2-hunter2");
    assertThat(secret.toString()).doesNotContain("hunter2");
    assertThat(String.valueOf(new User("x", Role.ADMIN)) + secret).doesNotContain("hunter2");
  }
}
