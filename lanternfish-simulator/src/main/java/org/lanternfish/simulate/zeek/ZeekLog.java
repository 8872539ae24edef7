package org.lanternfish.simulate.zeek;

import java.util.List;
import java.util.Locale;

/**
 * The Zeek logs the simulator writes, each with the field names and types of a current Zeek release.
 *
 * <p>Field lists follow Zeek 7/8 defaults plus the common policy scripts a security team loads (site-local
 * networks for {@code local_orig}, certificate validation, file hashes).
 */
public enum ZeekLog {
  CONN(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state"
          + " local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes"
          + " tunnel_parents ip_proto",
      "time string addr port addr port enum string interval count count string bool bool count string count count"
          + " count count set[string] count"),
  DNS(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype qtype_name"
          + " rcode rcode_name AA TC RD RA Z answers TTLs rejected opcode opcode_name",
      "time string addr port addr port enum count interval string count string count string count string bool bool"
          + " bool bool count vector[string] vector[interval] bool count string"),
  HTTP(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer version user_agent origin"
          + " request_body_len response_body_len status_code status_msg info_code info_msg tags username password"
          + " proxied orig_fuids orig_filenames orig_mime_types resp_fuids resp_filenames resp_mime_types",
      "time string addr port addr port count string string string string string string string count count count"
          + " string count string set[enum] string string set[string] vector[string] vector[string] vector[string]"
          + " vector[string] vector[string] vector[string]"),
  SSL(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p version cipher curve server_name resumed last_alert"
          + " next_protocol established ssl_history cert_chain_fps client_cert_chain_fps sni_matches_cert"
          + " validation_status",
      "time string addr port addr port string string string string bool string string bool string vector[string]"
          + " vector[string] bool string"),
  X509(
      "ts fingerprint certificate.version certificate.serial certificate.subject certificate.issuer"
          + " certificate.not_valid_before certificate.not_valid_after certificate.key_alg certificate.sig_alg"
          + " certificate.key_type certificate.key_length certificate.exponent certificate.curve san.dns san.uri"
          + " san.email san.ip basic_constraints.ca basic_constraints.path_len host_cert client_cert",
      "time string count string string string time time string string string count string string vector[string]"
          + " vector[string] vector[string] vector[addr] bool count bool bool"),
  FILES(
      "ts fuid uid id.orig_h id.orig_p id.resp_h id.resp_p source depth analyzers mime_type filename duration"
          + " local_orig is_orig seen_bytes total_bytes missing_bytes overflow_bytes timedout parent_fuid md5 sha1"
          + " sha256",
      "time string string addr port addr port string count set[string] string string interval bool bool count count"
          + " count count bool string string string string"),
  SMB_FILES(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p fuid action path name size prev_name times.modified"
          + " times.accessed times.created times.changed",
      "time string addr port addr port string enum string string count string time time time time"),
  SMB_MAPPING(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p path service native_file_system share_type",
      "time string addr port addr port string string string string"),
  DCE_RPC(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p rtt named_pipe endpoint operation",
      "time string addr port addr port interval string string string"),
  RDP(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p cookie result security_protocol client_channels"
          + " keyboard_layout client_build client_name client_dig_product_id desktop_width desktop_height"
          + " requested_color_depth cert_type cert_count cert_permanent encryption_level encryption_method",
      "time string addr port addr port string string string vector[string] string string string string count count"
          + " string string count bool string string"),
  KERBEROS(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p request_type client service success error_msg from till"
          + " cipher forwardable renewable client_cert_subject client_cert_fuid server_cert_subject"
          + " server_cert_fuid",
      "time string addr port addr port string string string bool string time time string bool bool string string"
          + " string string"),
  NTLM(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p username hostname domainname server_nb_computer_name"
          + " server_dns_computer_name server_tree_name success",
      "time string addr port addr port string string string string string string bool"),
  DHCP(
      "ts uids client_addr server_addr mac host_name client_fqdn domain requested_addr assigned_addr lease_time"
          + " client_message server_message msg_types duration",
      "time set[string] addr addr string string string string addr addr interval string string vector[string]"
          + " interval"),
  SOFTWARE(
      "ts host host_p software_type name version.major version.minor version.minor2 version.minor3 version.addl"
          + " unparsed_version",
      "time addr port enum string count count count count string string"),
  NOTICE(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p fuid file_mime_type file_desc proto note msg sub src dst p n"
          + " peer_descr actions email_dest suppress_for remote_location.country_code remote_location.region"
          + " remote_location.city remote_location.latitude remote_location.longitude",
      "time string addr port addr port string string string enum enum string string addr addr port count string"
          + " set[enum] set[string] interval string string string double double"),
  WEIRD(
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p name addl notice peer source",
      "time string addr port addr port string string bool string string");

  private final List<String> fields;
  private final List<String> types;
  private final boolean[] time;

  ZeekLog(String fields, String types) {
    this.fields = List.of(fields.split(" "));
    this.types = List.of(types.split(" "));
    this.time = new boolean[this.types.size()];
    for (int i = 0; i < time.length; i++) {
      time[i] = this.types.get(i).equals("time");
    }
    if (this.fields.size() != this.types.size()) {
      throw new IllegalStateException(name() + ": " + this.fields.size() + " fields but " + this.types.size());
    }
  }

  /** The log's name as Zeek writes it in {@code #path} and file names, such as {@code smb_files}. */
  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Field names in column order. */
  public List<String> fields() {
    return fields;
  }

  /** True when column {@code i} holds a time, written from microseconds as seconds with six decimals. */
  boolean isTime(int i) {
    return time[i];
  }

  /** Zeek type names in column order, such as {@code addr} or {@code set[string]}. */
  public List<String> types() {
    return types;
  }
}
