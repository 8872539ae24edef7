package org.lanternfish.microsoft.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

final class CefMessagesTest {
  private static final long TS = 1_764_979_200_123_456L;

  private static Breach breach() {
    return new Breach("b|1", "new-user-agent", "Device / New User Agent | Rare", "Device", TS, "10.1.0.5",
        new Peer(Peer.Kind.DOMAIN, "rare.example"), 93, List.of("T1071.001", "T1105"),
        List.of(Tactic.COMMAND_AND_CONTROL), "first time 10.1.0.5 used agent \"curl/8.0\"\nkey=value a\\b",
        List.of(new Evidence("first-seen", "new", 0)), List.of("C1"), Map.of());
  }

  @Test
  void breach_overTcp_isReceivedAndParsedWithItsEscapesUndone() throws Exception {
    try (SyslogListener listener = new SyslogListener(true); SyslogSender sender = new SyslogSender(listener.uri())) {
      sender.send(CefMessages.breach(breach(), "lanternfish-01"));
      sender.send(CefMessages.incident("inc-7", false, "Data theft from 10.1.0.5", 85, List.of("10.1.0.5",
          "10.1.0.9"), TS, "lanternfish-01"));
      SyslogListener.Message m = listener.next();
      assertThat(m.facility()).isEqualTo(20);
      assertThat(m.severity()).as("a score of 93 is critical").isEqualTo(2);
      assertThat(m.timestamp()).isEqualTo("2025-12-06T00:00:00.123Z");
      assertThat(m.host()).isEqualTo("lanternfish-01");
      assertThat(m.app()).isEqualTo("lanternfish");
      assertThat(m.messageId()).isEqualTo("breach");
      assertThat(m.cefHeader()).containsExactly("CEF:0", "Lanternfish", "Lanternfish", "0.1.0", "new-user-agent",
          "Device / New User Agent | Rare", "9");
      assertThat(m.cefExtension()).containsEntry("rt", "1764979200123").containsEntry("dvchost", "10.1.0.5")
          .containsEntry("dhost", "rare.example").containsEntry("externalId", "b|1")
          .containsEntry("cs1", "T1071.001,T1105").containsEntry("cn1", "93")
          .containsEntry("msg", "first time 10.1.0.5 used agent \"curl/8.0\"\nkey=value a\\b");
      SyslogListener.Message incident = listener.next();
      assertThat(incident.messageId()).isEqualTo("incident");
      assertThat(incident.cefHeader().get(5)).isEqualTo("Data theft from 10.1.0.5");
      assertThat(incident.cefExtension()).containsEntry("cs1", "10.1.0.5,10.1.0.9").containsEntry("act", "updated");
    }
  }

  @Test
  void breach_overUdp_isOneDatagram() throws Exception {
    try (SyslogListener listener = new SyslogListener(false); SyslogSender sender = new SyslogSender(listener.uri())) {
      sender.send(CefMessages.incident("inc-7", true, null, 0, List.of(), TS, "lanternfish-01"));
      SyslogListener.Message m = listener.next();
      assertThat(m.severity()).isEqualTo(5);
      assertThat(m.cefExtension()).containsEntry("act", "retired").doesNotContainKey("cs1");
    }
  }

  @Test
  void sender_badTargetOrNoListener_saysSo() throws IOException {
    assertThatThrownBy(() -> new SyslogSender(URI.create("http://siem:514")))
        .hasMessageContaining("is not tcp://HOST:PORT, tls://HOST:PORT or udp://HOST:PORT");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (SyslogSender sender = new SyslogSender(URI.create("tcp://127.0.0.1:" + port))) {
      assertThatThrownBy(() -> sender.send("x")).isInstanceOf(IOException.class)
          .hasMessageContaining("cannot send syslog to tcp://127.0.0.1:" + port);
    }
  }
}
