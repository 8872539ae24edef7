package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogParser;

/** A DCE-RPC call is named the same whether it comes from a capture or from Suricata EVE. */
final class DceRpcNamingTest {
  private static final String CLIENT = "192.0.2.10";
  private static final String SERVER = "198.51.100.7";
  private static final String DRSUAPI = "e3514235-4b06-11d1-ab04-00c04fc2dcd2";
  private static final String SVCCTL = "367abb81-9844-35f1-ad32-98f038001003";
  private static final String UNKNOWN = "01234567-89ab-cdef-0123-456789abcdef";

  private record Call(String uuid, int opnum) {}

  private static final List<Call> CALLS = List.of(
      new Call(DRSUAPI, 3), new Call(SVCCTL, 12), new Call(SVCCTL, 10), new Call(DRSUAPI, 99), new Call(UNKNOWN, 7));

  @Test
  void captureAndEve_nameTheSameInterfaceAndOperationAlike() {
    List<String> fromCapture = names(capture());
    List<String> fromEve = names(eve());

    assertThat(fromCapture).containsExactly("drsuapi DRSGetNCChanges", "svcctl CreateServiceW",
        "svcctl I_ScSetServiceBitsW", "drsuapi unknown-99", "unknown-" + UNKNOWN + " unknown-7");
    assertThat(fromEve).isEqualTo(fromCapture);
  }

  private static List<String> names(List<Event> events) {
    return events.stream().map(DceRpcEvent.class::cast).map(d -> d.endpoint() + " " + d.operation()).toList();
  }

  /** Each call on its own connection: bind, request, response, as tshark dissects them. */
  private static List<Event> capture() {
    List<Event> events = new ArrayList<>();
    FlowTable table = new FlowTable(List.of(new DceRpcDecoder()), FlowTimeouts.ZEEK, events::add, new PcapReport());
    for (int i = 0; i < CALLS.size(); i++) {
      Call call = CALLS.get(i);
      int port = 50000 + i;
      double t = 10 + i;
      table.accept(rpc(t, CLIENT, port, SERVER, 49667, 1000, Map.of(Field.DCERPC_TYPE, "11",
          Field.DCERPC_CALL_ID, "1", Field.DCERPC_CTX_ITEMS, "1", Field.DCERPC_CTX_ID, "0",
          Field.DCERPC_UUID, call.uuid())));
      table.accept(rpc(t + 0.1, SERVER, 49667, CLIENT, port, 5000, Map.of(Field.DCERPC_TYPE, "12",
          Field.DCERPC_CALL_ID, "1")));
      table.accept(rpc(t + 0.2, CLIENT, port, SERVER, 49667, 1100, Map.of(Field.DCERPC_TYPE, "0",
          Field.DCERPC_CALL_ID, "2", Field.DCERPC_CTX_ID, "0", Field.DCERPC_OPNUM, String.valueOf(call.opnum()))));
      table.accept(rpc(t + 0.3, SERVER, 49667, CLIENT, port, 5100, Map.of(Field.DCERPC_TYPE, "2",
          Field.DCERPC_CALL_ID, "2", Field.DCERPC_CTX_ID, "0", Field.DCERPC_OPNUM, String.valueOf(call.opnum()))));
    }
    table.finish();
    return events.stream().filter(DceRpcEvent.class::isInstance).toList();
  }

  /** The same calls as Suricata logs them: a bind naming the interface, then a request with its opnum. */
  private static List<Event> eve() {
    List<Event> events = new ArrayList<>();
    LogParser parser = new LogParser("eve.json", events::add, new IngestReport());
    long line = 0;
    for (int i = 0; i < CALLS.size(); i++) {
      Call call = CALLS.get(i);
      String flow = "\"flow_id\":" + (i + 1) + ",\"event_type\":\"dcerpc\",\"src_ip\":\"" + CLIENT
          + "\",\"src_port\":" + (50000 + i) + ",\"dest_ip\":\"" + SERVER + "\",\"dest_port\":49667,\"proto\":\"TCP\"";
      feed(parser, ++line, "{\"timestamp\":\"2024-01-01T00:00:1" + i + ".000000+0000\"," + flow
          + ",\"dcerpc\":{\"request\":\"BIND\",\"response\":\"BINDACK\",\"interfaces\":[{\"uuid\":\"" + call.uuid()
          + "\",\"version\":\"1.0\",\"ack_result\":0}]}}");
      feed(parser, ++line, "{\"timestamp\":\"2024-01-01T00:00:1" + i + ".200000+0000\"," + flow
          + ",\"dcerpc\":{\"request\":\"REQUEST\",\"response\":\"RESPONSE\",\"req\":{\"opnum\":" + call.opnum()
          + ",\"frag_cnt\":1}}}");
    }
    return events.stream().filter(DceRpcEvent.class::isInstance).toList();
  }

  private static void feed(LogParser parser, long number, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    parser.acceptLine(bytes, 0, bytes.length, number);
  }

  private static Packet rpc(double time, String src, int srcPort, String dst, int dstPort, long seq,
      Map<Field, String> dcerpc) {
    Map<Field, String> values = new EnumMap<>(Field.class);
    values.put(Field.TIME, String.format("%.6f", time));
    values.put(Field.IP_SRC, src);
    values.put(Field.IP_DST, dst);
    values.put(Field.IP_PROTO, "6");
    values.put(Field.IP_LEN, "140");
    values.put(Field.TCP_SRCPORT, String.valueOf(srcPort));
    values.put(Field.TCP_DSTPORT, String.valueOf(dstPort));
    values.put(Field.TCP_FLAGS, "0x0018");
    values.put(Field.TCP_SEQ, String.valueOf(seq));
    values.put(Field.TCP_LEN, "100");
    values.putAll(dcerpc);
    return Packet.parse(PacketTest.line(values));
  }
}
