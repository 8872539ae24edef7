package org.lanternfish.ingest;

import java.util.List;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.LdapEvent;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SshEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.event.X509Event;

/**
 * Turns rows of each Zeek log type into the domain's event records. Field indices follow the order of the spec
 * strings in {@link ZeekSchema}: 0 to 5 are {@code ts uid id.orig_h id.orig_p id.resp_h id.resp_p} for flow logs.
 */
final class ZeekRecords {
  private ZeekRecords() {}

  private static FlowId flow(Row r) {
    return new FlowId(r.addr(2), r.port(3), r.addr(4), r.port(5));
  }

  /** The flow, or null for notice and weird records that are not about a connection. */
  private static FlowId optionalFlow(Row r) {
    return r.present(2) || r.present(4) ? flow(r) : null;
  }

  static Event conn(Row r) {
    return new ConnEvent(r.time(0), r.text(1), flow(r), r.symbol(6), r.symbol(7), r.interval(8), r.count(9),
        r.count(10), r.symbol(11), r.bool(12), r.bool(13), r.count(14), r.symbol(15), r.count(16), r.count(17),
        r.count(18), r.count(19), r.texts(20), r.symbol(21), r.symbol(22), r.text(23));
  }

  static Event dns(Row r) {
    return new DnsEvent(r.time(0), r.text(1), flow(r), r.symbol(6), r.count(7), r.interval(8), r.text(9),
        r.count(10), r.symbol(11), r.count(12), r.symbol(13), r.bool(14), r.bool(15), r.bool(16), r.namesOrAddrs(17),
        r.intervals(18), r.bool(19));
  }

  static Event http(Row r) {
    return new HttpEvent(r.time(0), r.text(1), flow(r), r.count(6), r.symbol(7), r.text(8), r.text(9), r.text(10),
        r.symbol(11), r.text(12), r.count(13), r.count(14), r.count(15), r.symbol(16), r.text(17), r.texts(18));
  }

  static Event ssl(Row r) {
    return new SslEvent(r.time(0), r.text(1), flow(r), r.symbol(6), r.symbol(7), r.text(8), r.bool(9), r.bool(10),
        r.text(11), r.text(12), r.text(13), r.text(14), r.text(15));
  }

  static Event x509(Row r) {
    String fileId = r.present(3) ? r.text(3) : r.text(2);
    return new X509Event(r.time(0), fileId, r.text(1), r.count(4), r.text(5), r.text(6), r.text(7), r.time(8),
        r.time(9), r.symbol(10), r.symbol(11), r.symbol(12), r.count(13), r.texts(14), r.bool(15));
  }

  /** Older Zeek lists tx_hosts, rx_hosts and conn_uids; newer Zeek writes one uid and id, and is_orig says who sent. */
  static Event files(Row r) {
    Boolean isOrig = r.bool(13);
    String uid;
    List<String> tx;
    List<String> rx;
    if (r.present(1) || r.present(2)) {
      uid = r.text(1);
      String orig = r.addr(2);
      String resp = r.addr(4);
      tx = isOrig == null || orig == null || resp == null ? null : List.of(isOrig ? orig : resp);
      rx = isOrig == null || orig == null || resp == null ? null : List.of(isOrig ? resp : orig);
    } else {
      List<String> connUids = r.texts(9);
      uid = connUids == null || connUids.isEmpty() ? null : connUids.get(0);
      tx = r.addrs(7);
      rx = r.addrs(8);
    }
    return new FileEvent(r.time(0), r.text(6), uid, tx, rx, r.symbol(10), r.symbol(11), r.text(12), isOrig,
        r.count(14), r.count(15), r.text(16), r.text(17), r.text(18));
  }

  static Event smbFiles(Row r) {
    return new SmbFileEvent(r.time(0), r.text(1), flow(r), r.text(6), r.symbol(7), r.text(8), r.text(9),
        r.count(10), r.text(11));
  }

