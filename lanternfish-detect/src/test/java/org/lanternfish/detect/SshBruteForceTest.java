package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/**
 * Zeek's ssh.log counts the password guesses inside each session: a handful of sessions that each try several
 * passwords and fail is brute force. Sessions that succeed after a first key was refused (an agent offering several
 * keys, as Ansible does) stay quiet however many there are.
 */
final class SshBruteForceTest {

  private static final String BRUTE_FORCE = "Device / Brute Force";

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(BRUTE_FORCE)).toList();
  }

  @Test
  void fiveSessionsOfSixFailedPasswords_breach() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 0; i < 5; i++) {
      t.ssh(Traffic.at(4, 11, i), Office.client(9), Office.INTRANET, false, 6);
    }
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(9));
      assertThat(b.peerValue()).isEqualTo(Office.INTRANET);
      assertThat(b.score()).isGreaterThanOrEqualTo(60);
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains("SSH"));
    });
  }

  @Test
  void successfulSessionsAfterARefusedKey_stayQuiet() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int i = 0; i < 20; i++) {
      t.ssh(Traffic.at(4, 11, 0) + i * 20 * Traffic.SECOND, Office.ADMIN_WS, Office.INTRANET, true, 2);
    }
    assertThat(fired(t)).isEmpty();
  }
}
