package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;

/** Flow assembly from tshark lines: orientation, Zeek conn states, history, volumes and expiry. */
final class FlowTableTest {

  private static final int FIN = 0x01;
  private static final int SYN = 0x02;
  private static final int RST = 0x04;
  private static final int PSH = 0x08;
  private static final int ACK = 0x10;
  private static final String CLIENT = "192.0.2.10";
  private static final String SERVER = "198.51.100.7";

  private final List<Event> events = new ArrayList<>();
  private final PcapReport report = new PcapReport();
  private final FlowTable table = new FlowTable(List.of(),
      new FlowTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)),
      events::add, report);

  @Test
  void completeConnection_isSfWithPayloadCountedOnceDespiteRetransmission() {
    table.accept(tcp(1.0, CLIENT, 50000, SERVER, 445, SYN, 1000, 0));
    table.accept(tcp(1.1, SERVER, 445, CLIENT, 50000, SYN | ACK, 7000, 0));
    table.accept(tcp(1.2, CLIENT, 50000, SERVER, 445, ACK, 1001, 0));
    table.accept(tcp(1.3, CLIENT, 50000, SERVER, 445, PSH | ACK, 1001, 100));
    table.accept(tcp(1.6, CLIENT, 50000, SERVER, 445, PSH | ACK, 1001, 100));
    table.accept(tcp(1.7, SERVER, 445, CLIENT, 50000, PSH | ACK, 7001, 50));
    table.accept(tcp(1.8, CLIENT, 50000, SERVER, 445, FIN | ACK, 1101, 0));
    table.accept(tcp(1.9, SERVER, 445, CLIENT, 50000, FIN | ACK, 7051, 0));
    table.accept(tcp(2.0, CLIENT, 50000, SERVER, 445, ACK, 1102, 0));
    table.finish();

    ConnEvent conn = onlyConn();
    assertThat(conn.id()).isEqualTo(new FlowId(CLIENT, 50000, SERVER, 445));
    assertThat(conn.connState()).isEqualTo("SF");
    assertThat(conn.history()).isEqualTo("ShADdFf");
    assertThat(conn.origBytes()).isEqualTo(100);
    assertThat(conn.respBytes()).isEqualTo(50);
    assertThat(conn.origPkts()).isEqualTo(6);
    assertThat(conn.respPkts()).isEqualTo(3);
    assertThat(conn.origIpBytes()).isEqualTo(6 * 40 + 200);
    assertThat(conn.duration()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(conn.ts()).isEqualTo(1_000_000L);
    assertThat(conn.uid()).matches("C[0-9A-Za-z]{17}");
  }

  @Test
  void attemptAnsweredByReset_isRej() {
    table.accept(tcp(1.0, CLIENT, 50001, SERVER, 9, SYN, 10, 0));
    table.accept(tcp(1.0001, SERVER, 9, CLIENT, 50001, RST | ACK, 0, 0));
    table.finish();

    assertThat(onlyConn().connState()).isEqualTo("REJ");
    assertThat(onlyConn().history()).isEqualTo("Sr");
  }

  @Test
  void unansweredSyn_isS0AndMidstreamTraffic_isOth() {
    table.accept(tcp(1.0, CLIENT, 50002, SERVER, 135, SYN, 10, 0));
    table.accept(tcp(1.5, CLIENT, 50003, SERVER, 80, PSH | ACK, 500, 20));
    table.finish();

    assertThat(events).extracting(e -> ((ConnEvent) e).connState()).containsExactly("S0", "OTH");
  }

  @Test
  void originatorResetAfterEstablishment_isRsto() {
    table.accept(tcp(1.0, CLIENT, 50004, SERVER, 445, SYN, 10, 0));
    table.accept(tcp(1.1, SERVER, 445, CLIENT, 50004, SYN | ACK, 90, 0));
    table.accept(tcp(1.2, CLIENT, 50004, SERVER, 445, ACK, 11, 0));
    table.accept(tcp(1.3, CLIENT, 50004, SERVER, 445, RST | ACK, 11, 0));
    table.finish();

    assertThat(onlyConn().connState()).isEqualTo("RSTO");
  }

  @Test
  void synAckSeenFirst_makesTheClientTheOriginator() {
    table.accept(tcp(1.0, SERVER, 443, CLIENT, 50005, SYN | ACK, 90, 0));
    table.accept(tcp(1.1, CLIENT, 50005, SERVER, 443, ACK, 11, 0));
    table.finish();

    assertThat(onlyConn().id()).isEqualTo(new FlowId(CLIENT, 50005, SERVER, 443));
    assertThat(onlyConn().connState()).isEqualTo("OTH");
    assertThat(onlyConn().history()).isEqualTo("hA");
  }

  @Test
  void udp_isS0OneWayAndSfAnswered() {
    table.accept(udp(1.0, CLIENT, 53000, SERVER, 53, 30));
    table.accept(udp(1.01, SERVER, 53, CLIENT, 53000, 90));
    table.accept(udp(2.0, CLIENT, 53001, SERVER, 514, 200));
    table.finish();

    assertThat(events).hasSize(2);
    ConnEvent answered = (ConnEvent) events.get(0);
    assertThat(answered.connState()).isEqualTo("SF");
    assertThat(answered.origBytes()).isEqualTo(30);
    assertThat(answered.respBytes()).isEqualTo(90);
    assertThat(answered.history()).isEqualTo("Dd");
    assertThat(((ConnEvent) events.get(1)).connState()).isEqualTo("S0");
  }

  @Test
  void closedFlow_isWrittenAfterCloseDelayAndItsTupleCanOpenAgain() {
    table.accept(tcp(1.0, CLIENT, 50006, SERVER, 80, SYN, 10, 0));
    table.accept(tcp(1.1, SERVER, 80, CLIENT, 50006, RST | ACK, 0, 0));
    table.accept(tcp(1.5, CLIENT, 50006, SERVER, 80, SYN, 5000, 0));
    table.sweep(3_000_000L);
    assertThat(events).hasSize(1);

    table.sweep(40_000_000L);
    assertThat(events).hasSize(2);
    assertThat(((ConnEvent) events.get(0)).uid()).isNotEqualTo(((ConnEvent) events.get(1)).uid());
    assertThat(table.openFlows()).isZero();
  }

  @Test
  void idleFlow_staysOpenUntilItsInactivityTimeout() {
    table.accept(udp(1.0, CLIENT, 53002, SERVER, 123, 48));
    table.sweep(5_000_000L);
    assertThat(events).isEmpty();

    table.sweep(12_000_000L);
    assertThat(onlyConn().id().respPort()).isEqualTo(123);
  }

  @Test
  void payloadAcrossSequenceWrap_isCountedOnce() {
    long nearWrap = (1L << 32) - 500;
    table.accept(tcp(1.0, CLIENT, 50007, SERVER, 22, PSH | ACK, nearWrap, 1000));
    table.accept(tcp(1.1, CLIENT, 50007, SERVER, 22, PSH | ACK, 500, 1000));
    table.accept(tcp(1.2, CLIENT, 50007, SERVER, 22, PSH | ACK, nearWrap, 1000));
    table.finish();

    assertThat(onlyConn().origBytes()).isEqualTo(2000);
  }

  @Test
  void sameCapture_alwaysGivesTheSameUid() {
    FlowTable other = new FlowTable(List.of(), FlowTimeouts.ZEEK, events::add, new PcapReport());
    table.accept(tcp(1.0, CLIENT, 50008, SERVER, 80, SYN, 10, 0));
    other.accept(tcp(1.0, CLIENT, 50008, SERVER, 80, SYN, 10, 0));
    table.finish();
    other.finish();

    assertThat(((ConnEvent) events.get(0)).uid()).isEqualTo(((ConnEvent) events.get(1)).uid());
  }

  @Test
  void packetWithoutIp_isCountedButMakesNoFlow() {
    Map<Field, String> arp = new EnumMap<>(Field.class);
    arp.put(Field.TIME, "1.0");
    table.accept(Packet.parse(PacketTest.line(arp)));
    table.finish();

    assertThat(events).isEmpty();
    assertThat(report.nonIpPackets()).isEqualTo(1);
    assertThat(report.packets()).isEqualTo(1);
  }

  private ConnEvent onlyConn() {
    assertThat(events).hasSize(1);
    return (ConnEvent) events.get(0);
  }

  private static Packet tcp(double time, String src, int srcPort, String dst, int dstPort, int flags, long seq,
      int payload) {
    Map<Field, String> values = ip(time, src, dst, 6, 40 + payload);
    values.put(Field.TCP_SRCPORT, String.valueOf(srcPort));
    values.put(Field.TCP_DSTPORT, String.valueOf(dstPort));
    values.put(Field.TCP_FLAGS, String.format("0x%04x", flags));
    values.put(Field.TCP_SEQ, String.valueOf(seq));
    values.put(Field.TCP_LEN, String.valueOf(payload));
    return Packet.parse(PacketTest.line(values));
  }

  private static Packet udp(double time, String src, int srcPort, String dst, int dstPort, int payload) {
    Map<Field, String> values = ip(time, src, dst, 17, 28 + payload);
    values.put(Field.UDP_SRCPORT, String.valueOf(srcPort));
    values.put(Field.UDP_DSTPORT, String.valueOf(dstPort));
    values.put(Field.UDP_LEN, String.valueOf(payload + 8));
    return Packet.parse(PacketTest.line(values));
  }

  private static Map<Field, String> ip(double time, String src, String dst, int proto, int length) {
    Map<Field, String> values = new EnumMap<>(Field.class);
    values.put(Field.TIME, String.format("%.6f", time));
    values.put(Field.IP_SRC, src);
    values.put(Field.IP_DST, dst);
    values.put(Field.IP_PROTO, String.valueOf(proto));
    values.put(Field.IP_LEN, String.valueOf(length));
    return values;
  }
}
