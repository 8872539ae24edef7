package org.lanternfish.ingest.pcap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.Event;

/**
 * Gathers the messages of one DHCP exchange (same transaction id, across the broadcast and unicast
 * flows it spans) into one dhcp record, binding a MAC to an address and a host name.
 */
final class DhcpDecoder extends FlowDecoder<Set<Long>> {

  private static final String[] TYPES = {
    null, "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK", "NAK", "RELEASE", "INFORM"
  };
  private static final long OFFER = 2;
  private static final long ACK = 5;
  private static final long NAK = 6;
  private static final String UNSPECIFIED = "0.0.0.0";

  private final Map<Long, Exchange> exchanges = new HashMap<>();

  /** The messages seen so far of one transaction. */
  private static final class Exchange {
    private final long ts;
    private final Set<String> uids = new LinkedHashSet<>();
    private final List<String> types = new ArrayList<>();
    private String clientAddr;
    private String serverAddr;
    private String mac;
    private String hostName;
    private String clientFqdn;
    private String domain;
    private String assignedAddr;
    private double leaseTime = Double.NaN;

    Exchange(long ts) {
      this.ts = ts;
    }
  }

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.DHCP_ID);
  }

  @Override
  Set<Long> newState() {
    return new LinkedHashSet<>();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    long xid = packet.firstLong(Field.DHCP_ID);
    long type = packet.firstLong(Field.DHCP_TYPE);
    Exchange exchange = exchanges.computeIfAbsent(xid, x -> new Exchange(packet.ts()));
    state(flow).add(xid);
    exchange.uids.add(flow.uid);
    if (type > 0 && type < TYPES.length) {
      exchange.types.add(TYPES[(int) type]);
    }
    exchange.mac = orElse(packet.first(Field.DHCP_MAC), exchange.mac);
    exchange.hostName = orElse(packet.first(Field.DHCP_HOSTNAME), exchange.hostName);
    exchange.clientFqdn = orElse(packet.first(Field.DHCP_FQDN), exchange.clientFqdn);
    exchange.domain = orElse(packet.first(Field.DHCP_DOMAIN), exchange.domain);
    String client = packet.first(Field.DHCP_CLIENT);
    if (client != null && !client.equals(UNSPECIFIED)) {
      exchange.clientAddr = client;
    }
    if (type == OFFER || type == ACK || type == NAK) {
      exchange.serverAddr = packet.first(Field.IP_SRC);
      String your = packet.first(Field.DHCP_YOUR);
      if (your != null && !your.equals(UNSPECIFIED)) {
        exchange.assignedAddr = your;
      }
      long lease = packet.firstLong(Field.DHCP_LEASE);
      if (lease >= 0) {
        exchange.leaseTime = lease;
      }
    } else if (exchange.assignedAddr == null) {
      exchange.assignedAddr = packet.first(Field.DHCP_REQUESTED);
    }
    if (type == ACK || type == NAK) {
      emit(xid, sink);
    }
  }

  @Override
  void finish(Flow flow, Set<Long> transactions, Consumer<Event> sink) {
    for (long xid : transactions) {
      emit(xid, sink);
    }
  }

  private void emit(long xid, Consumer<Event> sink) {
    Exchange e = exchanges.remove(xid);
    if (e == null) {
      return;
    }
    List<String> uids = List.copyOf(e.uids);
    sink.accept(new DhcpEvent(e.ts, uids.get(0), uids, e.clientAddr, e.serverAddr, e.mac, e.hostName, e.clientFqdn,
        e.domain, e.assignedAddr, e.leaseTime, List.copyOf(e.types)));
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
