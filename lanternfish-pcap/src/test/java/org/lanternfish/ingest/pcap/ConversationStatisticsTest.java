package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lanternfish.ingest.InputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanternfish.event.ConnEvent;

/**
 * Conn packet and byte counts agree with tshark's own conversation statistics ({@code -z conv,tcp}
 * and {@code -z conv,udp}) for the same capture.
 *
 * <p>tshark counts whole frames; conn counts IP bytes as Zeek does. These captures carry Ethernet II
 * frames without padding, so each frame is its IP packet plus 14 bytes. tshark prints sizes above
 * 10 kB truncated to kB or MB, and the comparison truncates the same way.
 */
final class ConversationStatisticsTest {

  private static final int ETHERNET_HEADER = 14;
  private static final Pattern ROW = Pattern.compile(
      "^(\\S+):(\\d+)\\s+<->\\s+(\\S+):(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(bytes|kB|MB|GB)\\s+(\\d+)\\s+(\\d+)\\s+(bytes|kB|MB|GB)\\s");

  /** One side's traffic as tshark's table shows it: frames and a possibly truncated byte figure. */
  private record Volume(long frames, long bytes, String unit) {}

  /** One conversation row: A to B and B to A. */
  private record Row(String a, String b, Volume aToB, Volume bToA) {}

  @ParameterizedTest
  @ValueSource(strings = {Captures.SMB_COPY, Captures.SHARPSC_CREATE, Captures.SHARPWMI})
  void connCounts_matchTsharkConversations(String capture) throws Exception {
    assertMatchesConversations(Captures.resource(capture));
  }

  @Test
  void connCounts_matchTsharkConversationsForEverySharedCapture() throws Exception {
    assumeTrue(Files.isDirectory(Captures.MORDOR), "shared sample data absent (" + Captures.MORDOR + ")");
    List<Path> captures;
    try (Stream<Path> files = Files.walk(Captures.MORDOR)) {
      captures = files.filter(Files::isRegularFile).filter(f -> InputKind.of(f) == InputKind.CAPTURE).sorted().toList();
    }
    assertThat(captures).hasSizeGreaterThanOrEqualTo(10);
    for (Path capture : captures) {
      assertMatchesConversations(capture);
    }
  }

  private static void assertMatchesConversations(Path capture) throws Exception {
    Captures.Imported imported = Captures.read(capture);
    Map<String, List<Row>> tables = conversations(capture);
    for (String proto : List.of("tcp", "udp")) {
      List<Row> rows = tables.getOrDefault(proto, List.of());
      Map<String, ConnEvent> conns = new HashMap<>();
      for (ConnEvent conn : imported.of(ConnEvent.class)) {
        if (conn.proto().equals(proto)) {
          String key = pairKey(conn.id().origHost() + ":" + conn.id().origPort(),
              conn.id().respHost() + ":" + conn.id().respPort());
          assertThat(conns.put(key, conn)).as("one flow per 5-tuple in %s", capture).isNull();
        }
      }
      assertThat(conns).as("%s flows of %s", proto, capture).hasSameSizeAs(rows);
      for (Row row : rows) {
        ConnEvent conn = conns.get(pairKey(row.a, row.b));
        assertThat(conn).as("conn for %s <-> %s in %s", row.a, row.b, capture).isNotNull();
        boolean aIsOrig = row.a.equals(conn.id().origHost() + ":" + conn.id().origPort());
        Volume fromOrig = aIsOrig ? row.aToB : row.bToA;
        Volume fromResp = aIsOrig ? row.bToA : row.aToB;
        String what = row.a + " <-> " + row.b + " in " + capture.getFileName();
        assertThat(conn.origPkts()).as("orig packets of %s", what).isEqualTo(fromOrig.frames);
        assertThat(conn.respPkts()).as("resp packets of %s", what).isEqualTo(fromResp.frames);
        assertThat(truncate(conn.origIpBytes() + ETHERNET_HEADER * conn.origPkts(), fromOrig.unit))
            .as("orig bytes of %s", what).isEqualTo(fromOrig.bytes);
        assertThat(truncate(conn.respIpBytes() + ETHERNET_HEADER * conn.respPkts(), fromResp.unit))
            .as("resp bytes of %s", what).isEqualTo(fromResp.bytes);
      }
    }
  }

  /** tshark's TCP and UDP conversation tables, by protocol, from one tshark run. */
  private static Map<String, List<Row>> conversations(Path capture) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(
            "tshark", "-n", "-q", "-r", capture.toString(), "-z", "conv,tcp", "-z", "conv,udp")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Map<String, List<Row>> tables = new HashMap<>();
    List<Row> current = null;
    for (String line : output.lines().toList()) {
      if (line.endsWith("Conversations")) {
        current = tables.computeIfAbsent(line.split(" ")[0].toLowerCase(Locale.ROOT), p -> new ArrayList<>());
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (current != null && m.find()) {
        current.add(new Row(m.group(1) + ":" + m.group(2), m.group(3) + ":" + m.group(4),
            new Volume(Long.parseLong(m.group(8)), Long.parseLong(m.group(9)), m.group(10)),
            new Volume(Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7))));
      }
    }
    assertThat(tables).as("tshark conversation tables of %s", capture).containsKeys("tcp", "udp");
    return tables;
  }

  private static long truncate(long bytes, String unit) {
    return switch (unit) {
      case "kB" -> bytes / 1_000;
      case "MB" -> bytes / 1_000_000;
      case "GB" -> bytes / 1_000_000_000;
      default -> bytes;
    };
  }

  private static String pairKey(String first, String second) {
    return first.compareTo(second) <= 0 ? first + "|" + second : second + "|" + first;
  }
}
