package org.lanternfish.ingest.pcap;

import java.util.ArrayList;
import java.util.List;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;

/**
 * One flow being assembled from packets: volumes each way, TCP handshake and teardown, services.
 *
 * <p>Orientation follows Zeek: the originator sent the first SYN, or the first packet when no SYN
 * was seen.
 */
final class Flow {

  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMP = 1;

  private static final int SYN = 0x02;
  private static final int FIN = 0x01;
  private static final int RST = 0x04;
  private static final int ACK = 0x10;
  private static final String HISTORY_LETTERS = "SHADFR";

  final FlowKey key;
  final int proto;
  final FlowId id;
  final String uid;
  final long startTs;
  long lastTs;

  private final String origMac;
  private final String respMac;
  private long origPkts;
  private long respPkts;
  private long origIpBytes;
  private long respIpBytes;
  private long origUdpBytes;
  private long respUdpBytes;
  private final SequenceSpan origSeq = new SequenceSpan();
  private final SequenceSpan respSeq = new SequenceSpan();
  private int origFlags;
  private int respFlags;
  private int historySeen;
  private final StringBuilder history = new StringBuilder(8);
  private final List<String> services = new ArrayList<>(2);
  private String lastProtocols = "";

  Flow(FlowKey key, int proto, FlowId id, long startTs, String origMac, String respMac) {
    this.key = key;
    this.proto = proto;
    this.id = id;
    this.startTs = startTs;
    this.lastTs = startTs;
    this.origMac = origMac;
    this.respMac = respMac;
    this.uid = FlowUid.of(protoName(proto), id, startTs);
  }

  /** True when a packet from {@code host}:{@code port} travels from originator to responder. */
  boolean fromOrig(String host, int port) {
    return id.origHost().equals(host) && id.origPort() == port;
  }

  /** Counts one packet; {@code tcpFlags}, {@code seq} and {@code payload} are UNSET when not TCP/UDP. */
  void count(Packet packet, boolean fromOrig, long ipBytes, long tcpFlags, long seq, long payload) {
    lastTs = Math.max(lastTs, packet.ts());
    if (fromOrig) {
      origPkts++;
      origIpBytes += Math.max(0, ipBytes);
    } else {
      respPkts++;
      respIpBytes += Math.max(0, ipBytes);
    }
    if (proto == TCP && tcpFlags >= 0) {
      int flags = (int) tcpFlags;
      if (fromOrig) {
        origFlags |= flags;
      } else {
        respFlags |= flags;
      }
      (fromOrig ? origSeq : respSeq).add(seq, payload, (flags & SYN) != 0);
      if ((flags & SYN) != 0) {
        mark((flags & ACK) != 0 ? 'H' : 'S', fromOrig);
      } else if ((flags & ACK) != 0 && payload <= 0 && (flags & (FIN | RST)) == 0) {
        mark('A', fromOrig);
      }
      if (payload > 0) {
        mark('D', fromOrig);
      }
      if ((flags & FIN) != 0) {
        mark('F', fromOrig);
      }
      if ((flags & RST) != 0) {
        mark('R', fromOrig);
      }
    } else if (payload >= 0) {
      if (fromOrig) {
        origUdpBytes += payload;
      } else {
        respUdpBytes += payload;
      }
      if (payload > 0) {
        mark('D', fromOrig);
      }
    }
    String protocols = packet.first(Field.PROTOCOLS);
    if (protocols != null && !protocols.equals(lastProtocols)) {
      lastProtocols = protocols;
      for (String layer : protocols.split(":")) {
        String service = Services.of(layer, proto);
        if (service != null && !services.contains(service)) {
          services.add(service);
        }
      }
    }
  }

  /** True once both sides closed or either side reset, after which the flow lingers only briefly. */
  boolean closed() {
    return ((origFlags & FIN) != 0 && (respFlags & FIN) != 0) || ((origFlags | respFlags) & RST) != 0;
  }

