package org.lanternfish.ingest.pcap;

import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.NtlmEvent;

/**
 * Reads NTLM authenticate messages and the server names of the challenge before them, and learns
 * success from the SMB2 session setup or HTTP response that follows.
 */
final class NtlmDecoder extends FlowDecoder<NtlmDecoder.Handshake> {

  private static final long CHALLENGE = 2;
  private static final long AUTHENTICATE = 3;
  private static final String SESSION_SETUP = "1";
  private static final long HTTP_UNAUTHORIZED = 401;

  /** The NTLM exchange in progress on one flow. */
  static final class Handshake {
    private String serverNb;
    private String serverDns;
    private long ts = Event.NO_TIME;
    private String user;
    private String domain;
    private String host;
  }

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.NTLM_TYPE);
  }

  @Override
  Handshake newState() {
    return new Handshake();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    Handshake handshake = state(flow);
    long type = packet.firstLong(Field.NTLM_TYPE);
    if (type == CHALLENGE) {
      handshake.serverNb = packet.first(Field.NTLM_SERVER_NB);
      handshake.serverDns = packet.first(Field.NTLM_SERVER_DNS);
    } else if (type == AUTHENTICATE) {
      if (handshake.ts != Event.NO_TIME) {
        emit(flow, handshake, null, sink);
      }
      handshake.ts = packet.ts();
      handshake.user = packet.first(Field.NTLM_USER);
      handshake.domain = packet.first(Field.NTLM_DOMAIN);
      handshake.host = packet.first(Field.NTLM_HOST);
    }
  }

  @Override
  void observe(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    Handshake handshake = existing(flow);
    if (handshake == null || handshake.ts == Event.NO_TIME || fromOrig) {
      return;
    }
    if (SESSION_SETUP.equals(packet.first(Field.SMB2_CMD)) && "1".equals(packet.first(Field.SMB2_RESPONSE))) {
      emit(flow, handshake, packet.firstLong(Field.SMB2_STATUS) == 0, sink);
    } else if (packet.has(Field.HTTP_STATUS)) {
      emit(flow, handshake, packet.firstLong(Field.HTTP_STATUS) != HTTP_UNAUTHORIZED, sink);
    }
  }

  @Override
  void finish(Flow flow, Handshake handshake, Consumer<Event> sink) {
    if (handshake.ts != Event.NO_TIME) {
      emit(flow, handshake, null, sink);
    }
  }

  private static void emit(Flow flow, Handshake h, Boolean success, Consumer<Event> sink) {
    sink.accept(new NtlmEvent(h.ts, flow.uid, flow.id, h.user, h.host, h.domain, h.serverNb, h.serverDns, success));
    h.ts = Event.NO_TIME;
  }
}
