package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
import org.lanternfish.event.LogType;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.event.X509Event;

/** One record of each Zeek log type, read from a real log and compared field by field with the file's text. */
final class ZeekRecordsTest {

  private static <T extends Event> List<T> read(ZeekText text, Class<T> type) {
    List<Event> events = new ArrayList<>();
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    LogReader.readFile(text.path, events::add, report);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).hasSize(text.rows.size()).allMatch(type::isInstance);
    return events.stream().map(type::cast).toList();
  }

  private static FlowId flow(ZeekText t, int row) {
    return new FlowId(t.text(row, "id.orig_h"), (int) t.count(row, "id.orig_p"), t.text(row, "id.resp_h"),
        (int) t.count(row, "id.resp_p"));
  }

  @Test
  void conn_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_03/conn.log");
    List<ConnEvent> events = read(t, ConnEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      ConnEvent e = events.get(row);
      assertThat(e.ts()).isEqualTo(t.micros(row, "ts"));
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.proto()).isEqualTo(t.text(row, "proto"));
      assertThat(e.service()).isEqualTo(t.text(row, "service"));
      assertThat(Double.valueOf(e.duration())).isEqualTo(Double.valueOf(t.interval(row, "duration")));
      assertThat(e.origBytes()).isEqualTo(t.count(row, "orig_bytes"));
      assertThat(e.respBytes()).isEqualTo(t.count(row, "resp_bytes"));
      assertThat(e.connState()).isEqualTo(t.text(row, "conn_state"));
      assertThat(e.localOrig()).isEqualTo(t.bool(row, "local_orig"));
      assertThat(e.localResp()).isEqualTo(t.bool(row, "local_resp"));
      assertThat(e.missedBytes()).isEqualTo(t.count(row, "missed_bytes"));
      assertThat(e.history()).isEqualTo(t.text(row, "history"));
      assertThat(e.origPkts()).isEqualTo(t.count(row, "orig_pkts"));
      assertThat(e.origIpBytes()).isEqualTo(t.count(row, "orig_ip_bytes"));
      assertThat(e.respPkts()).isEqualTo(t.count(row, "resp_pkts"));
      assertThat(e.respIpBytes()).isEqualTo(t.count(row, "resp_ip_bytes"));
      assertThat(e.tunnelParents()).isEqualTo(t.set(row, "tunnel_parents"));
      assertThat(e.origMac()).isNull();
      assertThat(e.communityId()).isNull();
    }
    assertThat(events).anyMatch(e -> e.duration() > 0 && e.origBytes() > 0);
  }

  @Test
  void dns_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_01/dns.log");
    List<DnsEvent> events = read(t, DnsEvent.class);
    int withAnswers = 0;
    for (int row = 0; row < t.rows.size(); row++) {
      DnsEvent e = events.get(row);
      assertThat(e.ts()).isEqualTo(t.micros(row, "ts"));
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.proto()).isEqualTo(t.text(row, "proto"));
      assertThat(e.transId()).isEqualTo(t.count(row, "trans_id"));
      assertThat(Double.valueOf(e.rtt())).isEqualTo(Double.valueOf(t.interval(row, "rtt")));
      assertThat(e.query()).isEqualTo(t.text(row, "query"));
      assertThat(e.qtype()).isEqualTo(t.count(row, "qtype"));
      assertThat(e.qtypeName()).isEqualTo(t.text(row, "qtype_name"));
      assertThat(e.rcode()).isEqualTo(t.count(row, "rcode"));
      assertThat(e.rcodeName()).isEqualTo(t.text(row, "rcode_name"));
      assertThat(e.authoritative()).isEqualTo(t.bool(row, "AA"));
      assertThat(e.recursionDesired()).isEqualTo(t.bool(row, "RD"));
      assertThat(e.recursionAvailable()).isEqualTo(t.bool(row, "RA"));
      assertThat(e.answers()).isEqualTo(t.set(row, "answers"));
      List<String> ttls = t.set(row, "TTLs");
      assertThat(e.ttls()).isEqualTo(ttls == null ? null : ttls.stream().map(Double::valueOf).toList());
      assertThat(e.rejected()).isEqualTo(t.bool(row, "rejected"));
      withAnswers += e.answers() != null && !e.answers().isEmpty() ? 1 : 0;
    }
    assertThat(withAnswers).isPositive();
  }

  @Test
  void http_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_03/http.log");
    HttpEvent e = read(t, HttpEvent.class).get(0);
    assertThat(e.ts()).isEqualTo(t.micros(0, "ts"));
    assertThat(e.uid()).isEqualTo(t.text(0, "uid"));
    assertThat(e.id()).isEqualTo(flow(t, 0));
    assertThat(e.transDepth()).isEqualTo(t.count(0, "trans_depth"));
    assertThat(e.method()).isEqualTo(t.text(0, "method"));
    assertThat(e.host()).isEqualTo(t.text(0, "host"));
    assertThat(e.uri()).isEqualTo(t.text(0, "uri"));
    assertThat(e.referrer()).isEqualTo(t.text(0, "referrer"));
    assertThat(e.version()).isEqualTo(t.text(0, "version"));
    assertThat(e.userAgent()).isEqualTo(t.text(0, "user_agent"));
    assertThat(e.requestBodyLen()).isEqualTo(t.count(0, "request_body_len"));
    assertThat(e.responseBodyLen()).isEqualTo(t.count(0, "response_body_len"));
    assertThat(e.statusCode()).isEqualTo(t.count(0, "status_code"));
    assertThat(e.statusMsg()).isEqualTo(t.text(0, "status_msg"));
    assertThat(e.username()).isEqualTo(t.text(0, "username"));
    assertThat(e.respMimeTypes()).isEqualTo(t.set(0, "resp_mime_types"));
  }

  @Test
  void ssl_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_01/ssl.log");
    SslEvent e = read(t, SslEvent.class).get(0);
    assertThat(e.ts()).isEqualTo(t.micros(0, "ts"));
    assertThat(e.uid()).isEqualTo(t.text(0, "uid"));
    assertThat(e.id()).isEqualTo(flow(t, 0));
    assertThat(e.version()).isEqualTo(t.text(0, "version"));
    assertThat(e.cipher()).isEqualTo(t.text(0, "cipher"));
    assertThat(e.serverName()).isEqualTo(t.text(0, "server_name"));
    assertThat(e.resumed()).isEqualTo(t.bool(0, "resumed"));
    assertThat(e.established()).isEqualTo(t.bool(0, "established"));
    assertThat(e.subject()).isNull();
    assertThat(e.ja3()).isNull();
  }

  @Test
  void x509_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_01/x509.log");
    X509Event e = read(t, X509Event.class).get(0);
    assertThat(e.ts()).isEqualTo(t.micros(0, "ts"));
    assertThat(e.fingerprint()).isEqualTo(t.text(0, "fingerprint"));
    assertThat(e.fileId()).isNull();
    assertThat(e.certVersion()).isEqualTo(t.count(0, "certificate.version"));
    assertThat(e.serial()).isEqualTo(t.text(0, "certificate.serial"));
    assertThat(e.subject()).isEqualTo(t.text(0, "certificate.subject"));
    assertThat(e.issuer()).isEqualTo(t.text(0, "certificate.issuer"));
    assertThat(e.notValidBefore()).isEqualTo(t.micros(0, "certificate.not_valid_before"));
    assertThat(e.notValidAfter()).isEqualTo(t.micros(0, "certificate.not_valid_after"));
    assertThat(e.keyAlg()).isEqualTo(t.text(0, "certificate.key_alg"));
    assertThat(e.sigAlg()).isEqualTo(t.text(0, "certificate.sig_alg"));
    assertThat(e.keyType()).isEqualTo(t.text(0, "certificate.key_type"));
    assertThat(e.keyLength()).isEqualTo(t.count(0, "certificate.key_length"));
    assertThat(e.sanDns()).isEqualTo(t.set(0, "san.dns"));
    assertThat(e.basicConstraintsCa()).isEqualTo(t.bool(0, "basic_constraints.ca"));
  }

  @Test
  void files_newLayout_sendsFromResponderWhenNotOrig() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_03/files.log");
    FileEvent e = read(t, FileEvent.class).get(0);
    assertThat(e.ts()).isEqualTo(t.micros(0, "ts"));
    assertThat(e.fileId()).isEqualTo(t.text(0, "fuid"));
    assertThat(e.uid()).isEqualTo(t.text(0, "uid"));
    assertThat(t.bool(0, "is_orig")).isFalse();
    assertThat(e.txHosts()).containsExactly(t.text(0, "id.resp_h"));
    assertThat(e.rxHosts()).containsExactly(t.text(0, "id.orig_h"));
    assertThat(e.source()).isEqualTo(t.text(0, "source"));
    assertThat(e.mimeType()).isEqualTo(t.text(0, "mime_type"));
    assertThat(e.filename()).isEqualTo(t.text(0, "filename"));
    assertThat(e.isOrig()).isEqualTo(t.bool(0, "is_orig"));
    assertThat(e.seenBytes()).isEqualTo(t.count(0, "seen_bytes"));
    assertThat(e.totalBytes()).isEqualTo(t.count(0, "total_bytes"));
    assertThat(e.md5()).isEqualTo(t.text(0, "md5"));
    assertThat(e.sha256()).isEqualTo(t.text(0, "sha256"));
  }

  @Test
  void smbFiles_decodesEscapedBackslashes() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.smb.smb2/smb_files.log");
    List<SmbFileEvent> events = read(t, SmbFileEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      SmbFileEvent e = events.get(row);
      assertThat(e.ts()).isEqualTo(Event.NO_TIME);
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.fileId()).isEqualTo(t.text(row, "fuid"));
      assertThat(e.action()).isEqualTo(t.text(row, "action"));
      assertThat(e.path()).isEqualTo(t.text(row, "path"));
      assertThat(e.name()).isEqualTo(t.text(row, "name"));
      assertThat(e.size()).isEqualTo(t.count(row, "size"));
      assertThat(e.prevName()).isEqualTo(t.text(row, "prev_name"));
    }
    assertThat(events.get(0).path()).isEqualTo("\\\\10.0.0.12\\smb2");
  }

  @Test
  void smbMapping_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_03/smb_mapping.log");
    SmbMappingEvent e = read(t, SmbMappingEvent.class).get(0);
    assertThat(e.ts()).isEqualTo(t.micros(0, "ts"));
    assertThat(e.uid()).isEqualTo(t.text(0, "uid"));
    assertThat(e.id()).isEqualTo(flow(t, 0));
    assertThat(e.path()).isEqualTo(t.text(0, "path"));
    assertThat(e.service()).isEqualTo(t.text(0, "service"));
    assertThat(e.nativeFileSystem()).isEqualTo(t.text(0, "native_file_system"));
    assertThat(e.shareType()).isEqualTo(t.text(0, "share_type"));
  }

  @Test
  void dceRpc_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.dce-rpc.context/dce_rpc.log");
    List<DceRpcEvent> events = read(t, DceRpcEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      DceRpcEvent e = events.get(row);
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(Double.valueOf(e.rtt())).isEqualTo(Double.valueOf(t.interval(row, "rtt")));
      assertThat(e.namedPipe()).isEqualTo(t.text(row, "named_pipe"));
      assertThat(e.endpoint()).isEqualTo(t.text(row, "endpoint"));
      assertThat(e.operation()).isEqualTo(t.text(row, "operation"));
    }
    assertThat(events.get(0).namedPipe()).isEqualTo("\\PIPE\\drsuapi");
  }

  @Test
  void rdp_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.rdp.rdp-to-ssl/rdp.log");
    RdpEvent e = read(t, RdpEvent.class).get(0);
    assertThat(e.uid()).isEqualTo(t.text(0, "uid"));
    assertThat(e.id()).isEqualTo(flow(t, 0));
    assertThat(e.cookie()).isEqualTo(t.text(0, "cookie"));
    assertThat(e.result()).isEqualTo(t.text(0, "result"));
    assertThat(e.securityProtocol()).isEqualTo(t.text(0, "security_protocol"));
    assertThat(e.clientName()).isEqualTo(t.text(0, "client_name"));
    assertThat(e.clientBuild()).isEqualTo(t.text(0, "client_build"));
    assertThat(e.keyboardLayout()).isEqualTo(t.text(0, "keyboard_layout"));
  }

  @Test
  void ldap_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.ldap.sasl-signed-clear/ldap.log");
    List<LdapEvent> events = read(t, LdapEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      LdapEvent e = events.get(row);
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.messageId()).isEqualTo(t.count(row, "message_id"));
      assertThat(e.version()).isEqualTo(t.count(row, "version"));
      assertThat(e.opcode()).isEqualTo(t.text(row, "opcode"));
      assertThat(e.result()).isEqualTo(t.text(row, "result"));
      assertThat(e.diagnosticMessage()).isEqualTo(t.text(row, "diagnostic_message"));
      assertThat(e.object()).isEqualTo(t.text(row, "object"));
      assertThat(e.argument()).isEqualTo(t.text(row, "argument"));
    }
    assertThat(events.get(0).opcode()).isEqualTo("bind SASL");
    assertThat(events.get(3).version()).isEqualTo(Event.UNSET);
  }

  @Test
  void ldapSearch_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.ldap.sasl-signed-clear/ldap_search.log");
    List<LdapSearchEvent> events = read(t, LdapSearchEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      LdapSearchEvent e = events.get(row);
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.messageId()).isEqualTo(t.count(row, "message_id"));
      assertThat(e.scope()).isEqualTo(t.text(row, "scope"));
      assertThat(e.derefAliases()).isEqualTo(t.text(row, "deref_aliases"));
      assertThat(e.baseObject()).isEqualTo(t.text(row, "base_object"));
      assertThat(e.resultCount()).isEqualTo(t.count(row, "result_count"));
      assertThat(e.result()).isEqualTo(t.text(row, "result"));
      assertThat(e.diagnosticMessage()).isEqualTo(t.text(row, "diagnostic_message"));
      assertThat(e.filter()).isEqualTo(t.text(row, "filter"));
    }
    assertThat(events.get(4).filter()).isEqualTo("(objectCategory=pKIEnrollmentService)");
    assertThat(events.get(14).result()).isEqualTo("no such object");
  }

  @Test
  void kerberos_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_03/kerberos.log");
    List<KerberosEvent> events = read(t, KerberosEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      KerberosEvent e = events.get(row);
      assertThat(e.ts()).isEqualTo(t.micros(row, "ts"));
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.requestType()).isEqualTo(t.text(row, "request_type"));
      assertThat(e.client()).isEqualTo(t.text(row, "client"));
      assertThat(e.service()).isEqualTo(t.text(row, "service"));
      assertThat(e.success()).isEqualTo(t.bool(row, "success"));
      assertThat(e.errorMsg()).isEqualTo(t.text(row, "error_msg"));
      assertThat(e.cipher()).isEqualTo(t.text(row, "cipher"));
    }
  }

  @Test
  void ntlm_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.dce-rpc.mapi/ntlm.log");
    NtlmEvent e = read(t, NtlmEvent.class).get(0);
    assertThat(e.uid()).isEqualTo(t.text(0, "uid"));
    assertThat(e.id()).isEqualTo(flow(t, 0));
    assertThat(e.username()).isEqualTo(t.text(0, "username"));
    assertThat(e.hostname()).isEqualTo(t.text(0, "hostname"));
    assertThat(e.domainname()).isEqualTo(t.text(0, "domainname"));
    assertThat(e.serverNbComputerName()).isEqualTo(t.text(0, "server_nb_computer_name"));
    assertThat(e.serverDnsComputerName()).isEqualTo(t.text(0, "server_dns_computer_name"));
    assertThat(e.success()).isEqualTo(t.bool(0, "success"));
  }

  @Test
  void dhcp_newLayout_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.protocols.dhcp.dhcp-sub-opts/dhcp.log");
    DhcpEvent e = read(t, DhcpEvent.class).get(0);
    assertThat(e.uids()).isEqualTo(t.set(0, "uids"));
    assertThat(e.uid()).isEqualTo(t.set(0, "uids").get(0));
    assertThat(e.clientAddr()).isEqualTo(t.text(0, "client_addr"));
    assertThat(e.serverAddr()).isEqualTo(t.text(0, "server_addr"));
    assertThat(e.mac()).isEqualTo(t.text(0, "mac"));
    assertThat(e.hostName()).isEqualTo(t.text(0, "host_name"));
    assertThat(e.clientFqdn()).isEqualTo(t.text(0, "client_fqdn"));
    assertThat(e.domain()).isEqualTo(t.text(0, "domain"));
    assertThat(e.assignedAddr()).isEqualTo(t.text(0, "assigned_addr"));
    assertThat(Double.valueOf(e.leaseTime())).isEqualTo(Double.valueOf(t.interval(0, "lease_time")));
    assertThat(e.msgTypes()).isEqualTo(t.set(0, "msg_types"));
  }

  @Test
  void software_joinsVersionParts() {
    ZeekText t = new ZeekText("/zeek/btest/scripts.policy.frameworks.software.version-changes/software.log");
    List<SoftwareEvent> events = read(t, SoftwareEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      SoftwareEvent e = events.get(row);
      assertThat(e.host()).isEqualTo(t.text(row, "host"));
      assertThat(e.hostPort()).isEqualTo((int) t.count(row, "host_p"));
      assertThat(e.softwareType()).isEqualTo(t.text(row, "software_type"));
      assertThat(e.name()).isEqualTo(t.text(row, "name"));
      assertThat(e.version()).isEqualTo(t.text(row, "version.major") + "." + t.text(row, "version.minor") + "."
          + t.text(row, "version.minor2"));
      assertThat(e.unparsedVersion()).isEqualTo(t.text(row, "unparsed_version"));
    }
  }

  @Test
  void notice_withoutConnection_hasNoFlow() {
    ZeekText t = new ZeekText("/zeek/btest/core.pcap.filter-warning/notice.log");
    NoticeEvent e = read(t, NoticeEvent.class).get(0);
    assertThat(e.ts()).isEqualTo(t.micros(0, "ts"));
    assertThat(e.uid()).isNull();
    assertThat(e.id()).isNull();
    assertThat(e.note()).isEqualTo(t.text(0, "note"));
    assertThat(e.msg()).isEqualTo(t.text(0, "msg"));
    assertThat(e.sub()).isEqualTo(t.text(0, "sub"));
    assertThat(e.src()).isEqualTo(t.text(0, "src"));
    assertThat(e.dst()).isEqualTo(t.text(0, "dst"));
    assertThat(e.port()).isEqualTo(t.count(0, "p"));
  }

  @Test
  void weird_matchesFileText() {
    ZeekText t = new ZeekText("/zeek/mordor/campaign_03/weird.log");
    List<WeirdEvent> events = read(t, WeirdEvent.class);
    for (int row = 0; row < t.rows.size(); row++) {
      WeirdEvent e = events.get(row);
      assertThat(e.ts()).isEqualTo(t.micros(row, "ts"));
      assertThat(e.uid()).isEqualTo(t.text(row, "uid"));
      assertThat(e.id()).isEqualTo(flow(t, row));
      assertThat(e.name()).isEqualTo(t.text(row, "name"));
      assertThat(e.addl()).isEqualTo(t.text(row, "addl"));
      assertThat(e.notice()).isEqualTo(t.bool(row, "notice"));
      assertThat(e.peer()).isEqualTo(t.text(row, "peer"));
    }
  }

  @Test
  void multiCharacterSeparator_andEscapedSeparatorInValues_parse() {
    IngestReport report = new IngestReport(TimeWindow.FROM_EPOCH);
    ZeekText t = new ZeekText("/zeek/btest/scripts.base.frameworks.logging.ascii-escape/ssh.log");
    LogReader.readFile(t.path, e -> { }, report);
    assertThat(report.totalMalformed()).isZero();
    assertThat(report.records(LogType.SSH)).isEqualTo(5);
  }
}
