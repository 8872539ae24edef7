package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SmbFileEvent;
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

  @Test
  void smb2CreateRenameClose_yieldsOpenRenameAndDeleteOnClose() throws Exception {
    byte[] fid = le(16).putLong(0x11).putLong(0x22).array();
    byte[] name = "ProgramData\\evil.exe".getBytes(StandardCharsets.UTF_16LE);
    byte[] newName = "ProgramData\\renamed.exe".getBytes(StandardCharsets.UTF_16LE);
    // MS-SMB2 2.2.13: CREATE with FILE_DELETE_ON_CLOSE (0x1000) in CreateOptions, name at offset 120.
    byte[] create = concat(le(56).putShort((short) 57).put((byte) 0).put((byte) 0).putInt(2).putLong(0).putLong(0)
        .putInt(0x00110080).putInt(0x80).putInt(7).putInt(1).putInt(0x1000).putShort((short) 120)
        .putShort((short) name.length).putInt(0).putInt(0).array(), name);
    // 2.2.14: the response carries the file id and an end of file of 11776 bytes.
    byte[] created = concat(le(64).putShort((short) 89).put((byte) 0).put((byte) 0).putInt(1).putLong(0).putLong(0)
        .putLong(0).putLong(0).putLong(4096).putLong(11776).putInt(0x20).putInt(0).array(), fid, new byte[9]);
    // 2.2.39: SET_INFO FILE_INFO / FileRenameInformation (class 10) with the new name.
    byte[] rename = concat(le(20).put((byte) 0).put(new byte[7]).putLong(0).putInt(newName.length).array(), newName);
    byte[] setInfo = concat(le(16).putShort((short) 33).put((byte) 1).put((byte) 10).putInt(rename.length)
        .putShort((short) 96).putShort((short) 0).putInt(0).array(), fid, rename);
    byte[] close = concat(le(8).putShort((short) 24).putShort((short) 0).putInt(0).array(), fid);
    byte[] closed = le(60).putShort((short) 60).putShort((short) 0).putInt(0).putLong(0).putLong(0).putLong(0)
        .putLong(0).putLong(4096).putLong(11776).putInt(0x20).array();
    String exchange = dump("I", 0.00, smb2(5, 10, false, create)) + dump("O", 0.01, smb2(5, 10, true, created))
        + dump("I", 0.02, smb2(17, 11, false, setInfo)) + dump("O", 0.03, smb2(17, 11, true, bytes(2, 0)))
        + dump("I", 0.04, smb2(6, 12, false, close)) + dump("O", 0.05, smb2(6, 12, true, closed));

    Captures.Imported imported = Captures.read(craft(exchange, "50002,445"));

    assertThat(imported.of(SmbFileEvent.class)).extracting(SmbFileEvent::action, SmbFileEvent::name,
            SmbFileEvent::prevName, SmbFileEvent::size)
        .containsExactly(
            tuple("SMB::FILE_OPEN", "ProgramData\\evil.exe", null, 11776L),
            tuple("SMB::FILE_RENAME", "ProgramData\\renamed.exe", "ProgramData\\evil.exe", 11776L),
            tuple("SMB::FILE_DELETE", "ProgramData\\renamed.exe", null, 11776L));
  }

  /** An SMB2 message after its NetBIOS session header (MS-SMB2 2.2.1.2 sync header). */
  private static byte[] smb2(int command, long messageId, boolean response, byte[] body) {
    byte[] header = le(64).put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1)
        .putInt(0).putShort((short) command).putShort((short) 1).putInt(response ? 1 : 0).putInt(0)
        .putLong(messageId).putInt(0xfeff).putInt(5).putLong(0x1234).put(new byte[16]).array();
    int length = header.length + body.length;
    return concat(bytes(0, length >> 16, length >> 8, length), header, body);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
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
