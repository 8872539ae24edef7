package org.lanternfish.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DceRpcInterfaces;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SslEvent;

/**
 * Maps Suricata EVE objects onto the same event records Zeek logs produce, so detection does not care which sensor
 * wrote them. The uid of every record is Suricata's {@code flow_id} in decimal, which links the flow, its alerts and
 * its protocol records. Where EVE lacks a Zeek field the record holds the unset value; where EVE measures something
 * slightly different (bytes including headers, a connection state) the Javadoc of the mapping says so.
 *
 * <p>Stateful per file: DCE-RPC binds are remembered per flow, so later requests name their interface and operation.
 */
final class EveRecords {
  private static final int MAX_BOUND_FLOWS = 10_000;
  private static final java.util.Set<String> MAPPED =
      java.util.Set.of("flow", "netflow", "dns", "http", "tls", "smb", "dcerpc", "krb5", "alert", "fileinfo");
  private static final List<String> GROUPED_TYPES =
      List.of("A", "AAAA", "CNAME", "MX", "NS", "PTR", "TXT", "SRV", "SOA", "HTTPS", "SVCB", "NULL");

  private final Map<String, String> boundInterface = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_BOUND_FLOWS;
    }
  };

  /** The event for one EVE object, or null when its event type (or SMB command) is not one Lanternfish reads. */
  Event map(JsonRow r, String eventType, IngestReport report) {
    if (!MAPPED.contains(eventType)) {
      // Not read, so not checked either: a stats or mqtt record with odd fields is no error of ours.
      report.skipped("eve:" + eventType);
      return null;
    }
    String uid = r.str("flow_id");
    FlowId id = new FlowId(r.address("src_ip"), r.portNumber("src_port"), r.address("dest_ip"),
        r.portNumber("dest_port"));
    long ts = r.micros("timestamp");
    Event event = switch (eventType) {
      case "flow", "netflow" -> flow(r, ts, uid, id);
      case "dns" -> dns(r, ts, uid, id);
      case "http" -> http(r, ts, uid, id);
      case "tls" -> tls(r, ts, uid, id);
      case "smb" -> smb(r, ts, uid, id);
      case "dcerpc" -> dcerpc(r, "dcerpc.", ts, uid, id, null);
      case "krb5" -> krb5(r, ts, uid, id);
      case "alert" -> alert(r, ts, uid, id);
      case "fileinfo" -> fileinfo(r, ts, uid);
      default -> null;
    };
    if (event == null) {
      report.skipped("eve:" + eventType + (eventType.equals("smb") ? " " + r.str("smb.command") : ""));
    }
    return event;
  }

  /**
   * A flow becomes a conn record. Suricata counts bytes with IP headers, so both the payload and the IP byte fields
   * hold {@code bytes_toserver}/{@code bytes_toclient}; the conn state is approximated from the flow's TCP flags.
   */
  private static Event flow(JsonRow r, long ts, String uid, FlowId id) {
    String prefix = r.has("flow.start") || r.has("flow.pkts_toserver") ? "flow." : "netflow.";
    long start = r.micros(prefix + "start");
    long end = r.micros(prefix + "end");
    double duration = start == Event.NO_TIME || end == Event.NO_TIME ? Double.NaN : (end - start) / 1e6;
    long origPkts = r.integer(prefix + "pkts_toserver");
    long respPkts = r.integer(prefix + "pkts_toclient");
    long origBytes = r.integer(prefix + "bytes_toserver");
    long respBytes = r.integer(prefix + "bytes_toclient");
    if (prefix.equals("netflow.")) {
      origPkts = r.integer("netflow.pkts");
      origBytes = r.integer("netflow.bytes");
    }
    String proto = lower(r.str("proto"));
    return new ConnEvent(start != Event.NO_TIME ? start : ts, uid, id, proto, service(r.str("app_proto")),
        duration, origBytes, respBytes, connState(r, proto, respPkts), null, null, Event.UNSET, null, origPkts,
        origBytes, respPkts, respBytes, null, r.first("ether.src_mac"), r.first("ether.dest_mac"),
        r.str("community_id"));
  }

  private static String connState(JsonRow r, String proto, long respPkts) {
    if (!"tcp".equals(proto)) {
      return respPkts > 0 ? "SF" : "S0";
    }
    boolean syn = Boolean.TRUE.equals(r.flag("tcp.syn"));
    boolean fin = Boolean.TRUE.equals(r.flag("tcp.fin"));
    boolean rst = Boolean.TRUE.equals(r.flag("tcp.rst"));
    if (respPkts <= 0) {
      return syn ? "S0" : "OTH";
    }
    if (rst) {
      return "RSTO";
    }
    if (fin) {
      return "SF";
    }
    return syn ? "S1" : "OTH";
  }

  /** Zeek's service names for the Suricata app_proto values that differ. */
  private static String service(String appProto) {
    if (appProto == null || appProto.equals("failed")) {
      return null;
    }
    return switch (appProto) {
      case "tls" -> "ssl";
      case "dcerpc" -> "dce_rpc";
      case "krb5" -> "krb";
      default -> appProto;
    };
  }

  /**
   * DNS in all three EVE versions: version 1 has one query or answer per event ({@code dns.rrname}), versions 2 and
   * 3 list {@code queries}/{@code answers} or {@code grouped} answers. A query record has an unset rcode; a response
   * record has its rcode, so a detector can tell them apart.
   */
  private static Event dns(JsonRow r, long ts, String uid, FlowId id) {
    String query = r.has("dns.queries.rrname") ? r.first("dns.queries.rrname") : r.str("dns.rrname");
    String qtypeName = r.has("dns.queries.rrtype") ? r.first("dns.queries.rrtype") : r.str("dns.rrtype");
    List<String> answers = null;
    List<Double> ttls = null;
    if (r.has("dns.answers.rdata") || r.has("dns.answers")) {
      answers = r.has("dns.answers.rdata") ? r.list("dns.answers.rdata") : List.of();
      ttls = doubles(r.list("dns.answers.ttl"));
    } else if (r.has("dns.rdata")) {
      answers = r.list("dns.rdata");
      ttls = doubles(r.list("dns.ttl"));
    } else {
      List<String> grouped = new ArrayList<>();
      for (String type : GROUPED_TYPES) {
        List<String> group = r.list("dns.grouped." + type);
        if (group != null) {
          grouped.addAll(group);
        }
      }
      answers = grouped.isEmpty() ? null : List.copyOf(grouped);
    }
    String rcodeName = r.str("dns.rcode");
    String type = r.str("dns.type");
    boolean response = rcodeName != null || answers != null || "answer".equals(type) || "response".equals(type);
    String upperType = qtypeName == null ? null : qtypeName.toUpperCase(Locale.ROOT);
    return new DnsEvent(ts, uid, id, lower(r.str("proto")), r.integer("dns.id"), Double.NaN, query,
        DnsCodes.qtype(upperType), upperType, response ? DnsCodes.rcode(rcodeName == null ? "NOERROR" : rcodeName)
            : Event.UNSET, response ? (rcodeName == null ? "NOERROR" : rcodeName) : null, r.flag("dns.aa"),
        r.flag("dns.rd"), r.flag("dns.ra"), answers, ttls, null);
  }

  private static List<Double> doubles(List<String> texts) {
    if (texts == null) {
      return null;
    }
    return texts.stream().map(t -> Numbers.decimal(t)).toList();
  }

  /** Suricata writes {@code HTTP/1.1} where Zeek writes {@code 1.1}, and counts transactions from 0 not 1. */
  private static Event http(JsonRow r, long ts, String uid, FlowId id) {
    String protocol = r.str("http.protocol");
    String version = protocol != null && protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
    long txId = r.integer("tx_id");
    String contentType = r.str("http.http_content_type");
    return new HttpEvent(ts, uid, id, txId == Event.UNSET ? Event.UNSET : txId + 1, r.str("http.http_method"),
        r.str("http.hostname"), r.str("http.url"), r.str("http.http_refer"), version, r.str("http.http_user_agent"),
        Event.UNSET, r.integer("http.length"), r.integer("http.status"), null, null,
        contentType == null ? null : List.of(contentType));
  }

  /** Suricata writes {@code TLS 1.2} where Zeek writes {@code TLSv12}. */
  private static Event tls(JsonRow r, long ts, String uid, FlowId id) {
    String version = r.str("tls.version");
    if (version != null && version.startsWith("TLS ")) {
      version = "TLSv" + version.substring(4).replace(".", "");
    }
    return new SslEvent(ts, uid, id, version, null, r.str("tls.sni"), r.flag("tls.session_resumed"), null,
        r.str("tls.subject"), r.str("tls.issuerdn"), r.str("tls.ja3.hash"), r.str("tls.ja3s.hash"), null);
  }

  /** Tree connects become share mappings, file commands become Zeek-style file actions; DCE-RPC over SMB too. */
  private Event smb(JsonRow r, long ts, String uid, FlowId id) {
    String command = r.str("smb.command");
    if (command == null) {
      return null;
    }
    if (r.has("smb.dcerpc.opnum") || r.has("smb.dcerpc.interfaces.uuid")) {
      return dcerpc(r, "smb.dcerpc.", ts, uid, id, r.str("smb.filename"));
    }
    if (command.contains("TREE_CONNECT")) {
      String shareType = r.str("smb.share_type");
      return new SmbMappingEvent(ts, uid, id, r.str("smb.share"), null, null,
          "FILE".equals(shareType) ? "DISK" : shareType);
    }
    String filename = r.str("smb.filename");
    if (filename == null) {
      return null;
    }
    String action;
    if (command.contains("CREATE") || command.contains("OPEN")) {
      action = "SMB::FILE_OPEN";
    } else if (command.contains("READ")) {
      action = "SMB::FILE_READ";
    } else if (command.contains("WRITE")) {
      action = "SMB::FILE_WRITE";
    } else if (command.contains("CLOSE")) {
      action = "SMB::FILE_CLOSE";
    } else {
      return null;
    }
    return new SmbFileEvent(ts, uid, id, r.str("smb.fuid"), action, r.str("smb.share"), filename,
        r.integer("smb.size"), null);
  }

  /**
   * A bind names the interface of the flow and is remembered; a request then names its operation from the
   * remembered interface, in Zeek's words ({@code drsuapi}, {@code DRSGetNCChanges}). Binds alone emit nothing.
   */
  private Event dcerpc(JsonRow r, String prefix, long ts, String uid, FlowId id, String pipe) {
    String uuid = r.first(prefix + "interfaces.uuid");
    if (uuid != null && uid != null) {
      boundInterface.put(uid, uuid.toLowerCase(Locale.ROOT));
    }
    long opnum = r.has(prefix + "req.opnum") ? r.integer(prefix + "req.opnum") : r.integer(prefix + "opnum");
    if (opnum == Event.UNSET) {
      return null;
    }
    String bound = uid == null ? null : boundInterface.get(uid);
    return new DceRpcEvent(ts, uid, id, Double.NaN, pipe, DceRpcInterfaces.endpoint(bound),
        DceRpcInterfaces.operation(bound, opnum));
  }

  /** Kerberos: {@code client} is {@code cname/realm} as Zeek writes it; replies succeed and KRB_ERROR fails. */
  private static Event krb5(JsonRow r, long ts, String uid, FlowId id) {
    String msgType = r.str("krb5.msg_type");
    String requestType = msgType == null ? null : msgType.contains("AS_") ? "AS" : msgType.contains("TGS_") ? "TGS"
        : null;
    Boolean success = msgType == null ? null : msgType.endsWith("_REP") ? Boolean.TRUE
        : msgType.equals("KRB_ERROR") ? Boolean.FALSE : null;
    String cname = r.str("krb5.cname");
    String realm = r.str("krb5.realm");
    String client = cname == null ? null : realm == null ? cname : cname + "/" + realm;
    return new KerberosEvent(ts, uid, id, requestType, client, r.str("krb5.sname"), success,
        r.str("krb5.error_code"), r.str("krb5.encryption"));
  }

  private static Event alert(JsonRow r, long ts, String uid, FlowId id) {
    return new AlertEvent(ts, uid, id, lower(r.str("proto")), r.has("flow_id") ? r.integer("flow_id") : Event.UNSET,
        r.str("community_id"), r.str("alert.action"), r.integer("alert.signature_id"), r.integer("alert.rev"),
        r.str("alert.signature"), r.str("alert.category"), r.integer("alert.severity"), r.str("app_proto"));
  }

  /**
   * A file seen in a flow. EVE gives the flow's endpoints, not which side sent the file, so the sender and
   * receiver lists are left null; the uid links the record to its flow.
   */
  private static Event fileinfo(JsonRow r, long ts, String uid) {
    return new FileEvent(ts, r.has("fileinfo.file_id") ? r.str("fileinfo.file_id") : r.str("fileinfo.fuid"), uid,
        null, null, service(r.str("app_proto")), r.str("http.http_content_type"), r.str("fileinfo.filename"), null,
        r.integer("fileinfo.size"), Event.UNSET, r.str("fileinfo.md5"), r.str("fileinfo.sha1"),
        r.str("fileinfo.sha256"));
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
