package org.lanternfish.ingest.pcap;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DceRpcInterfaces;
import org.lanternfish.event.Event;

/**
 * Follows connection-oriented DCE-RPC over TCP and SMB named pipes: remembers which interface each
 * presentation context was bound to (bind and alter_context, per pipe and context id) so that later
 * requests, including DCOM calls on dynamic ports, are named, and writes one dce_rpc record per call.
 */
final class DceRpcDecoder extends FlowDecoder<DceRpcDecoder.Association> {

  private static final int REQUEST = 0;
  private static final int RESPONSE = 2;
  private static final int FAULT = 3;
  private static final int BIND = 11;
  private static final int BIND_ACK = 12;
  private static final int ALTER_CONTEXT = 14;
  private static final int ALTER_CONTEXT_RESP = 15;

  /** The bindings and outstanding calls of one connection. */
  static final class Association {
    /** Interface UUID by channel (SMB file id, or empty for plain TCP) and context id. */
    private final Map<String, String> contexts = new HashMap<>();
    /** The named pipe or port the server reported in its bind_ack, by channel. */
    private final Map<String, String> pipes = new HashMap<>();
    private final Map<Long, String> bindChannels = new HashMap<>();
    private final Map<Long, Call> calls = new LinkedHashMap<>();
  }

  private record Call(long ts, String uuid, long opnum, String pipe) {}

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.DCERPC_TYPE);
  }

  @Override
  Association newState() {
    return new Association();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    Association association = state(flow);
    String fid = packet.first(Field.SMB2_FID);
    String channel = fid == null ? "" : fid;
    String[] types = packet.all(Field.DCERPC_TYPE);
    String[] callIds = packet.all(Field.DCERPC_CALL_ID);
    String[] contextIds = packet.all(Field.DCERPC_CTX_ID);
    String[] itemCounts = packet.all(Field.DCERPC_CTX_ITEMS);
    String[] uuids = packet.all(Field.DCERPC_UUID);
    String[] opnums = packet.all(Field.DCERPC_OPNUM);
    String[] secondaryAddresses = packet.all(Field.DCERPC_SEC_ADDR);
    // Several PDUs can share a packet; each field advances only over the PDU types that carry it.
    int contextCursor = 0;
    int itemCursor = 0;
    int uuidCursor = 0;
    int opnumCursor = 0;
    int addressCursor = 0;
    for (int i = 0; i < types.length; i++) {
      long type = Packet.number(types[i]);
      long callId = Packet.number(Packet.at(callIds, i));
      if (type == BIND || type == ALTER_CONTEXT) {
        long items = Packet.number(Packet.at(itemCounts, itemCursor++));
        for (long k = 0; k < items; k++) {
          String context = Packet.at(contextIds, contextCursor++);
          String uuid = Packet.at(uuids, uuidCursor++);
          if (context != null && uuid != null) {
            association.contexts.put(channel + '|' + context, uuid);
          }
        }
        association.bindChannels.put(callId, channel);
      } else if (type == BIND_ACK || type == ALTER_CONTEXT_RESP) {
        String address = type == BIND_ACK ? Packet.at(secondaryAddresses, addressCursor++) : null;
        String boundChannel = association.bindChannels.remove(callId);
        if (address != null && !address.isEmpty() && boundChannel != null) {
          association.pipes.put(boundChannel, address);
        }
      } else if (type == REQUEST) {
        String context = Packet.at(contextIds, contextCursor++);
        long opnum = Packet.number(Packet.at(opnums, opnumCursor++));
        if (!association.calls.containsKey(callId)) {
          String pipe = association.pipes.get(channel);
          association.calls.put(callId, new Call(packet.ts(), association.contexts.get(channel + '|' + context),
              opnum, pipe != null ? pipe : fid == null ? String.valueOf(flow.id.respPort()) : null));
          if (association.calls.size() > MAX_PENDING) {
            Iterator<Call> oldest = association.calls.values().iterator();
            sink.accept(record(flow, oldest.next(), Double.NaN));
            oldest.remove();
          }
        }
      } else if (type == RESPONSE || type == FAULT) {
        contextCursor++;
        opnumCursor++;
        Call call = association.calls.remove(callId);
        if (call != null) {
          sink.accept(record(flow, call, (packet.ts() - call.ts) / 1e6));
        }
      }
    }
  }

  @Override
  void finish(Flow flow, Association association, Consumer<Event> sink) {
    association.calls.values().forEach(call -> sink.accept(record(flow, call, Double.NaN)));
  }

  private DceRpcEvent record(Flow flow, Call call, double rtt) {
    return new DceRpcEvent(call.ts, flow.uid, flow.id, rtt, call.pipe, DceRpcInterfaces.endpoint(call.uuid),
        DceRpcInterfaces.operation(call.uuid, call.opnum));
  }
}
