package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SslEvent;

/** Protocol exchanges written byte by byte, turned into a capture by text2pcap and read by the real tshark. */
final class CraftedCaptureTest {

  @TempDir Path dir;

  @Test
  void rdpConnectionRequest_yieldsCookieAndNegotiatedProtocol() throws Exception {
    // X.224 Connection Request with a routing cookie and RDP_NEG_REQ (TLS | CredSSP), then the server's
    // Connection Confirm with RDP_NEG_RSP selecting CredSSP (MS-RDPBCGR 2.2.1.1 and 2.2.1.2).
    String exchange = """
        I 0.000000
        000000 03 00 00 2c 27 e0 00 00 00 00 00 43 6f 6f 6b 69
        000010 65 3a 20 6d 73 74 73 68 61 73 68 3d 6c 66 75 73
        000020 65 72 0d 0a 01 00 08 00 03 00 00 00
        O 0.001000
        000000 03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 02
        000010 00 00 00
        """;
    Captures.Imported imported = Captures.read(craft(exchange, "50000,3389"));

    assertThat(imported.of(RdpEvent.class)).singleElement().satisfies(rdp -> {
      assertThat(rdp.cookie()).isEqualTo("lfuser");
      assertThat(rdp.securityProtocol()).isEqualTo("HYBRID");
      assertThat(rdp.result()).isEqualTo("encrypted");
      assertThat(rdp.id().origHost()).isEqualTo("10.0.0.1");
      assertThat(rdp.id().respPort()).isEqualTo(3389);
    });
  }

  @Test
  void tlsHandshakeThenApplicationData_yieldsEstablishedSslWithSniAndJa3() throws Exception {
    String server = "c2.lanternfish.example";
    byte[] sni = server.getBytes(StandardCharsets.US_ASCII);
    byte[] serverNameExtension = concat(bytes(0x00, 0x00), length16(sni.length + 5), length16(sni.length + 3),
        bytes(0x00), length16(sni.length), sni);
    byte[] clientHello = handshake(1, concat(bytes(0x03, 0x03), new byte[32], bytes(0x00),
        bytes(0x00, 0x04, 0xc0, 0x2f, 0xc0, 0x30), bytes(0x01, 0x00),
        length16(serverNameExtension.length), serverNameExtension));
    byte[] serverHello = handshake(2, concat(bytes(0x03, 0x03), new byte[32], bytes(0x00), bytes(0xc0, 0x30, 0x00),
        bytes(0x00, 0x00)));
    byte[] applicationData = record(0x17, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    String exchange = dump("I", 0.0, record(0x16, clientHello)) + dump("O", 0.01, record(0x16, serverHello))
        + dump("I", 0.02, applicationData);

    Captures.Imported imported = Captures.read(craft(exchange, "50001,443"));

    assertThat(imported.of(SslEvent.class)).singleElement().satisfies(ssl -> {
      assertThat(ssl.serverName()).isEqualTo(server);
      assertThat(ssl.version()).isEqualTo("TLSv12");
      assertThat(ssl.cipher()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
      assertThat(ssl.established()).isTrue();
      assertThat(ssl.ja3()).matches("[0-9a-f]{32}");
      assertThat(ssl.ja3s()).matches("[0-9a-f]{32}");
    });
  }

  /** A handshake message: type, 24-bit length, body. */
  private static byte[] handshake(int type, byte[] body) {
    return concat(bytes(type, body.length >> 16, body.length >> 8, body.length), body);
  }

  /** A TLS record of the given content type carrying {@code body}. */
  private static byte[] record(int contentType, byte[] body) {
    return concat(bytes(contentType, 0x03, 0x03), length16(body.length), body);
  }

  private static byte[] length16(int length) {
    return bytes(length >> 8, length);
  }

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** One packet in text2pcap's hex dump format, marked inbound (I, client to server) or outbound (O). */
  private static String dump(String direction, double seconds, byte[] payload) {
    StringBuilder text = new StringBuilder(String.format("%s %.6f%n", direction, seconds));
    for (int offset = 0; offset < payload.length; offset += 16) {
      text.append(String.format("%06x", offset));
      for (int i = offset; i < Math.min(offset + 16, payload.length); i++) {
        text.append(String.format(" %02x", payload[i] & 0xff));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private Path craft(String hexDump, String ports) throws Exception {
    Captures.assumeTshark();
    Path text = dir.resolve("exchange.txt");
    Path capture = dir.resolve("exchange.pcap");
    Files.writeString(text, hexDump);
    Process process;
    try {
      process = new ProcessBuilder("text2pcap", "-D", "-t", "%s.", "-T", ports, "-4", "10.0.0.1,10.0.0.2",
          text.toString(), capture.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      process = abort("text2pcap (Debian package wireshark-common, installed with tshark) is missing");
    }
    assertThat(process.waitFor()).as("text2pcap exit code").isZero();
    return capture;
  }
}
