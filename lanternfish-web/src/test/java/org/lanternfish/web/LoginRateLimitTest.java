package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.web.security.Secret;

final class LoginRateLimitTest {
  @TempDir Path directory;

  @Test
  void basicLogin_afterFiveFailures_isRefusedEvenWithTheRightPassword() {
    try (SampleSite site = new SampleSite(directory)) {
      for (int i = 0; i < 5; i++) {
        assertThat(ApiClient.basic(site.base(), "vic", Secret.of("guess-" + i)).get("/api/v1/me").status())
            .isEqualTo(401);
      }
      ApiClient.Answer blocked = site.viewer().get("/api/v1/me");
      assertThat(blocked.status()).isEqualTo(429);
      assertThat(blocked.json().path("reason").asText()).contains("try again in");
      assertThat(site.server.pollOutbox()).isZero();
    }
  }
}
