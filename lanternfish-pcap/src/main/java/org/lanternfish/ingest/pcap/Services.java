package org.lanternfish.ingest.pcap;

import java.util.Map;

/** Zeek's service names for the application layers tshark recognises in {@code frame.protocols}. */
final class Services {

  private static final Map<String, String> BY_LAYER = Map.ofEntries(
      Map.entry("http", "http"),
      Map.entry("tls", "ssl"),
      Map.entry("ssl", "ssl"),
      Map.entry("dns", "dns"),
      Map.entry("mdns", "dns"),
      Map.entry("smb", "smb"),
      Map.entry("smb2", "smb"),
      Map.entry("dcerpc", "dce_rpc"),
      Map.entry("ntlmssp", "ntlm"),
      Map.entry("gss-api", "gssapi"),
      Map.entry("rdp", "rdp"),
      Map.entry("ssh", "ssh"),
      Map.entry("dhcp", "dhcp"),
      Map.entry("ntp", "ntp"),
      Map.entry("snmp", "snmp"),
      Map.entry("ftp", "ftp"),
      Map.entry("smtp", "smtp"),
      Map.entry("imap", "imap"),
      Map.entry("pop", "pop3"),
      Map.entry("sip", "sip"),
      Map.entry("mysql", "mysql"),
      Map.entry("radius", "radius"),
      Map.entry("socks", "socks"),
      Map.entry("irc", "irc"),
      Map.entry("modbus", "modbus"),
      Map.entry("dnp3", "dnp3"),
      Map.entry("quic", "quic"));

  private Services() {}

  /** The service a layer name stands for on a flow of {@code proto}, or null when it is not one. */
  static String of(String layer, int proto) {
    if (layer.equals("kerberos")) {
      return proto == Flow.TCP ? "krb_tcp" : "krb";
    }
    if (layer.equals("ldap") || layer.equals("cldap")) {
      return proto == Flow.TCP ? "ldap_tcp" : "ldap_udp";
    }
    return BY_LAYER.get(layer);
  }
}
