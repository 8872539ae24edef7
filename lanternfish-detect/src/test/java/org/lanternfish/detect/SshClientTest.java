package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/**
 * A device that logs in with OpenSSH every day and then connects with paramiko shows new SSH software: a low-score
 * breach that joins what follows. Its usual client (also after an upgrade), and a device whose first SSH session
 * ever it is, stay quiet.
 */
final class SshClientTest {

  private static final String NEW_CLIENT = "Device / New SSH Client Software";
  private static final String PARAMIKO = "SSH-2.0-paramiko_3.4.0";

  private static Traffic dailyOpenSsh() {
    Traffic t = new Traffic();
    Office.life(t, 0, 5);
    for (int day = 0; day < 5; day++) {
      t.ssh(Traffic.at(day, 9, 30), Office.client(9), Office.INTRANET, true, 1);
    }
    return t;
  }

  private static List<Breach> fired(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.model().equals(NEW_CLIENT)).toList();
  }

  @Test
  void paramikoFromADeviceThatUsesOpenSsh_breaches() {
    Traffic t = dailyOpenSsh();
    String uid = t.ssh(Traffic.at(4, 14, 0), Office.client(9), Office.FS, true, 1, PARAMIKO);
    assertThat(fired(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(9));
      assertThat(b.peerValue()).isEqualTo(Office.FS);
      assertThat(b.recordUids()).containsExactly(uid);
      assertThat(b.evidence()).anySatisfy(e -> assertThat(e.text()).contains(PARAMIKO));
    });
  }

  @Test
  void theUsualClient_andADevicesFirstSshSession_stayQuiet() {
    Traffic t = dailyOpenSsh();
    t.ssh(Traffic.at(4, 14, 0), Office.client(9), Office.FS, true, 1);
    t.ssh(Traffic.at(4, 15, 0), Office.client(9), Office.FS, true, 1, "SSH-2.0-OpenSSH_9.7p1 Ubuntu-7");
    t.ssh(Traffic.at(4, 14, 5), Office.client(11), Office.FS, true, 1, PARAMIKO);
    assertThat(fired(t)).isEmpty();
  }
}
