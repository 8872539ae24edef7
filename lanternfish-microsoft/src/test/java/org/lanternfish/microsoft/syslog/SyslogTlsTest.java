package org.lanternfish.microsoft.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.microsoft.fake.TestCertificates;

/**
 * CEF over syslog with TLS (RFC 5425) to a real local TLS listener whose certificate the JDK's keytool makes for
 * 127.0.0.1: a sender trusting it delivers framed messages; one trusting only the usual authorities is refused.
 */
final class SyslogTlsTest {
  @TempDir static Path directory;
  private static SSLContext server;
  private static SSLContext client;

  @BeforeAll
  static void certificate() throws Exception {
    KeyStore keys = TestCertificates.keyStore(directory, "127.0.0.1");
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, TestCertificates.password());
    server = SSLContext.getInstance("TLS");
    server.init(km.getKeyManagers(), null, null);
    TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(keys);
    client = SSLContext.getInstance("TLS");
    client.init(null, tm.getTrustManagers(), null);
  }

  @Test
  void send_overTls_framesEachMessageForTheListener() throws Exception {
    try (SyslogListener listener = new SyslogListener(server.getServerSocketFactory());
        SyslogSender sender = new SyslogSender(listener.uri(), client.getSocketFactory())) {
      assertThat(listener.uri().getScheme()).isEqualTo("tls");
      sender.send(CefMessages.incident("inc-7", false, "Data theft from 10.1.0.5", 85, List.of("10.1.0.5"),
          1_794_531_600_000_000L, "lanternfish-01"));
      sender.send(CefMessages.incident("inc-8", true, null, 0, List.of(), 1_794_531_600_000_000L, "lanternfish-01"));
      SyslogListener.Message first = listener.next();
      assertThat(first.host()).isEqualTo("lanternfish-01");
      assertThat(first.messageId()).isEqualTo("incident");
      assertThat(first.cefHeader().get(5)).isEqualTo("Data theft from 10.1.0.5");
      assertThat(listener.next().cefExtension()).containsEntry("act", "retired");
    }
  }

  @Test
  void send_toAListenerItDoesNotTrust_failsNamingTheTarget() throws Exception {
    try (SyslogListener listener = new SyslogListener(server.getServerSocketFactory());
        SyslogSender sender = new SyslogSender(listener.uri())) {
      assertThatThrownBy(() -> sender.send("x")).isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot send syslog to " + listener.uri());
    }
  }
}
