package org.lanternfish.ingest.pcap;

/**
 * The tshark fields Lanternfish asks for, in column order of tshark's {@code -T fields} output.
 *
 * <p>One flat column list keeps tshark at its fastest output mode; every decoder reads the columns it
 * needs from the same line.
 */
enum Field {
  TIME("frame.time_epoch"),
  FRAME_LEN("frame.len"),
  PROTOCOLS("frame.protocols"),
  ETH_SRC("eth.src"),
  ETH_DST("eth.dst"),
  IP_SRC("ip.src"),
  IP_DST("ip.dst"),
  IP_PROTO("ip.proto"),
  IP_LEN("ip.len"),
  IPV6_SRC("ipv6.src"),
  IPV6_DST("ipv6.dst"),
  IPV6_NXT("ipv6.nxt"),
  IPV6_PLEN("ipv6.plen"),
  TCP_SRCPORT("tcp.srcport"),
  TCP_DSTPORT("tcp.dstport"),
  TCP_FLAGS("tcp.flags"),
  TCP_SEQ("tcp.seq_raw"),
  TCP_LEN("tcp.len"),
  UDP_SRCPORT("udp.srcport"),
  UDP_DSTPORT("udp.dstport"),
  UDP_LEN("udp.length"),
  ICMP_TYPE("icmp.type"),
  ICMP_CODE("icmp.code"),
  DNS_RESPONSE("dns.flags.response"),
  DNS_ID("dns.id"),
  DNS_QUERY("dns.qry.name"),
  DNS_QTYPE("dns.qry.type"),
  DNS_RCODE("dns.flags.rcode"),
  DNS_AA("dns.flags.authoritative"),
  DNS_RD("dns.flags.recdesired"),
  DNS_RA("dns.flags.recavail"),
  DNS_A("dns.a"),
  DNS_AAAA("dns.aaaa"),
  DNS_CNAME("dns.cname"),
  DNS_PTR("dns.ptr.domain_name"),
  DNS_TXT("dns.txt"),
  DNS_TTL("dns.resp.ttl"),
  HTTP_METHOD("http.request.method"),
  HTTP_URI("http.request.uri"),
  HTTP_VERSION("http.request.version"),
  HTTP_HOST("http.host"),
  HTTP_USER_AGENT("http.user_agent"),
  HTTP_REFERER("http.referer"),
  HTTP_STATUS("http.response.code"),
  HTTP_PHRASE("http.response.phrase"),
  HTTP_CONTENT_LENGTH("http.content_length_header"),
  HTTP_CHUNK_SIZE("http.chunk_size"),
  HTTP_CONTENT_TYPE("http.content_type"),
  TLS_HANDSHAKE_TYPE("tls.handshake.type"),
  TLS_RECORD_TYPE("tls.record.content_type"),
  TLS_VERSION("tls.handshake.version"),
  TLS_SUPPORTED_VERSION("tls.handshake.extensions.supported_version"),
  TLS_CIPHER("tls.handshake.ciphersuite"),
  TLS_SNI("tls.handshake.extensions_server_name"),
  TLS_JA3("tls.handshake.ja3"),
  TLS_JA3S("tls.handshake.ja3s"),
  SMB2_CMD("smb2.cmd"),
  SMB2_RESPONSE("smb2.flags.response"),
  SMB2_MSG_ID("smb2.msg_id"),
  SMB2_STATUS("smb2.nt_status"),
  SMB2_TREE("smb2.tree"),
  SMB2_SHARE_TYPE("smb2.share_type"),
  SMB2_FILENAME("smb2.filename"),
  SMB2_FID("smb2.fid"),
  SMB2_EOF("smb2.eof"),
  SMB2_WRITE_LENGTH("smb2.write_length"),
  SMB2_READ_LENGTH("smb2.read_length"),
  SMB2_DELETE_ON_CLOSE("smb.nt.create_options.delete_on_close"),
  SMB2_INFO_CLASS("smb2.class"),
  SMB2_INFO_LEVEL("smb2.file_info.infolevel"),
  SMB2_DISPOSITION_DELETE("smb2.disposition.delete_on_close"),
  DCERPC_TYPE("dcerpc.pkt_type"),
  DCERPC_CALL_ID("dcerpc.cn_call_id"),
  DCERPC_CTX_ID("dcerpc.cn_ctx_id"),
  DCERPC_CTX_ITEMS("dcerpc.cn_num_ctx_items"),
  DCERPC_UUID("dcerpc.cn_bind_to_uuid"),
  DCERPC_OPNUM("dcerpc.opnum"),
  DCERPC_SEC_ADDR("dcerpc.cn_sec_addr"),
  KRB_MSG_TYPE("kerberos.msg_type"),
  KRB_CNAME("kerberos.CNameString"),
  KRB_SNAME("kerberos.SNameString"),
  KRB_REALM("kerberos.realm"),
  KRB_CREALM("kerberos.crealm"),
  KRB_ERROR("kerberos.error_code"),
  KRB_ETYPE("kerberos.etype"),
  NTLM_TYPE("ntlmssp.messagetype"),
  NTLM_USER("ntlmssp.auth.username"),
  NTLM_DOMAIN("ntlmssp.auth.domain"),
  NTLM_HOST("ntlmssp.auth.hostname"),
  NTLM_SERVER_NB("ntlmssp.challenge.target_info.nb_computer_name"),
  NTLM_SERVER_DNS("ntlmssp.challenge.target_info.dns_computer_name"),
  LDAP_OP("ldap.protocolOp"),
  LDAP_MESSAGE_ID("ldap.messageID"),
  LDAP_BASE("ldap.baseObject"),
  LDAP_SCOPE("ldap.scope"),
  LDAP_FILTER_ATTRIBUTE("ldap.attributeDesc"),
  LDAP_FILTER_VALUE("ldap.assertionValue"),
  LDAP_FILTER_PRESENT("ldap.present"),
  LDAP_ATTRIBUTES("ldap.AttributeDescription"),
  LDAP_RESULT("ldap.resultCode"),
  RDP_COOKIE("rdp.rt_cookie"),
  RDP_REQUESTED("rdp.negReq.requestedProtocols"),
  RDP_SELECTED("rdp.negReq.selectedProtocol"),
  DHCP_TYPE("dhcp.option.dhcp"),
  DHCP_ID("dhcp.id"),
  DHCP_MAC("dhcp.hw.mac_addr"),
  DHCP_CLIENT("dhcp.ip.client"),
  DHCP_YOUR("dhcp.ip.your"),
  DHCP_REQUESTED("dhcp.option.requested_ip_address"),
  DHCP_HOSTNAME("dhcp.option.hostname"),
  DHCP_FQDN("dhcp.fqdn.name"),
  DHCP_DOMAIN("dhcp.option.domain_name"),
  DHCP_LEASE("dhcp.option.ip_address_lease_time");

  /** The separator tshark puts between several occurrences of one field in a packet. */
  static final char AGGREGATOR = '\u001f';

  private static final Field[] ALL = values();

  final String tsharkName;

  Field(String tsharkName) {
    this.tsharkName = tsharkName;
  }

  /** The number of columns in one output line. */
  static int count() {
    return ALL.length;
  }
}
