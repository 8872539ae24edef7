package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;

/**
 * Live capture on a veth pair whose far end sits in a network namespace this test creates; the only
 * traffic is between the two addresses it assigns, and everything is removed afterwards.
 */
final class LiveCaptureTest {

  private static final String HOST_ADDRESS = "10.213.77.1";
  private static final String NAMESPACE_ADDRESS = "10.213.77.2";
  private static final String QUERY = "lanternfish-live.test";
  private static final String HOST_NAME = "LF-LIVE-HOST";
  private static final byte[] MAC = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};

  @TempDir Path ringDir;

  private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
  private final String namespace = "lfpcap" + suffix;
  private final String hostEnd = "lfh" + suffix;
  private boolean namespaceCreated;

  @AfterEach
  void removeNamespace() throws Exception {
    if (namespaceCreated) {
      run("ip", "netns", "del", namespace);
    }
  }

  @Test
  void captureOnVeth_feedsDnsDhcpAndConnEventsAndKeepsARing() throws Exception {
    Captures.assumeTshark();
    assumeTrue("0".equals(output("id", "-u").strip()), "live capture test needs root to create a network namespace");
    assumeTrue(onPath("ip"), "live capture test needs the 'ip' command (Debian package iproute2)");
    createVethIntoNamespace();

    List<Event> events = new CopyOnWriteArrayList<>();
    LiveCapture.Options options = new LiveCapture.Options("tshark",
        new FlowTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1)),
        1_000, 3);
    try (LiveCapture capture = LiveCapture.start(hostEnd, ringDir, events::add, options)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      int query = 0;
      while (System.nanoTime() < deadline && !(hasDns(events) && hasRejectedConn(events) && hasDhcp(events))) {
        sendDnsQuery(++query);
        connectToClosedPort();
        if (!hasDns(events)) {
          // Until a record proves tshark is capturing; then the DHCP flow falls idle and is written.
          sendDhcpRequest(query);
        }
        Thread.sleep(700);
      }
      assertThat(capture.isRunning()).isTrue();
    }

    assertThat(events).filteredOn(DnsEvent.class::isInstance).map(DnsEvent.class::cast).anySatisfy(dns -> {
      assertThat(dns.query()).isEqualTo(QUERY);
      assertThat(dns.qtypeName()).isEqualTo("A");
      assertThat(dns.id().origHost()).isEqualTo(HOST_ADDRESS);
      assertThat(dns.id().respHost()).isEqualTo(NAMESPACE_ADDRESS);
      assertThat(dns.id().respPort()).isEqualTo(53);
    });
    assertThat(events).filteredOn(DnsEvent.class::isInstance).as("no queries read from quoting ICMP errors")
        .allSatisfy(dns -> assertThat(((DnsEvent) dns).proto()).isEqualTo("udp"));
    assertThat(hasRejectedConn(events)).as("a REJ conn for the refused TCP connection").isTrue();
    assertThat(events).filteredOn(DhcpEvent.class::isInstance).map(DhcpEvent.class::cast).anySatisfy(dhcp -> {
      assertThat(dhcp.hostName()).isEqualTo(HOST_NAME);
      assertThat(dhcp.mac()).isEqualTo("02:00:5e:10:20:30");
      assertThat(dhcp.msgTypes()).containsExactly("REQUEST");
      assertThat(dhcp.assignedAddr()).isEqualTo(HOST_ADDRESS);
    });
    try (Stream<Path> files = Files.list(ringDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".pcapng"));
    }
  }

  @Test
  void unknownInterface_failsAtStartWithTsharksReason() {
    Captures.assumeTshark();

    assertThatThrownBy(() -> LiveCapture.start("lf-no-such-if", ringDir, event -> { }))
        .isInstanceOf(PcapException.class)
        .hasMessageStartingWith("cannot capture on interface lf-no-such-if: ")
        .hasMessageContaining("tshark");
  }

  private void createVethIntoNamespace() throws Exception {
    String nsEnd = "lfn" + suffix;
    namespaceCreated = run("ip", "netns", "add", namespace) == 0;
    assumeTrue(namespaceCreated, "cannot create a network namespace here (no CAP_NET_ADMIN?)");
    requireSuccess("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd);
    requireSuccess("ip", "link", "set", nsEnd, "netns", namespace);
    requireSuccess("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", hostEnd);
    requireSuccess("ip", "link", "set", hostEnd, "up");
    requireSuccess("ip", "netns", "exec", namespace, "ip", "addr", "add", NAMESPACE_ADDRESS + "/30", "dev", nsEnd);
    requireSuccess("ip", "netns", "exec", namespace, "ip", "link", "set", nsEnd, "up");
  }

  private static void sendDnsQuery(int id) throws IOException {
    List<Byte> message = new ArrayList<>();
    for (int b : new int[] {id >> 8 & 0xff, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}) {
      message.add((byte) b);
    }
    for (String label : QUERY.split("\\.")) {
      message.add((byte) label.length());
      for (byte b : label.getBytes(StandardCharsets.US_ASCII)) {
        message.add(b);
      }
    }
    for (int b : new int[] {0, 0, 1, 0, 1}) {
      message.add((byte) b);
    }
    byte[] bytes = new byte[message.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = message.get(i);
    }
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST_ADDRESS), 0))) {
      socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(NAMESPACE_ADDRESS), 53));
    }
  }

  /** A DHCPREQUEST for the host's own address, naming this test's host and MAC, sent to port 67. */
  private static void sendDhcpRequest(int xid) throws IOException {
    byte[] bootp = new byte[240];
    bootp[0] = 1;
    bootp[1] = 1;
    bootp[2] = 6;
    bootp[4] = (byte) (xid >> 24);
    bootp[5] = (byte) (xid >> 16);
    bootp[6] = (byte) (xid >> 8);
    bootp[7] = (byte) xid;
    System.arraycopy(MAC, 0, bootp, 28, MAC.length);
    bootp[236] = 0x63;
    bootp[237] = (byte) 0x82;
    bootp[238] = 0x53;
    bootp[239] = 0x63;
    byte[] address = InetAddress.getByName(HOST_ADDRESS).getAddress();
    byte[] name = HOST_NAME.getBytes(StandardCharsets.US_ASCII);
    byte[] options = new byte[3 + 6 + 2 + name.length + 1];
    int i = 0;
    options[i++] = 53;
    options[i++] = 1;
    options[i++] = 3;
    options[i++] = 50;
    options[i++] = 4;
    System.arraycopy(address, 0, options, i, 4);
    i += 4;
    options[i++] = 12;
    options[i++] = (byte) name.length;
    System.arraycopy(name, 0, options, i, name.length);
    i += name.length;
    options[i] = (byte) 255;
    byte[] message = new byte[bootp.length + options.length];
    System.arraycopy(bootp, 0, message, 0, bootp.length);
    System.arraycopy(options, 0, message, bootp.length, options.length);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST_ADDRESS), 68))) {
      socket.send(new DatagramPacket(message, message.length, InetAddress.getByName(NAMESPACE_ADDRESS), 67));
    }
  }

  private static boolean hasDhcp(List<Event> events) {
    return events.stream().anyMatch(e -> e instanceof DhcpEvent dhcp && HOST_NAME.equals(dhcp.hostName()));
  }

  private static void connectToClosedPort() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(NAMESPACE_ADDRESS, 9), 1000);
    } catch (ConnectException expected) {
      // The namespace has no listener, so its kernel answers with a reset: the REJ this test looks for.
    } catch (java.net.SocketTimeoutException ignored) {
      // The first attempt can race the neighbour discovery; the loop tries again.
    }
  }

  private static boolean hasDns(List<Event> events) {
    return events.stream().anyMatch(e -> e instanceof DnsEvent dns && QUERY.equals(dns.query()));
  }

  private static boolean hasRejectedConn(List<Event> events) {
    return events.stream().anyMatch(e -> e instanceof ConnEvent conn && "REJ".equals(conn.connState())
        && conn.id().respHost().equals(NAMESPACE_ADDRESS) && conn.id().respPort() == 9);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static void requireSuccess(String... command) throws Exception {
    assertThat(run(command)).as(String.join(" ", command)).isZero();
  }

  private static int run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return process.waitFor();
  }

  private static String output(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return text;
  }
}
