package org.lanternfish.ingest.pcap;

import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.SslEvent;

/** Follows each TLS handshake from client hello to the first application data and writes one ssl record. */
final class TlsDecoder extends FlowDecoder<TlsDecoder.Handshake> {

  private static final String CLIENT_HELLO = "1";
  private static final String SERVER_HELLO = "2";
  private static final String APPLICATION_DATA = "23";
  private static final Map<Long, String> VERSIONS = Map.of(
      0x0300L, "SSLv3", 0x0301L, "TLSv10", 0x0302L, "TLSv11", 0x0303L, "TLSv12", 0x0304L, "TLSv13");
  private static final Map<Long, String> CIPHERS = Map.ofEntries(
      Map.entry(0x1301L, "TLS_AES_128_GCM_SHA256"),
      Map.entry(0x1302L, "TLS_AES_256_GCM_SHA384"),
      Map.entry(0x1303L, "TLS_CHACHA20_POLY1305_SHA256"),
      Map.entry(0xc02bL, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
      Map.entry(0xc02cL, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
      Map.entry(0xc02fL, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
      Map.entry(0xc030L, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
      Map.entry(0xcca8L, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
      Map.entry(0xcca9L, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
      Map.entry(0xc013L, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
      Map.entry(0xc014L, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
      Map.entry(0xc027L, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
      Map.entry(0xc028L, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
      Map.entry(0x009cL, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
      Map.entry(0x009dL, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
      Map.entry(0x002fL, "TLS_RSA_WITH_AES_128_CBC_SHA"),
      Map.entry(0x0035L, "TLS_RSA_WITH_AES_256_CBC_SHA"),
      Map.entry(0x003cL, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
      Map.entry(0x003dL, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
      Map.entry(0x000aL, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
      Map.entry(0x0005L, "TLS_RSA_WITH_RC4_128_SHA"));

  /** The handshake in progress on one flow. */
  static final class Handshake {
    private long ts = Event.NO_TIME;
    private String serverName;
    private String ja3;
    private String ja3s;
    private String version;
    private String cipher;
    private boolean serverHello;
    private boolean established;
  }

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.TLS_RECORD_TYPE);
  }

  @Override
  Handshake newState() {
    return new Handshake();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    Handshake handshake = state(flow);
    String[] types = packet.all(Field.TLS_HANDSHAKE_TYPE);
    if (contains(types, CLIENT_HELLO)) {
      if (handshake.ts != Event.NO_TIME && !handshake.established) {
        emit(flow, handshake, sink);
      }
      handshake.ts = packet.ts();
      handshake.serverName = packet.first(Field.TLS_SNI);
      handshake.ja3 = packet.first(Field.TLS_JA3);
      handshake.ja3s = null;
      handshake.version = null;
      handshake.cipher = null;
      handshake.serverHello = false;
      handshake.established = false;
    }
    if (contains(types, SERVER_HELLO)) {
      if (handshake.ts == Event.NO_TIME) {
        handshake.ts = packet.ts();
      }
      long version = packet.firstLong(Field.TLS_SUPPORTED_VERSION);
      if (version < 0) {
        version = packet.firstLong(Field.TLS_VERSION);
      }
      handshake.version = VERSIONS.get(version);
      long cipher = packet.firstLong(Field.TLS_CIPHER);
      handshake.cipher = CIPHERS.getOrDefault(cipher, cipher < 0 ? null : String.format("0x%04x", cipher));
      handshake.ja3s = packet.first(Field.TLS_JA3S);
      handshake.serverHello = true;
    }
    if (handshake.serverHello && !handshake.established
        && contains(packet.all(Field.TLS_RECORD_TYPE), APPLICATION_DATA)) {
      handshake.established = true;
      emit(flow, handshake, sink);
    }
  }

  @Override
  void finish(Flow flow, Handshake handshake, Consumer<Event> sink) {
    if (handshake.ts != Event.NO_TIME && !handshake.established) {
      emit(flow, handshake, sink);
    }
  }

  private static void emit(Flow flow, Handshake h, Consumer<Event> sink) {
    sink.accept(new SslEvent(h.ts, flow.uid, flow.id, h.version, h.cipher, h.serverName, null, h.established,
        null, null, h.ja3, h.ja3s, null));
  }

  private static boolean contains(String[] values, String wanted) {
    for (String value : values) {
      if (value.equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