  /** True when a packet with these flags opens a new connection on a closed flow's 5-tuple. */
  boolean reopenedBy(long tcpFlags) {
    return proto == TCP && closed() && tcpFlags >= 0 && (tcpFlags & (SYN | ACK)) == SYN;
  }

  /** The flow as a Zeek conn record. */
  ConnEvent toConn() {
    boolean tcp = proto == TCP;
    long origBytes = tcp ? origSeq.bytes() : proto == UDP ? origUdpBytes : Event.UNSET;
    long respBytes = tcp ? respSeq.bytes() : proto == UDP ? respUdpBytes : Event.UNSET;
    return new ConnEvent(
        startTs,
        uid,
        id,
        protoName(proto),
        services.isEmpty() ? null : String.join(",", services),
        (lastTs - startTs) / 1e6,
        origBytes,
        respBytes,
        connState(),
        null,
        null,
        tcp ? 0 : Event.UNSET,
        history.toString(),
        origPkts,
        origIpBytes,
        respPkts,
        respIpBytes,
        List.of(),
        origMac,
        respMac,
        null);
  }

  /** Zeek's conn_state, derived from which side sent SYN, SYN-ACK, FIN and RST. */
  String connState() {
    if (proto != TCP) {
      return proto == UDP ? (respPkts > 0 ? "SF" : "S0") : "OTH";
    }
    boolean syn = (origFlags & SYN) != 0;
    boolean synAck = (respFlags & SYN) != 0;
    boolean origFin = (origFlags & FIN) != 0;
    boolean respFin = (respFlags & FIN) != 0;
    boolean origRst = (origFlags & RST) != 0;
    boolean respRst = (respFlags & RST) != 0;
    if (syn && !synAck) {
      if (respRst) {
        return "REJ";
      }
      if (origRst) {
        return "RSTOS0";
      }
      if (origFin) {
        return "SH";
      }
      return respPkts == 0 ? "S0" : "OTH";
    }
    if (!syn && synAck) {
      return respRst ? "RSTRH" : respFin ? "SHR" : "OTH";
    }
    if (!syn) {
      return "OTH";
    }
    if (origRst) {
      return "RSTO";
    }
    if (respRst) {
      return "RSTR";
    }
    if (origFin && respFin) {
      return "SF";
    }
    return origFin ? "S2" : respFin ? "S3" : "S1";
  }

  /** Zeek's name of an IP protocol number. */
  static String protoName(int proto) {
    return switch (proto) {
      case TCP -> "tcp";
      case UDP -> "udp";
      case ICMP, 58 -> "icmp";
      default -> "unknown_transport";
    };
  }

  private void mark(char letter, boolean fromOrig) {
    int bit = HISTORY_LETTERS.indexOf(letter) * 2 + (fromOrig ? 0 : 1);
    if ((historySeen & (1 << bit)) == 0) {
      historySeen |= 1 << bit;
      history.append(fromOrig ? letter : Character.toLowerCase(letter));
    }
  }

  /**
   * Payload bytes one side sent, taken from TCP sequence numbers as Zeek does, so retransmissions
   * count once.
   */
  private static final class SequenceSpan {
    private static final long WRAP = 1L << 32;

    private long base;
    private long last = Long.MIN_VALUE;
    private long low = Long.MAX_VALUE;
    private long high = Long.MIN_VALUE;

    void add(long seq, long payload, boolean syn) {
      if (seq < 0) {
        return;
      }
      long absolute = base + seq;
      if (last != Long.MIN_VALUE) {
        if (absolute < last - WRAP / 2) {
          base += WRAP;
          absolute += WRAP;
        } else if (absolute > last + WRAP / 2 && base >= WRAP) {
          absolute -= WRAP;
        }
      }
      last = Math.max(last, absolute);
      if (syn) {
        low = Math.min(low, absolute + 1);
      }
      // Only data extends the span: a FIN consumes a sequence number the following ACKs carry on.
      if (payload > 0) {
        low = Math.min(low, absolute);
        high = Math.max(high, absolute + payload);
      }
    }

    long bytes() {
      return high > low ? high - low : 0;
    }
  }
}
