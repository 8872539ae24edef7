package org.lanternfish.ingest.pcap;

import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.RdpEvent;

/** Reads the RDP connection request cookie and the negotiated security protocol and writes one rdp record. */
final class RdpDecoder extends FlowDecoder<RdpDecoder.Setup> {

  /** The RDP connection set-up in progress on one flow. */
  static final class Setup {
    private long ts = Event.NO_TIME;
    private String cookie;
  }

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.RDP_COOKIE) || packet.has(Field.RDP_REQUESTED) || packet.has(Field.RDP_SELECTED);
  }

  @Override
  Setup newState() {
    return new Setup();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    Setup setup = state(flow);
    if (fromOrig) {
      if (packet.has(Field.RDP_COOKIE) || packet.has(Field.RDP_REQUESTED)) {
        setup.ts = packet.ts();
        setup.cookie = cookie(packet.first(Field.RDP_COOKIE));
      }
      return;
    }
    if (setup.ts == Event.NO_TIME || !packet.has(Field.RDP_SELECTED)) {
      return;
    }
    long selected = packet.firstLong(Field.RDP_SELECTED);
    sink.accept(new RdpEvent(setup.ts, flow.uid, flow.id, setup.cookie, selected > 0 ? "encrypted" : null,
        securityProtocol(selected), null, null, null));
    setup.ts = Event.NO_TIME;
  }

  @Override
  void finish(Flow flow, Setup setup, Consumer<Event> sink) {
    if (setup.ts != Event.NO_TIME) {
      sink.accept(new RdpEvent(setup.ts, flow.uid, flow.id, setup.cookie, null, null, null, null, null));
    }
  }

  /** The user or routing token of a {@code Cookie: mstshash=USER} line. */
  static String cookie(String raw) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    int equals = value.indexOf('=');
    return equals >= 0 ? value.substring(equals + 1) : value;
  }

  private static String securityProtocol(long selected) {
    return switch ((int) selected) {
      case 0 -> "RDP";
      case 1 -> "SSL";
      case 2 -> "HYBRID";
      case 4 -> "RDSTLS";
      case 8 -> "HYBRID_EX";
      default -> null;
    };
  }
}
