package org.lanternfish.microsoft.syslog;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A syslog receiver for tests: listens on a free loopback port over TCP (RFC 6587 octet counting) or UDP, and parses
 * each RFC 5424 message and the CEF line inside it the way a SIEM would.
 */
public final class SyslogListener implements AutoCloseable {
  private static final Pattern RFC5424 = Pattern.compile(
      "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|\\[.*?\\]) (.*)", Pattern.DOTALL);

  /** One received message. */
  public record Message(int facility, int severity, String timestamp, String host, String app, String messageId,
      List<String> cefHeader, Map<String, String> cefExtension) {
  }

  private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
  private final boolean tcp;
  private final boolean tls;
  private final ServerSocket server;
  private final DatagramSocket datagrams;
  private final Thread thread;

  public SyslogListener(boolean tcp) throws IOException {
    this(tcp, null);
  }

  /** A listener of syslog over TLS (RFC 5425) whose server sockets come from {@code tls}. */
  public SyslogListener(SSLServerSocketFactory tls) throws IOException {
    this(true, tls);
  }

  private SyslogListener(boolean tcp, SSLServerSocketFactory tls) throws IOException {
    this.tcp = tcp;
    this.tls = tls != null;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    server = tls != null ? tls.createServerSocket(0, 5, loopback) : tcp ? new ServerSocket(0, 5, loopback) : null;
    datagrams = tcp ? null : new DatagramSocket(0, loopback);
    thread = new Thread(tcp ? this::acceptTcp : this::receiveUdp, "syslog-listener");
    thread.setDaemon(true);
    thread.start();
  }

  public URI uri() {
    return URI.create((tls ? "tls" : tcp ? "tcp" : "udp") + "://127.0.0.1:" + (tcp ? server.getLocalPort()
        : datagrams.getLocalPort()));
  }

  /** The next message, waiting up to 10 s. */
  public Message next() throws InterruptedException {
    Message m = received.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no syslog message within 10 s");
    }
    return m;
  }

  private void acceptTcp() {
    try {
      while (true) {
        try (Socket client = server.accept()) {
          DataInputStream in = new DataInputStream(client.getInputStream());
          for (String frame = frame(in); frame != null; frame = frame(in)) {
            received.add(parse(frame));
          }
        } catch (javax.net.ssl.SSLException refused) {
          // A client that did not trust this listener's certificate hung up; wait for the next.
        }
      }
    } catch (IOException closed) {
      // The listener was closed.
    }
  }

  /** One octet-counted frame: digits, a space, that many bytes; null at the end of the stream. */
  private static String frame(InputStream in) throws IOException {
    ByteArrayOutputStream digits = new ByteArrayOutputStream();
    for (int c = in.read(); c != ' '; c = in.read()) {
      if (c < 0) {
        return null;
      }
      if (c < '0' || c > '9') {
        throw new IOException("not an octet count: " + (char) c);
      }
      digits.write(c);
    }
    byte[] message = new byte[Integer.parseInt(digits.toString(StandardCharsets.US_ASCII))];
    new DataInputStream(in).readFully(message);
    return new String(message, StandardCharsets.UTF_8);
  }

  private void receiveUdp() {
    byte[] buffer = new byte[65_535];
    try {
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        datagrams.receive(packet);
        received.add(parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)));
      }
    } catch (IOException closed) {
      // The listener was closed.
    }
  }

  static Message parse(String text) {
    Matcher m = RFC5424.matcher(text);
    if (!m.matches()) {
      throw new AssertionError("not an RFC 5424 message: " + text);
    }
    int pri = Integer.parseInt(m.group(1));
    String cef = m.group(8);
    if (!cef.startsWith("CEF:")) {
      throw new AssertionError("not a CEF line: " + cef);
    }
    List<String> header = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    for (; i < cef.length() && header.size() < 7; i++) {
      char c = cef.charAt(i);
      if (c == '\\' && i + 1 < cef.length()) {
        field.append(cef.charAt(++i));
      } else if (c == '|') {
        header.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    return new Message(pri / 8, pri % 8, m.group(2), m.group(3), m.group(4), m.group(6), header,
        extension(cef.substring(i)));
  }

  /** CEF extension: {@code key=value} pairs, a value running to the space before the next {@code key=}. */
  private static Map<String, String> extension(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    // An escaped '=' has a backslash before it, so it never ends a key.
    Matcher key = Pattern.compile("(?:^| )([A-Za-z0-9_]+)=").matcher(text);
    List<int[]> keys = new ArrayList<>();
    while (key.find()) {
      keys.add(new int[] {key.start(), key.start(1), key.end()});
    }
    for (int k = 0; k < keys.size(); k++) {
      int end = k + 1 < keys.size() ? keys.get(k + 1)[0] : text.length();
      out.put(text.substring(keys.get(k)[1], keys.get(k)[2] - 1), unescape(text.substring(keys.get(k)[2], end)));
    }
    return out;
  }

  private static String unescape(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char next = raw.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
    if (datagrams != null) {
      datagrams.close();
    }
  }
}
