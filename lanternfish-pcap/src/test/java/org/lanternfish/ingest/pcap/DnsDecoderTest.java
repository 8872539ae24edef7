package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;

final class DnsDecoderTest {

  private final List<Event> events = new ArrayList<>();
  private final FlowTable table =
      new FlowTable(List.of(new DnsDecoder()), FlowTimeouts.ZEEK, events::add, new PcapReport());

  @Test
  void response_isPairedWithItsQueryByTransactionId() {
    table.accept(dns(1.0, "192.0.2.10", 53001, "192.0.2.53", 53, 7, false, "a.example"));
    table.accept(dns(1.0, "192.0.2.10", 53001, "192.0.2.53", 53, 8, false, "b.example"));
    table.accept(dns(1.25, "192.0.2.53", 53, "192.0.2.10", 53001, 8, true, "b.example"));

    assertThat(events).singleElement().satisfies(event -> {
      DnsEvent dns = (DnsEvent) event;
      assertThat(dns.query()).isEqualTo("b.example");
      assertThat(dns.rtt()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(dns.rcodeName()).isEqualTo("NOERROR");
      assertThat(dns.answers()).containsExactly("198.51.100.1");
    });
  }

  @Test
  void neverAnsweredQueries_areWrittenOnceTooManyWait() {
    for (int id = 0; id < FlowDecoder.MAX_PENDING + 500; id++) {
      table.accept(dns(1.0 + id / 1000.0, "192.0.2.10", 53002, "192.0.2.53", 53, id, false, "t" + id + ".tunnel.example"));
    }
    assertThat(events).hasSize(500);
    assertThat(((DnsEvent) events.get(0)).query()).isEqualTo("t0.tunnel.example");
    assertThat(((DnsEvent) events.get(0)).rtt()).isNaN();

    table.finish();
    assertThat(events).filteredOn(DnsEvent.class::isInstance).hasSize(FlowDecoder.MAX_PENDING + 500);
  }

  private static Packet dns(double time, String src, int srcPort, String dst, int dstPort, int id, boolean response,
      String query) {
    Map<Field, String> values = new EnumMap<>(Field.class);
    values.put(Field.TIME, String.format("%.6f", time));
    values.put(Field.IP_SRC, src);
    values.put(Field.IP_DST, dst);
    values.put(Field.IP_PROTO, "17");
    values.put(Field.IP_LEN, "80");
    values.put(Field.UDP_SRCPORT, String.valueOf(srcPort));
    values.put(Field.UDP_DSTPORT, String.valueOf(dstPort));
    values.put(Field.UDP_LEN, "60");
    values.put(Field.DNS_ID, String.format("0x%04x", id));
    values.put(Field.DNS_RESPONSE, response ? "1" : "0");
    values.put(Field.DNS_QUERY, query);
    values.put(Field.DNS_QTYPE, "1");
    if (response) {
      values.put(Field.DNS_RCODE, "0");
      values.put(Field.DNS_A, "198.51.100.1");
    }
    return Packet.parse(PacketTest.line(values));
  }
}
