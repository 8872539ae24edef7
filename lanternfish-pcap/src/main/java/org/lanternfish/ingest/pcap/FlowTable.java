package org.lanternfish.ingest.pcap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;

/**
 * Assembles packets into flows, hands each packet to the protocol decoders and writes a flow's conn
 * record when it closes or times out.
 *
 * <p>Memory is bounded by the flows open at once, never by the capture's size. Calls are
 * synchronized because a live capture also sweeps idle flows from a timer thread.
 */
final class FlowTable {

  private static final long SWEEP_INTERVAL_MICROS = 1_000_000;
  private static final int SYN_ACK = 0x12;
  private static final int SYN_ACK_MASK = 0x12;

  private final Map<FlowKey, Flow> flows = new HashMap<>();
  private final List<FlowDecoder<?>> decoders;
  private final FlowTimeouts timeouts;
  private final Consumer<Event> sink;
  private final PcapReport report;
  private long lastSweep = Long.MIN_VALUE;

  FlowTable(List<FlowDecoder<?>> decoders, FlowTimeouts timeouts, Consumer<Event> sink, PcapReport report) {
    this.decoders = decoders;
    this.timeouts = timeouts;
    this.report = report;
    this.sink = event -> {
      report.event(event.logType());
      try {
        sink.accept(event);
      } catch (RuntimeException e) {
        throw new SinkFailure(e);
      }
    };
  }

  /** A failure of the caller's sink, kept apart from bad input so that it ends the import instead of being counted. */
  static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(RuntimeException cause) {
      super(cause);
    }
  }

  /** Counts one packet into its flow and lets the decoders read it. */
  synchronized void accept(Packet packet) {
    report.packet();
    String src = packet.first(Field.IP_SRC);
    String dst;
    int proto;
    long ipBytes;
    if (src != null) {
      dst = packet.first(Field.IP_DST);
      proto = (int) packet.firstLong(Field.IP_PROTO);
      ipBytes = packet.firstLong(Field.IP_LEN);
    } else if ((src = packet.first(Field.IPV6_SRC)) != null) {
      dst = packet.first(Field.IPV6_DST);
      proto = ipv6Transport(packet);
      long payload = packet.firstLong(Field.IPV6_PLEN);
      ipBytes = payload < 0 ? Event.UNSET : payload + 40;
    } else {
      report.nonIpPacket();
      return;
    }
    if (dst == null) {
      report.nonIpPacket();
      return;
    }
    int srcPort;
    int dstPort;
    long flags = Event.UNSET;
    long seq = Event.UNSET;
    long payload = Event.UNSET;
    if (proto == Flow.TCP) {
      srcPort = (int) packet.firstLong(Field.TCP_SRCPORT);
      dstPort = (int) packet.firstLong(Field.TCP_DSTPORT);
      flags = packet.firstLong(Field.TCP_FLAGS);
      seq = packet.firstLong(Field.TCP_SEQ);
      payload = packet.firstLong(Field.TCP_LEN);
    } else if (proto == Flow.UDP) {
      srcPort = (int) packet.firstLong(Field.UDP_SRCPORT);
      dstPort = (int) packet.firstLong(Field.UDP_DSTPORT);
      long length = packet.firstLong(Field.UDP_LEN);
      payload = length < 8 ? Event.UNSET : length - 8;
    } else if (proto == Flow.ICMP || proto == 58) {
      srcPort = (int) packet.firstLong(Field.ICMP_TYPE);
      dstPort = (int) packet.firstLong(Field.ICMP_CODE);
    } else {
      srcPort = (int) Event.UNSET;
      dstPort = (int) Event.UNSET;
    }
    FlowKey key = FlowKey.of(proto, src, srcPort, dst, dstPort);
    Flow flow = flows.get(key);
    if (flow != null && flow.reopenedBy(flags)) {
      end(flow);
      flow = null;
    }
    if (flow == null) {
      flow = open(key, packet, proto, src, srcPort, dst, dstPort, flags);
      flows.put(key, flow);
    }
    boolean fromOrig = flow.fromOrig(src, srcPort);
    flow.count(packet, fromOrig, ipBytes, flags, seq, payload);
    // tshark dissects the packet quoted in an ICMP error too; those fields are not this flow's traffic.
    boolean quotesAnotherPacket = proto == Flow.ICMP || proto == 58;
    for (FlowDecoder<?> decoder : quotesAnotherPacket ? List.<FlowDecoder<?>>of() : decoders) {
      if (decoder.accepts(packet)) {
        decoder.decode(packet, flow, fromOrig, sink);
      } else {
        decoder.observe(packet, flow, fromOrig, sink);
      }
    }
    if (packet.ts() - lastSweep >= SWEEP_INTERVAL_MICROS) {
      sweep(packet.ts());
    }
  }

  /** Ends the flows that closed or went idle before {@code nowMicros}. */
  synchronized void sweep(long nowMicros) {
    lastSweep = nowMicros;
    List<Flow> done = new ArrayList<>();
    for (Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {
      Flow flow = it.next();
      long idle = nowMicros - flow.lastTs;
      if (idle > timeouts.inactivityMicros(flow.proto) || (flow.closed() && idle > timeouts.closeDelayMicros())) {
        it.remove();
        done.add(flow);
      }
    }
    done.sort((a, b) -> Long.compare(a.startTs, b.startTs));
    done.forEach(this::emit);
  }

  /** Ends every open flow, as at the end of a capture file. */
  synchronized void finish() {
    List<Flow> all = new ArrayList<>(flows.values());
    flows.clear();
    all.sort((a, b) -> Long.compare(a.startTs, b.startTs));
    all.forEach(this::emit);
  }

  /** Flows currently open. */
  synchronized int openFlows() {
    return flows.size();
  }

  private void end(Flow flow) {
    flows.remove(flow.key);
    emit(flow);
  }

  private void emit(Flow flow) {
    for (FlowDecoder<?> decoder : decoders) {
      decoder.flowEnded(flow, sink);
    }
    sink.accept(flow.toConn());
  }

  private static Flow open(
      FlowKey key, Packet packet, int proto, String src, int srcPort, String dst, int dstPort, long flags) {
    boolean swap;
    if (proto == Flow.TCP && flags >= 0 && (flags & 0x02) != 0) {
      swap = (flags & SYN_ACK_MASK) == SYN_ACK;
    } else if (proto == Flow.TCP || proto == Flow.UDP) {
      // Without a SYN, a well-known source port talking to an ephemeral one is the server answering.
      swap = srcPort < 1024 && dstPort >= 1024;
    } else {
      swap = false;
    }
    String srcMac = packet.first(Field.ETH_SRC);
    String dstMac = packet.first(Field.ETH_DST);
    FlowId id = swap ? new FlowId(dst, dstPort, src, srcPort) : new FlowId(src, srcPort, dst, dstPort);
    return new Flow(key, proto, id, packet.ts(), swap ? dstMac : srcMac, swap ? srcMac : dstMac);
  }

  private static int ipv6Transport(Packet packet) {
    long next = packet.firstLong(Field.IPV6_NXT);
    if (next == Flow.TCP || next == Flow.UDP || next == 58) {
      return (int) next;
    }
    if (packet.has(Field.TCP_SRCPORT)) {
      return Flow.TCP;
    }
    return packet.has(Field.UDP_SRCPORT) ? Flow.UDP : (int) next;
  }
}
