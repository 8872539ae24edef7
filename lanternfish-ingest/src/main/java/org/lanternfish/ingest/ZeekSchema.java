package org.lanternfish.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/**
 * The fields Lanternfish reads from one Zeek log type, each with the kind of value it expects, and the function that
 * turns a {@link Row} of them into an event. Fields are addressed by their index in {@link #names()}; logs that carry
 * extra columns or lack optional ones map by name, so layouts of different Zeek versions share one schema.
 */
final class ZeekSchema {
  /** What a field holds, which decides the Zeek types a {@code #types} header may declare for it. */
  enum Kind {
    TIME, INTERVAL, COUNT, PORT, BOOL, ADDR, TEXT, SYMBOL, TEXTS, INTERVALS;

    static Kind of(char code) {
      return switch (code) {
        case 't' -> TIME;
        case 'i' -> INTERVAL;
        case 'c' -> COUNT;
        case 'p' -> PORT;
        case 'b' -> BOOL;
        case 'a' -> ADDR;
        case 's' -> TEXT;
        case 'y' -> SYMBOL;
        case 'S' -> TEXTS;
        case 'I' -> INTERVALS;
        default -> throw new IllegalArgumentException("unknown field kind " + code);
      };
    }

    /** True when a column declared with Zeek type {@code zeekType} can be read as this kind. */
    boolean accepts(String zeekType) {
      boolean container = zeekType.startsWith("set[") || zeekType.startsWith("vector[");
      if (container) {
        if (!zeekType.endsWith("]")) {
          return false;
        }
        String element = zeekType.substring(zeekType.indexOf('[') + 1, zeekType.length() - 1);
        return switch (this) {
          // A text field another Zeek version declares as a set still reads, as its joined text.
          case TEXTS, TEXT, SYMBOL -> SCALARS.contains(element);
          case INTERVALS -> element.equals("interval") || element.equals("double") || element.equals("count");
          default -> false;
        };
      }
      return switch (this) {
        case TIME -> zeekType.equals("time") || zeekType.equals("double");
        case INTERVAL -> zeekType.equals("interval") || zeekType.equals("double");
        case COUNT -> zeekType.equals("count") || zeekType.equals("int");
        case PORT -> zeekType.equals("port") || zeekType.equals("count");
        case BOOL -> zeekType.equals("bool");
        case ADDR -> zeekType.equals("addr");
        case TEXT, SYMBOL -> SCALARS.contains(zeekType);
        case TEXTS, INTERVALS -> false;
      };
    }
  }

  private static final java.util.Set<String> SCALARS = java.util.Set.of(
      "bool", "count", "int", "double", "time", "interval", "string", "pattern", "enum", "port", "addr", "subnet",
      "func", "file");

  /** True when {@code type} is a type Zeek writes, scalar or container, such as {@code count} or {@code set[addr]}. */
  static boolean isZeekType(String type) {
    if (type.endsWith("]")) {
      int open = type.indexOf('[');
      String container = open < 0 ? "" : type.substring(0, open);
      return (container.equals("set") || container.equals("vector") || container.equals("table"))
          && SCALARS.contains(type.substring(open + 1, type.length() - 1));
    }
    return SCALARS.contains(type);
  }

  private static final Map<String, ZeekSchema> BY_LOG = new HashMap<>();

  private static final String FLOW = "ts:t uid:s id.orig_h:a id.orig_p:p id.resp_h:a id.resp_p:p ";