  static Event smbMapping(Row r) {
    return new SmbMappingEvent(r.time(0), r.text(1), flow(r), r.text(6), r.symbol(7), r.symbol(8), r.symbol(9));
  }

  static Event dceRpc(Row r) {
    return new DceRpcEvent(r.time(0), r.text(1), flow(r), r.interval(6), r.symbol(7), r.symbol(8), r.symbol(9));
  }

  static Event rdp(Row r) {
    return new RdpEvent(r.time(0), r.text(1), flow(r), r.text(6), r.symbol(7), r.symbol(8), r.text(9),
        r.symbol(10), r.symbol(11));
  }

  static Event kerberos(Row r) {
    return new KerberosEvent(r.time(0), r.text(1), flow(r), r.symbol(6), r.text(7), r.text(8), r.bool(9),
        r.symbol(10), r.symbol(11));
  }

  static Event ldap(Row r) {
    return new LdapEvent(r.time(0), r.text(1), flow(r), r.count(6), r.count(7), r.symbol(8), r.symbol(9),
        r.text(10), r.text(11), r.text(12));
  }

  static Event ldapSearch(Row r) {
    return new LdapSearchEvent(r.time(0), r.text(1), flow(r), r.count(6), r.symbol(7), r.symbol(8), r.text(9),
        r.count(10), r.symbol(11), r.text(12), r.text(13), r.texts(14));
  }

  static Event ssh(Row r) {
    return new SshEvent(r.time(0), r.text(1), flow(r), r.count(6), r.present(7) ? r.bool(7) : null, r.count(8),
        r.symbol(9), r.text(10), r.text(11), r.symbol(12), r.symbol(13), r.symbol(14), r.symbol(15), r.symbol(16),
        r.text(17), r.text(18), r.text(19));
  }

  /** Zeek 2.x wrote a {@code status} string where later versions write the {@code success} flag. */
  static Event ntlm(Row r) {
    Boolean success = r.present(11) ? r.bool(11) : r.present(12) ? (Boolean) "SUCCESS".equals(r.symbol(12)) : null;
    return new NtlmEvent(r.time(0), r.text(1), flow(r), r.text(6), r.text(7), r.text(8), r.text(9), r.text(10),
        success);
  }

  /** Older Zeek wrote one uid, the id of the exchange and assigned_ip; newer Zeek writes uids and client_addr. */
  static Event dhcp(Row r) {
    List<String> uids = r.present(6) ? r.texts(6) : r.present(1) ? List.of(r.text(1)) : null;
    String uid = r.present(1) ? r.text(1) : uids == null || uids.isEmpty() ? null : uids.get(0);
    String client = r.present(7) ? r.addr(7) : r.addr(2);
    String server = r.present(8) ? r.addr(8) : r.addr(4);
    String assigned = r.present(13) ? r.addr(13) : r.addr(14);
    return new DhcpEvent(r.time(0), uid, uids, client, server, r.symbol(9), r.text(10), r.text(11), r.text(12),
        assigned, r.interval(15), r.texts(16));
  }

  static Event software(Row r) {
    StringBuilder version = new StringBuilder();
    for (int f = 5; f <= 8 && r.present(f); f++) {
      version.append(f > 5 ? "." : "").append(r.count(f));
    }
    if (r.present(9)) {
      version.append(version.isEmpty() ? "" : "-").append(r.text(9));
    }
    return new SoftwareEvent(r.time(0), r.addr(1), r.port(2), r.symbol(3), r.text(4),
        version.isEmpty() ? null : version.toString(), r.text(10));
  }

  static Event notice(Row r) {
    return new NoticeEvent(r.time(0), r.text(1), optionalFlow(r), r.symbol(6), r.text(7), r.text(8), r.addr(9),
        r.addr(10), r.port(11));
  }

  static Event weird(Row r) {
    return new WeirdEvent(r.time(0), r.text(1), optionalFlow(r), r.symbol(6), r.text(7), r.bool(8), r.symbol(9));
  }
}
