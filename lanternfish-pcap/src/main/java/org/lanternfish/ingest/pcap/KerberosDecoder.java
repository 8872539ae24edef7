package org.lanternfish.ingest.pcap;

import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.KerberosEvent;

/** Pairs Kerberos AS and TGS requests with their replies or errors and writes one kerberos record each. */
final class KerberosDecoder extends FlowDecoder<KerberosDecoder.Exchange> {

  private static final long AS_REQ = 10;
  private static final long AS_REP = 11;
  private static final long TGS_REQ = 12;
  private static final long TGS_REP = 13;
  private static final long KRB_ERROR = 30;
  private static final Map<Long, String> ERRORS = Map.ofEntries(
      Map.entry(6L, "KDC_ERR_C_PRINCIPAL_UNKNOWN"),
      Map.entry(7L, "KDC_ERR_S_PRINCIPAL_UNKNOWN"),
      Map.entry(12L, "KDC_ERR_POLICY"),
      Map.entry(14L, "KDC_ERR_ETYPE_NOSUPP"),
      Map.entry(16L, "KDC_ERR_PADATA_TYPE_NOSUPP"),
      Map.entry(18L, "KDC_ERR_CLIENT_REVOKED"),
      Map.entry(23L, "KDC_ERR_KEY_EXPIRED"),
      Map.entry(24L, "KDC_ERR_PREAUTH_FAILED"),
      Map.entry(25L, "KDC_ERR_PREAUTH_REQUIRED"),
      Map.entry(31L, "KRB_AP_ERR_BAD_INTEGRITY"),
      Map.entry(32L, "KRB_AP_ERR_TKT_EXPIRED"),
      Map.entry(37L, "KRB_AP_ERR_SKEW"),
      Map.entry(41L, "KRB_AP_ERR_MODIFIED"),
      Map.entry(52L, "KRB_ERR_RESPONSE_TOO_BIG"),
      Map.entry(60L, "KRB_ERR_GENERIC"),
      Map.entry(68L, "KDC_ERR_WRONG_REALM"));
  private static final Map<Long, String> CIPHERS = Map.of(
      1L, "des-cbc-crc", 3L, "des-cbc-md5", 17L, "aes128-cts-hmac-sha1-96", 18L, "aes256-cts-hmac-sha1-96",
      23L, "rc4-hmac", 24L, "rc4-hmac-exp");

  /** The request of one flow still waiting for its reply. */
  static final class Exchange {
    private Request pending;
  }

  private record Request(long ts, String type, String client, String realm) {}

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.KRB_MSG_TYPE);
  }

  @Override
  Exchange newState() {
    return new Exchange();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    long type = packet.firstLong(Field.KRB_MSG_TYPE);
    Exchange exchange = state(flow);
    if (type == AS_REQ || type == TGS_REQ) {
      if (exchange.pending != null) {
        sink.accept(unanswered(flow, exchange.pending));
      }
      exchange.pending = new Request(packet.ts(), type == AS_REQ ? "AS" : "TGS",
          type == AS_REQ ? packet.first(Field.KRB_CNAME) : null, packet.first(Field.KRB_REALM));
      return;
    }
    if (type != AS_REP && type != TGS_REP && type != KRB_ERROR) {
      return;
    }
    Request request = exchange.pending;
    exchange.pending = null;
    String name = packet.first(Field.KRB_CNAME);
    String realm = packet.first(Field.KRB_CREALM);
    if (name == null && request != null) {
      name = request.client;
    }
    if (realm == null) {
      realm = request != null ? request.realm : packet.first(Field.KRB_REALM);
    }
    String[] serviceParts = packet.all(Field.KRB_SNAME);
    String[] etypes = packet.all(Field.KRB_ETYPE);
    // A reply's last etype is its own encrypted part; the one before it is the ticket's.
    String ticketEtype = etypes.length >= 2 ? etypes[etypes.length - 2] : Packet.at(etypes, 0);
    String requestType = request != null ? request.type : type == AS_REP ? "AS" : type == TGS_REP ? "TGS" : null;
    sink.accept(new KerberosEvent(request != null ? request.ts : packet.ts(), flow.uid, flow.id, requestType,
        principal(name, realm), serviceParts.length == 0 ? null : String.join("/", serviceParts), type != KRB_ERROR,
        type == KRB_ERROR ? ERRORS.get(packet.firstLong(Field.KRB_ERROR)) : null,
        type == KRB_ERROR ? null : CIPHERS.get(Packet.number(ticketEtype))));
  }

  @Override
  void finish(Flow flow, Exchange exchange, Consumer<Event> sink) {
    if (exchange.pending != null) {
      sink.accept(unanswered(flow, exchange.pending));
    }
  }

  private static KerberosEvent unanswered(Flow flow, Request request) {
    return new KerberosEvent(request.ts, flow.uid, flow.id, request.type, principal(request.client, request.realm),
        null, null, null, null);
  }

  private static String principal(String name, String realm) {
    if (name == null) {
      return null;
    }
    return realm == null ? name : name + "/" + realm;
  }
}