  static {
    add(LogType.CONN, FLOW + "proto:y service:y duration:i orig_bytes:c resp_bytes:c conn_state:y local_orig:b "
        + "local_resp:b missed_bytes:c history:y orig_pkts:c orig_ip_bytes:c resp_pkts:c resp_ip_bytes:c "
        + "tunnel_parents:S orig_l2_addr:y resp_l2_addr:y community_id:s", ZeekRecords::conn);
    add(LogType.DNS, FLOW + "proto:y trans_id:c rtt:i query:s qtype:c qtype_name:y rcode:c rcode_name:y AA:b RD:b "
        + "RA:b answers:S TTLs:I rejected:b", ZeekRecords::dns);
    add(LogType.HTTP, FLOW + "trans_depth:c method:y host:s uri:s referrer:s version:y user_agent:s "
        + "request_body_len:c response_body_len:c status_code:c status_msg:y username:s resp_mime_types:S",
        ZeekRecords::http);
    add(LogType.SSL, FLOW + "version:y cipher:y server_name:s resumed:b established:b subject:s issuer:s ja3:s "
        + "ja3s:s validation_status:s", ZeekRecords::ssl);
    add(LogType.X509, "ts:t fingerprint:s id:s fuid:s certificate.version:c certificate.serial:s "
        + "certificate.subject:s certificate.issuer:s certificate.not_valid_before:t certificate.not_valid_after:t "
        + "certificate.key_alg:y certificate.sig_alg:y certificate.key_type:y certificate.key_length:c san.dns:S "
        + "basic_constraints.ca:b", ZeekRecords::x509);
    add(LogType.FILES, FLOW + "fuid:s tx_hosts:S rx_hosts:S conn_uids:S source:y mime_type:y filename:s is_orig:b "
        + "seen_bytes:c total_bytes:c md5:s sha1:s sha256:s", ZeekRecords::files);
    add(LogType.SMB_FILES, FLOW + "fuid:s action:y path:s name:s size:c prev_name:s", ZeekRecords::smbFiles);
    add(LogType.SMB_MAPPING, FLOW + "path:s service:y native_file_system:y share_type:y", ZeekRecords::smbMapping);
    add(LogType.DCE_RPC, FLOW + "rtt:i named_pipe:y endpoint:y operation:y", ZeekRecords::dceRpc);
    add(LogType.RDP, FLOW + "cookie:s result:y security_protocol:y client_name:s client_build:y keyboard_layout:y",
        ZeekRecords::rdp);
    add(LogType.KERBEROS, FLOW + "request_type:y client:s service:s success:b error_msg:y cipher:y",
        ZeekRecords::kerberos);
    add(LogType.NTLM, FLOW + "username:s hostname:s domainname:s server_nb_computer_name:s "
        + "server_dns_computer_name:s success:b status:y", ZeekRecords::ntlm);
    add(LogType.LDAP, FLOW + "message_id:c version:c opcode:y result:y diagnostic_message:s object:s argument:s",
        ZeekRecords::ldap);
    add(LogType.LDAP_SEARCH, FLOW + "message_id:c scope:y deref_aliases:y base_object:s result_count:c result:y "
        + "diagnostic_message:s filter:s attributes:S", ZeekRecords::ldapSearch);
    add(LogType.SSH, FLOW + "version:c auth_success:b auth_attempts:c direction:y client:s server:s cipher_alg:y "
        + "mac_alg:y compression_alg:y kex_alg:y host_key_alg:y host_key:s hassh:s hasshServer:s", ZeekRecords::ssh);
    add(LogType.DHCP, FLOW + "uids:S client_addr:a server_addr:a mac:y host_name:s client_fqdn:s domain:s "
        + "assigned_addr:a assigned_ip:a lease_time:i msg_types:S", ZeekRecords::dhcp);
    add(LogType.SOFTWARE, "ts:t host:a host_p:p software_type:y name:s version.major:c version.minor:c "
        + "version.minor2:c version.minor3:c version.addl:s unparsed_version:s", ZeekRecords::software);
    add(LogType.NOTICE, FLOW + "note:y msg:s sub:s src:a dst:a p:p", ZeekRecords::notice);
    add(LogType.WEIRD, FLOW + "name:y addl:s notice:b peer:y", ZeekRecords::weird);
  }

  private final LogType type;
  private final String[] names;
  private final Kind[] kinds;
  private final Map<String, Integer> index = new HashMap<>();
  private final Function<Row, Event> mapper;

  private ZeekSchema(LogType type, String spec, Function<Row, Event> mapper) {
    this.type = type;
    String[] parts = spec.trim().split(" +");
    names = new String[parts.length];
    kinds = new Kind[parts.length];
    for (int i = 0; i < parts.length; i++) {
      int colon = parts[i].lastIndexOf(':');
      names[i] = parts[i].substring(0, colon);
      kinds[i] = Kind.of(parts[i].charAt(colon + 1));
      index.put(names[i], i);
    }
    this.mapper = mapper;
  }

  private static void add(LogType type, String spec, Function<Row, Event> mapper) {
    BY_LOG.put(type.logName(), new ZeekSchema(type, spec, mapper));
  }

  /** A field only one log type writes, in the order to try them, for JSON records that do not name their log. */
  private static final List<Map.Entry<String, String>> SIGNATURES = List.of(
      Map.entry("conn_state", "conn"), Map.entry("orig_ip_bytes", "conn"), Map.entry("qtype_name", "dns"),
      Map.entry("rcode_name", "dns"), Map.entry("trans_depth", "http"), Map.entry("certificate.subject", "x509"),
      Map.entry("share_type", "smb_mapping"), Map.entry("prev_name", "smb_files"), Map.entry("named_pipe", "dce_rpc"),
      Map.entry("security_protocol", "rdp"), Map.entry("request_type", "kerberos"),
      Map.entry("server_nb_computer_name", "ntlm"), Map.entry("msg_types", "dhcp"), Map.entry("assigned_ip", "dhcp"),
      Map.entry("software_type", "software"), Map.entry("seen_bytes", "files"), Map.entry("note", "notice"),
      Map.entry("server_name", "ssl"), Map.entry("ja3", "ssl"), Map.entry("addl", "weird"),
      Map.entry("auth_attempts", "ssh"), Map.entry("hassh", "ssh"));

  /** The log a record most likely belongs to, judged by a field only that log writes, or null. */
  static String guess(java.util.function.Predicate<String> hasField) {
    for (Map.Entry<String, String> signature : SIGNATURES) {
      if (hasField.test(signature.getKey())) {
        return signature.getValue();
      }
    }
    return null;
  }

  /** The schema of a Zeek log name such as {@code conn}, or null when Lanternfish skips that log. */
  static ZeekSchema forLog(String logName) {
    return logName == null ? null : BY_LOG.get(logName);
  }

  LogType type() {
    return type;
  }

  String[] names() {
    return names;
  }

  Kind kind(int field) {
    return kinds[field];
  }

  /** The index of a field name, or -1 when this schema does not read it. */
  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  Event map(Row row) {
    return mapper.apply(row);
  }
}
