package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.LdapEvent;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.event.LogType;
import org.lanternfish.event.SshEvent;

/** The push-style parser as a tailer drives it: line by line, resumable, across formats and flavours. */
final class LogParserTest {
  private static final String CONN_HEADER = """
      #separator \\x09
      #set_separator\t,
      #empty_field\t(empty)
      #unset_field\t-
      #path\tconn
      #open\t2024-01-01-00-00-00
      #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttunnel_parents
      #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tset[string]
      """;

  private final List<Event> events = new ArrayList<>();
  private final IngestReport report = new IngestReport();

  private static void feed(LogParser parser, String text) {
    long number = 0;
    for (String line : text.split("\n")) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      parser.acceptLine(bytes, 0, bytes.length, ++number);
    }
  }

  @Test
  void resume_withKeptHeader_continuesMidFile() {
    LogParser first = new LogParser("conn.log", events::add, report);
    feed(first, CONN_HEADER + "1700000000.000001\tC1\t10.0.0.1\t1\t10.0.0.2\t80\ttcp\t(empty)\n");
    ZeekHeader header = first.header();
    assertThat(header.path()).isEqualTo("conn");
    assertThat(header.fields()).startsWith("ts", "uid", "id.orig_h");

    LogParser resumed = LogParser.resume("conn.log", header, events::add, report);
    feed(resumed, "1700000000.000002\tC2\t10.0.0.1\t2\t10.0.0.2\t80\ttcp\tCt1,Ct2\n");

    assertThat(events).extracting(Event::uid).containsExactly("C1", "C2");
    assertThat(((ConnEvent) events.get(1)).tunnelParents()).containsExactly("Ct1", "Ct2");
    assertThat(((ConnEvent) events.get(0)).tunnelParents()).isEmpty();
    assertThat(report.totalMalformed()).isZero();
  }

  @Test
  void concatenatedLogs_switchSchemaAtEachHeader() {
    String dns = """
        #separator \\x09
        #set_separator\t,
        #empty_field\t(empty)
        #unset_field\t-
        #path\tdns
        #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\tanswers
        #types\ttime\tstring\taddr\tport\taddr\tport\tstring\tvector[string]
        1700000001.5\tD1\t10.0.0.1\t5353\t10.0.0.53\t53\texample.com\t93.184.216.34,2606:2800:220:1::248
        #close\t2024-01-01-01-00-00
        """;
    feed(new LogParser("mixed.log", events::add, report),
        CONN_HEADER + "1700000000.25\tC1\t10.0.0.1\t1\t10.0.0.2\t80\ttcp\t-\n#close\tx\n" + dns);
    assertThat(events).extracting(Event::logType).containsExactly(LogType.CONN, LogType.DNS);
    DnsEvent d = (DnsEvent) events.get(1);
    assertThat(d.ts()).isEqualTo(1_700_000_001_500_000L);
    assertThat(d.answers()).containsExactly("93.184.216.34", "2606:2800:220:1::248");
    assertThat(((ConnEvent) events.get(0)).tunnelParents()).isNull();
  }

  @Test
  void oldFilesAndDhcpLayouts_mapOntoTheSameRecords() {
    feed(new LogParser("files.log", events::add, report), """
        #separator \\x09
        #path\tfiles
        #fields\tts\tfuid\ttx_hosts\trx_hosts\tconn_uids\tsource\tmime_type\tseen_bytes\tmd5
        #types\ttime\tstring\tset[addr]\tset[addr]\tset[string]\tstring\tstring\tcount\tstring
        1517336160.5\tFa1\t52.1.1.1\t10.0.0.5,10.0.0.6\tCx1,Cx2\tHTTP\ttext/html\t512\t0123abcd
        """);
    feed(new LogParser("dhcp.log", events::add, report), """
        #separator \\x09
        #path\tdhcp
        #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmac\tassigned_ip\tlease_time\ttrans_id
        #types\ttime\tstring\taddr\tport\taddr\tport\tstring\taddr\tinterval\tcount
        1517336160.5\tCd1\t10.0.0.5\t68\t10.0.0.1\t67\taa:bb:cc:dd:ee:ff\t10.0.0.5\t86400.000000\t77
        """);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    var file = (org.lanternfish.event.FileEvent) events.get(0);
    assertThat(file.uid()).isEqualTo("Cx1");
    assertThat(file.txHosts()).containsExactly("52.1.1.1");
    assertThat(file.rxHosts()).containsExactly("10.0.0.5", "10.0.0.6");
    assertThat(file.seenBytes()).isEqualTo(512);
    var dhcp = (org.lanternfish.event.DhcpEvent) events.get(1);
    assertThat(dhcp.uid()).isEqualTo("Cd1");
    assertThat(dhcp.uids()).containsExactly("Cd1");
    assertThat(dhcp.clientAddr()).isEqualTo("10.0.0.5");
    assertThat(dhcp.serverAddr()).isEqualTo("10.0.0.1");
    assertThat(dhcp.assignedAddr()).isEqualTo("10.0.0.5");
    assertThat(dhcp.mac()).isEqualTo("aa:bb:cc:dd:ee:ff");
    assertThat(dhcp.leaseTime()).isEqualTo(86400.0);
  }

  @Test
  void fileHosts_areCanonicalAddressesSharedWithOtherRecords_andABadOneLosesOnlyItsLine() {
    String header = """
        #separator \\x09
        #set_separator\t,
        #path\tfiles
        #fields\tts\tfuid\ttx_hosts\trx_hosts\tconn_uids\tsource
        #types\ttime\tstring\tset[addr]\tset[addr]\tset[string]\tstring
        """;
    feed(new LogParser("files.log", events::add, report), header
        + "1517336160.5\tFa1\t2001:DB8::0:1\t10.0.0.5,10.0.0.6\tCx1\tSMB\n"
        + "1517336161.5\tFa2\tnot-an-address\t10.0.0.5\tCx2\tSMB\n"
        + "1517336162.5\tFa3\t10.0.0.6\t10.0.0.5\tCx3\tSMB\n");
    assertThat(events).hasSize(2);
    var first = (org.lanternfish.event.FileEvent) events.get(0);
    var third = (org.lanternfish.event.FileEvent) events.get(1);
    assertThat(first.txHosts()).containsExactly("2001:db8::1");
    assertThat(first.rxHosts()).containsExactly("10.0.0.5", "10.0.0.6");
    assertThat(third.txHosts().get(0)).as("one instance per address").isSameAs(first.rxHosts().get(1));
    assertThat(report.malformed(Malformation.BAD_NUMBER)).isEqualTo(1);
    assertThat(report.samples(Malformation.BAD_NUMBER)).singleElement().asString()
        .startsWith("files.log:7: ").contains("not-an-address");
  }

  @Test
  void dnsAnswers_keepNamesAsText_andGiveAddressesCanonicalAndShared() {
    feed(new LogParser("dns.log", events::add, report), """
        #separator \\x09
        #set_separator\t,
        #path\tdns
        #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\tanswers\tTTLs
        #types\ttime\tstring\taddr\tport\taddr\tport\tstring\tvector[string]\tvector[interval]
        1517336160.5\tCd1\t10.0.0.5\t53000\t10.0.0.1\t53\twww.example.com\tcdn.example.net,93.184.216.34,2001:DB8::0:1\t60.0,60.0,60.0
        1517336161.5\tCd2\t10.0.0.5\t53001\t10.0.0.1\t53\tintranet.corp\t10.0.0.1\t300.0
        """);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    var first = (org.lanternfish.event.DnsEvent) events.get(0);
    var second = (org.lanternfish.event.DnsEvent) events.get(1);
    assertThat(first.answers()).containsExactly("cdn.example.net", "93.184.216.34", "2001:db8::1");
    assertThat(first.ttls()).containsExactly(60.0, 60.0, 60.0);
    assertThat(second.answers().get(0)).as("the same instance as the flow's address").isSameAs(second.id().respHost());
  }

  @Test
  void ipv6_isWrittenInOneCanonicalForm() {
    feed(new LogParser("conn.log", events::add, report),
        CONN_HEADER + "1700000000.1\tC1\t2001:DB8:0:0:0:0:0:1\t1\t::ffff:10.0.0.2\t80\ttcp\t-\n");
    ConnEvent c = (ConnEvent) events.get(0);
    assertThat(c.id().origHost()).isEqualTo("2001:db8::1");
    assertThat(c.id().respHost()).isEqualTo("::ffff:10.0.0.2");
  }

  @Test
  void zeekJson_dottedUnderscoreAndNestedKeys_isoAndEpochTimes_allRead() {
    feed(new LogParser("/var/log/zeek/sensor1_conn.log", events::add, report), """
        {"ts":1700000000.123456,"uid":"J1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80,"proto":"tcp","_node_name":"n1"}
        {"ts":"2023-11-14T22:13:20.123456Z","uid":"J2","id_orig_h":"10.0.0.1","id_orig_p":2,"id_resp_h":"10.0.0.2","id_resp_p":80,"@stream":"conn"}
        {"ts":1700000000.5,"uid":"J3","id":{"orig_h":"10.0.0.3","orig_p":3,"resp_h":"10.0.0.2","resp_p":443},"_write_ts":"x"}
        {"_path":"http","ts":1700000001,"uid":"J4","id.orig_h":"10.0.0.1","id.orig_p":4,"id.resp_h":"10.0.0.2","id.resp_p":80,"method":"GET","resp_mime_types":["text/html"]}
        {"_path":"tunnel","ts":1700000002,"uid":"J5"}
        """);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).extracting(Event::uid).containsExactly("J1", "J2", "J3", "J4");
    assertThat(events.get(0).ts()).isEqualTo(1_700_000_000_123_456L);
    assertThat(events.get(1).ts()).isEqualTo(1_700_000_000_123_456L);
    assertThat(((ConnEvent) events.get(1)).id().origPort()).isEqualTo(2);
    assertThat(((ConnEvent) events.get(2)).id().origHost()).isEqualTo("10.0.0.3");
    assertThat(((HttpEvent) events.get(3)).respMimeTypes()).containsExactly("text/html");
    assertThat(report.skippedTypes()).containsEntry("tunnel", 1L);
  }

  @Test
  void zeekJson_withoutPathOrTellingFileName_isRecognisedByItsFields() {
    feed(new LogParser("export-0001.ndjson", events::add, report), """
        {"ts":1700000000.1,"uid":"G1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80,"conn_state":"SF"}
        {"ts":1700000000.2,"uid":"G2","id.orig_h":"10.0.0.1","id.orig_p":2,"id.resp_h":"10.0.0.53","id.resp_p":53,"query":"a.example","qtype_name":"A"}
        {"ts":1700000000.3,"uid":"G3","id.orig_h":"10.0.0.1","id.orig_p":3,"id.resp_h":"10.0.0.2","id.resp_p":22,"auth_success":true}
        """);
    assertThat(events).extracting(Event::logType).containsExactly(LogType.CONN, LogType.DNS);
    assertThat(report.skippedTypes()).containsEntry("export", 1L);
  }

  @Test
  void zeekJsonLdap_readsSearchesAndOperations() {
    feed(new LogParser("ldap_search.json", events::add, report), """
        {"ts":1700000000.5,"uid":"L1","id.orig_h":"10.0.0.7","id.orig_p":50123,"id.resp_h":"10.0.0.4","id.resp_p":389,"message_id":7,"scope":"tree","deref_aliases":"never","base_object":"DC=corp,DC=example","result_count":3,"result":"success","filter":"(&(objectCategory=group)(adminCount=1))","attributes":["member","nTSecurityDescriptor"]}
        """);
    feed(new LogParser("ldap.json", events::add, report), """
        {"ts":1700000000.4,"uid":"L1","id.orig_h":"10.0.0.7","id.orig_p":50123,"id.resp_h":"10.0.0.4","id.resp_p":389,"message_id":3,"version":3,"opcode":"bind simple","result":"success","object":"CN=svc-scan,OU=Service,DC=corp,DC=example"}
        """);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).extracting(Event::logType).containsExactly(LogType.LDAP_SEARCH, LogType.LDAP);
    LdapSearchEvent search = (LdapSearchEvent) events.get(0);
    assertThat(search.filter()).isEqualTo("(&(objectCategory=group)(adminCount=1))");
    assertThat(search.attributes()).containsExactly("member", "nTSecurityDescriptor");
    assertThat(search.resultCount()).isEqualTo(3);
    assertThat(((LdapEvent) events.get(1)).object()).isEqualTo("CN=svc-scan,OU=Service,DC=corp,DC=example");
  }

  @Test
  void zeekSsh_readsTsvAndJson_withAndWithoutTheAuthenticationVerdict() {
    feed(new LogParser("ssh.log", events::add, report), """
        #separator \\x09
        #set_separator\t,
        #empty_field\t(empty)
        #unset_field\t-
        #path\tssh
        #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tauth_success\tauth_attempts\tdirection\tclient\tserver\tcipher_alg\tmac_alg\tcompression_alg\tkex_alg\thost_key_alg\thost_key\thassh\thasshServer
        #types\ttime\tstring\taddr\tport\taddr\tport\tcount\tbool\tcount\tenum\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring\tstring
        1700000000.5\tS1\t10.0.0.7\t50123\t10.0.0.4\t22\t2\tF\t6\t-\tSSH-2.0-libssh2_1.9.0\tSSH-2.0-OpenSSH_8.9\taes128-ctr\thmac-sha2-256\tnone\tcurve25519-sha256\tssh-ed25519\t3c:aa\tb12d2871a1189eff20364cf5333619ee\t-
        """);
    feed(new LogParser("ssh.json", events::add, report), """
        {"ts":1663683561.702855,"uid":"S2","id.orig_h":"10.0.83.193","id.orig_p":33728,"id.resp_h":"172.16.1.49","id.resp_p":22,"auth_attempts":0,"direction":"INBOUND","client":"SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5"}
        """);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).extracting(Event::logType).containsExactly(LogType.SSH, LogType.SSH);
    SshEvent tsv = (SshEvent) events.get(0);
    assertThat(tsv.authSuccess()).isFalse();
    assertThat(tsv.authAttempts()).isEqualTo(6);
    assertThat(tsv.client()).isEqualTo("SSH-2.0-libssh2_1.9.0");
    assertThat(tsv.hassh()).isEqualTo("b12d2871a1189eff20364cf5333619ee");
    assertThat(tsv.id().respPort()).isEqualTo(22);
    SshEvent json = (SshEvent) events.get(1);
    assertThat(json.authSuccess()).isNull();
    assertThat(json.direction()).isEqualTo("INBOUND");
    assertThat(json.client()).isEqualTo("SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5");
  }

  @Test
  void eveDceRpc_namesOperationsFromTheBindOfItsFlow() {
    feed(new LogParser("eve.json", events::add, report), """
        {"timestamp":"2024-01-01T00:00:00.000000+0000","flow_id":9,"event_type":"dcerpc","src_ip":"10.0.0.9","src_port":50000,"dest_ip":"10.0.0.4","dest_port":49667,"proto":"TCP","dcerpc":{"request":"BIND","response":"BINDACK","interfaces":[{"uuid":"e3514235-4b06-11d1-ab04-00c04fc2dcd2","version":"4.0","ack_result":0}]}}
        {"timestamp":"2024-01-01T00:00:01.000000+0000","flow_id":9,"event_type":"dcerpc","src_ip":"10.0.0.9","src_port":50000,"dest_ip":"10.0.0.4","dest_port":49667,"proto":"TCP","dcerpc":{"request":"REQUEST","response":"RESPONSE","req":{"opnum":3,"frag_cnt":1}}}
        {"timestamp":"2024-01-01T00:00:02.000000+0000","flow_id":10,"event_type":"dcerpc","src_ip":"10.0.0.9","src_port":50001,"dest_ip":"10.0.0.4","dest_port":49667,"proto":"TCP","dcerpc":{"request":"REQUEST","req":{"opnum":3}}}
        """);
    assertThat(report.totalMalformed()).isZero();
    assertThat(events).hasSize(2);
    var dcsync = (org.lanternfish.event.DceRpcEvent) events.get(0);
    assertThat(dcsync.endpoint()).isEqualTo("drsuapi");
    assertThat(dcsync.operation()).isEqualTo("DRSGetNCChanges");
    assertThat(dcsync.uid()).isEqualTo("9");
    var unbound = (org.lanternfish.event.DceRpcEvent) events.get(1);
    assertThat(unbound.endpoint()).isNull();
    assertThat(unbound.operation()).isEqualTo("unknown-3");
  }

  @Test
  void crlfLineEndings_andIndentedHeader_areTolerated() {
    String text = ("\t" + CONN_HEADER + "1700000000.1\tC1\t10.0.0.1\t1\t10.0.0.2\t80\ttcp\t-\n").replace("\n", "\r\n");
    feed(new LogParser("conn.log", events::add, report), text);
    assertThat(report.totalMalformed()).isZero();
    assertThat(events).extracting(Event::uid).containsExactly("C1");
  }

  @Test
  void maskedBtestTimes_readAsNoTime_inTsvAndJson() {
    feed(new LogParser("conn.log", events::add, report),
        CONN_HEADER + "XXXXXXXXXX.XXXXXX\tC1\t10.0.0.1\t1\t10.0.0.2\t80\ttcp\t-\n");
    feed(new LogParser("conn.log", events::add, report), "### BTest baseline data\n"
        + "{\"ts\":XXXXXXXXXX.XXXXXX,\"uid\":\"J1\",\"id.orig_h\":\"10.0.0.1\"}\n");
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).extracting(Event::uid).containsExactly("C1", "J1");
    assertThat(events).allSatisfy(e -> assertThat(e.ts()).isEqualTo(Event.NO_TIME));
  }

  @Test
  void byteOrderMark_beforeTheFirstLine_isIgnored() {
    feed(new LogParser("conn.log", events::add, report), "\uFEFF" + CONN_HEADER
        + "1700000000.1\tC1\t10.0.0.1\t1\t10.0.0.2\t80\ttcp\t-\n");
    assertThat(report.rejectedFiles()).isEmpty();
    assertThat(events).extracting(Event::uid).containsExactly("C1");
  }

  @Test
  void kafkaWrapped_zeekRecordsKeyedByTheirLogName_readAsThatLog() {
    feed(new LogParser("zeek-kafka.json", events::add, report), """
        {"conn": {"ts": 1700000000.5, "uid": "C1", "id.orig_h": "10.0.0.1", "id.orig_p": 50000, \
        "id.resp_h": "10.0.0.2", "id.resp_p": 445, "proto": "tcp"}}
        { "dns" : {"ts":1700000001.0,"uid":"D1","id":{"orig_h":"10.0.0.1","orig_p":5353,"resp_h":"10.0.0.53",\
        "resp_p":53},"query":"example.com"}}
        {"loaded_scripts": {"name": "base/init.zeek"}}
        {"ts": 1700000002.0, "uid": "C2", "id.orig_h": "10.0.0.1", "id.orig_p": 1, "id.resp_h": "10.0.0.2", \
        "id.resp_p": 80, "_path": "conn"}
        {"conn": {"ts": 1700000003.0, "uid": "C3"}, "dns": {"ts": 1700000003.0}}
        """);
    assertThat(events).extracting(Event::uid).containsExactly("C1", "D1", "C2");
    assertThat(events).extracting(Event::logType).containsExactly(LogType.CONN, LogType.DNS, LogType.CONN);
    assertThat(((DnsEvent) events.get(1)).query()).isEqualTo("example.com");
    assertThat(report.skippedTypes()).containsKey("loaded_scripts");
    assertThat(report.malformed(Malformation.BAD_JSON)).isEqualTo(1);
    assertThat(report.samples(Malformation.BAD_JSON).get(0)).contains("more than one record in a conn wrapper");
  }

  @Test
  void wrapped_looksOnlyAtTheFirstValue() {
    assertThat(LogParser.wrapped(bytes("{\"conn\": {\"ts\": 1}}"), 0, 19)).isTrue();
    assertThat(LogParser.wrapped(bytes("{\"ts\": 1, \"conn\": {}}"), 0, 22)).isFalse();
    assertThat(LogParser.wrapped(bytes("{\"id\": [{}]}"), 0, 13)).isFalse();
    assertThat(LogParser.wrapped(bytes("{\"a b\": {}}"), 0, 12)).isFalse();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
