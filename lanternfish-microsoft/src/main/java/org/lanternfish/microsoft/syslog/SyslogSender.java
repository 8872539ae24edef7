package org.lanternfish.microsoft.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends syslog messages to {@code tcp://HOST:PORT} (RFC 6587 octet counting: the length, a space, the message; the
 * connection is kept and opened again after a failure), {@code tls://HOST:PORT} (RFC 5425: the same frames over
 * TLS, the receiver's certificate checked against the trusted authorities and its host name) or
 * {@code udp://HOST:PORT} (RFC 5426: one datagram a message).
 */
public final class SyslogSender implements AutoCloseable {
  /** The largest message sent over UDP: larger ones would be cut by the network, so they are refused. */
  static final int MAX_DATAGRAM = 65_507;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final boolean tcp;
  private final String scheme;
  private final SSLSocketFactory tls;
  private final InetSocketAddress target;
  private Socket socket;
  private DatagramSocket datagrams;

  /**
   * A sender to {@code target}, such as {@code tcp://siem.corp.local:514}; a {@code tls://} receiver is trusted by
   * the Java runtime's authorities.
   */
  public SyslogSender(URI target) {
    this(target, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /** A sender to {@code target} whose {@code tls://} connections come from {@code tls}. */
  public SyslogSender(URI target, SSLSocketFactory tls) {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("tcp") && !scheme.equals("tls") && !scheme.equals("udp") || target.getHost() == null
        || target.getPort() <= 0) {
      throw new IllegalArgumentException("'" + target + "' is not tcp://HOST:PORT, tls://HOST:PORT or"
          + " udp://HOST:PORT");
    }
    this.scheme = scheme;
    this.tcp = !scheme.equals("udp");
    this.tls = tls;
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
  }

  /** Sends one message; throws when it could not be handed to the network. */
  public synchronized void send(String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (tcp) {
      try {
        OutputStream out = stream();
        out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        closeSocket();
        throw new IOException("cannot send syslog to " + scheme + "://" + target.getHostString() + ":"
            + target.getPort() + ": " + e.getMessage(), e);
      }
    } else {
      if (bytes.length > MAX_DATAGRAM) {
        throw new IOException("a syslog message of " + bytes.length + " bytes does not fit a UDP datagram");
      }
      if (datagrams == null) {
        datagrams = new DatagramSocket();
      }
      datagrams.send(new DatagramPacket(bytes, bytes.length, target));
    }
  }

  private OutputStream stream() throws IOException {
    if (socket == null) {
      Socket opened = new Socket();
      opened.connect(target, CONNECT_TIMEOUT_MILLIS);
      if (scheme.equals("tls")) {
        SSLSocket secured = (SSLSocket) tls.createSocket(opened, target.getHostString(), target.getPort(), true);
        SSLParameters parameters = secured.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secured.setSSLParameters(parameters);
        try {
          secured.startHandshake();
        } catch (IOException e) {
          secured.close();
          throw e;
        }
        opened = secured;
      }
      socket = opened;
    }
    return socket.getOutputStream();
  }

  private void closeSocket() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // The connection is abandoned either way.
    }
    socket = null;
  }

  @Override
  public synchronized void close() {
    closeSocket();
    if (datagrams != null) {
      datagrams.close();
    }
  }
}
