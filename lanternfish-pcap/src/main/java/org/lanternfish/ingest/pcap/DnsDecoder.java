package org.lanternfish.ingest.pcap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;

/** Pairs DNS queries with their responses by transaction id and writes one dns record per query. */
final class DnsDecoder extends FlowDecoder<Map<Long, DnsDecoder.Query>> {

  private static final Map<Long, String> QTYPES = Map.ofEntries(
      Map.entry(1L, "A"), Map.entry(2L, "NS"), Map.entry(5L, "CNAME"), Map.entry(6L, "SOA"),
      Map.entry(12L, "PTR"), Map.entry(15L, "MX"), Map.entry(16L, "TXT"), Map.entry(28L, "AAAA"),
      Map.entry(33L, "SRV"), Map.entry(35L, "NAPTR"), Map.entry(43L, "DS"), Map.entry(46L, "RRSIG"),
      Map.entry(47L, "NSEC"), Map.entry(48L, "DNSKEY"), Map.entry(64L, "SVCB"), Map.entry(65L, "HTTPS"),
      Map.entry(99L, "SPF"), Map.entry(251L, "IXFR"), Map.entry(252L, "AXFR"), Map.entry(255L, "*"));
  private static final String[] RCODES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET",
    "NOTAUTH", "NOTZONE"
  };
  private static final int REFUSED = 5;

  /** A query waiting for its response. */
  record Query(long ts, String proto, long transId, String name, long qtype, Boolean rd) {}

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.DNS_ID);
  }

  @Override
  Map<Long, Query> newState() {
    return new LinkedHashMap<>();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    long transId = packet.firstLong(Field.DNS_ID);
    String proto = Flow.protoName(flow.proto);
    Query asked = new Query(packet.ts(), proto, transId, packet.first(Field.DNS_QUERY),
        packet.firstLong(Field.DNS_QTYPE), flag(packet, Field.DNS_RD));
    if (packet.firstLong(Field.DNS_RESPONSE) != 1) {
      Map<Long, Query> pending = state(flow);
      Query previous = pending.put(transId, asked);
      if (previous != null) {
        sink.accept(unanswered(flow, previous));
      }
      if (pending.size() > MAX_PENDING) {
        Iterator<Query> oldest = pending.values().iterator();
        sink.accept(unanswered(flow, oldest.next()));
        oldest.remove();
      }
      return;
    }
    Query query = state(flow).remove(transId);
    if (query == null) {
      query = asked;
    }
    long rcode = packet.firstLong(Field.DNS_RCODE);
    List<String> answers = new ArrayList<>();
    for (Field field : new Field[] {Field.DNS_CNAME, Field.DNS_A, Field.DNS_AAAA, Field.DNS_PTR, Field.DNS_TXT}) {
      answers.addAll(List.of(packet.all(field)));
    }
    List<Double> ttls = new ArrayList<>();
    for (String ttl : packet.all(Field.DNS_TTL)) {
      ttls.add((double) Packet.number(ttl));
    }
    sink.accept(new DnsEvent(query.ts, flow.uid, flow.id, query.proto, transId,
        (packet.ts() - query.ts) / 1e6, query.name, query.qtype, QTYPES.get(query.qtype), rcode,
        rcode >= 0 && rcode < RCODES.length ? RCODES[(int) rcode] : null, flag(packet, Field.DNS_AA),
        query.rd, flag(packet, Field.DNS_RA), answers.isEmpty() ? null : answers,
        ttls.isEmpty() ? null : ttls, rcode == REFUSED));
  }

  @Override
  void finish(Flow flow, Map<Long, Query> pending, Consumer<Event> sink) {
    pending.values().stream().sorted((a, b) -> Long.compare(a.ts, b.ts)).forEach(q -> sink.accept(unanswered(flow, q)));
  }

  private static DnsEvent unanswered(Flow flow, Query query) {
    return new DnsEvent(query.ts, flow.uid, flow.id, query.proto, query.transId, Double.NaN, query.name,
        query.qtype, QTYPES.get(query.qtype), Event.UNSET, null, null, query.rd, null, null, null, null);
  }

  private static Boolean flag(Packet packet, Field field) {
    long value = packet.firstLong(field);
    return value < 0 ? null : value == 1;
  }
}
