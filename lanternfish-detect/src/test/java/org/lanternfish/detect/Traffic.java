package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.List;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SshEvent;
import org.lanternfish.event.SslEvent;

/** Hand-built Zeek-like events with known ground truth, in the order they are added. */
final class Traffic {

  static final long SECOND = 1_000_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  /** Monday 2 November 2026, 00:00 UTC. */
  static final long START = 1_793_577_600L * SECOND;

  final List<Event> events = new ArrayList<>();
  private int uids;

  static long at(int day, int hour, int minute) {
    return START + day * DAY + hour * HOUR + minute * MINUTE;
  }

  String uid() {
    return "C" + Integer.toString(++uids, 36) + "x";
  }

  private static FlowId flow(String src, String dst, int port) {
    return new FlowId(src, 49152 + (src.hashCode() & 0x3fff), dst, port);
  }

  String conn(long ts, String src, String dst, int port, String service, long sent, long received, String state) {
    return conn(ts, src, dst, port, service, 1.0, sent, received, state);
  }

  /** A TCP connection of {@code seconds} that closed normally, with no service Zeek recognised. */
  String session(long ts, String src, String dst, int port, double seconds, long sent, long received) {
    return conn(ts, src, dst, port, null, seconds, sent, received, "SF");
  }

  private String conn(long ts, String src, String dst, int port, String service, double seconds, long sent,
      long received, String state) {
    String uid = uid();
    events.add(new ConnEvent(ts, uid, flow(src, dst, port), "tcp", service, seconds, sent, received, state, null,
        null, 0, "ShADadFf", 10, sent + 400, 10, received + 400, List.of(), null, null, null));
    return uid;
  }

  /** An SSH session to port 22 with OpenSSH: its connection, and its ssh.log record with Zeek's verdict and attempts. */
  String ssh(long ts, String src, String dst, Boolean success, int attempts) {
    return ssh(ts, src, dst, success, attempts, "SSH-2.0-OpenSSH_9.6");
  }

  /** An SSH session to port 22 from the client software {@code client}. */
  String ssh(long ts, String src, String dst, Boolean success, int attempts, String client) {
    String uid = conn(ts, src, dst, 22, "ssh", 3000, 3000, "SF");
    events.add(new SshEvent(ts, uid, flow(src, dst, 22), 2, success, attempts, "OUTBOUND", client,
        "SSH-2.0-OpenSSH_8.9", "aes128-ctr", "hmac-sha2-256", "none", "curve25519-sha256", "ssh-ed25519", "3c:aa",
        null, null));
    return uid;
  }

  /** A TCP attempt that carried no data: refused (REJ, history Sr), unanswered (S0, S) or reset by its caller (RSTO). */
  String probe(long ts, String src, String dst, int port, String state, String history) {
    String uid = uid();
    events.add(new ConnEvent(ts, uid, new FlowId(src, 40000 + port % 20000, dst, port), "tcp", null, 0.2, 0, 0,
        state, null, null, 0, history, 2, 100, 1, 60, List.of(), null, null, null));
    return uid;
  }

  /**
   * A record that continues a long-lived TCP session Zeek logged before (no handshake in its history, state OTH), as
   * Zeek writes one after each idle spell of a push channel's keep-alives.
   */
  String continuation(long ts, String src, String dst, int port, long sent, long received) {
    String uid = uid();
    events.add(new ConnEvent(ts, uid, flow(src, dst, port), "tcp", null, 0.06, sent, received, "OTH", null, null, 0,
        "DdA", 2, sent + 80, 2, received + 80, List.of(), null, null, null));
    return uid;
  }

  /** A UDP exchange, such as a time query. */
  String udp(long ts, String src, String dst, int port, String service, long sent, long received) {
    String uid = uid();
    events.add(new ConnEvent(ts, uid, flow(src, dst, port), "udp", service, 0.01, sent, received, "SF", null, null,
        0, "Dd", 1, sent + 28, 1, received + 28, List.of(), null, null, null));
    return uid;
  }

  String dns(long ts, String src, String server, String query, int qtype, List<String> answers) {
    String uid = uid();
    events.add(new DnsEvent(ts, uid, new FlowId(src, 53000, server, 53), "udp", 1, 0.01, query, qtype,
        qtype == 16 ? "TXT" : "A", 0, "NOERROR", false, true, true, answers, List.of(), false));
    return uid;
  }

  /** A lookup the resolver answers with NXDOMAIN: the name does not exist. */
  String nxdomain(long ts, String src, String server, String query) {
    String uid = uid();
    events.add(new DnsEvent(ts, uid, new FlowId(src, 53000, server, 53), "udp", 1, 0.01, query, 1, "A", 3,
        "NXDOMAIN", false, true, true, List.of(), List.of(), false));
    return uid;
  }

  void ssl(long ts, String uid, String src, String dst, String sni) {
    events.add(new SslEvent(ts, uid, flow(src, dst, 443), "TLSv13", "TLS_AES_128_GCM_SHA256", sni, false, true,
        null, null, null, null, "ok"));
  }

  void http(long ts, String src, String dst, String host, String userAgent) {
    String uid = conn(ts, src, dst, 80, "http", 300, 5000, "SF");
    events.add(new HttpEvent(ts, uid, flow(src, dst, 80), 1, "GET", host, "/", null, "1.1", userAgent, 0, 5000,
        200, "OK", null, List.of("text/html")));
  }

  /**
   * One HTTP connection kept open (keep-alive) from {@code src} to {@code dst}, carrying a request at each of
   * {@code requests} (the first opens it): Zeek numbers them by {@code trans_depth}. Returns the connection's uid.
   */
  String httpSession(List<Long> requests, String src, String dst, int port, String host, String userAgent) {
    String uid = conn(requests.get(0), src, dst, port, "http", 300L * requests.size(), 2000L * requests.size(), "SF");
    for (int i = 0; i < requests.size(); i++) {
      events.add(new HttpEvent(requests.get(i), uid, flow(src, dst, port), i + 1, "GET", host,
          "/en-us/docs.html?type=" + i, null, "1.1", userAgent, 0, 2000, 200, "OK", null, List.of("text/html")));
    }
    return uid;
  }

  String kerberos(long ts, String src, String dc, String client, boolean success) {
    String uid = conn(ts, src, dc, 88, "krb", 1500, success ? 1500 : 200, "SF");
    events.add(new KerberosEvent(ts, uid, flow(src, dc, 88), "TGS", client + "/CORP.LOCAL", "cifs/fs",
        success, success ? null : "KDC_ERR_PREAUTH_FAILED", "aes256-cts"));
    return uid;
  }

  /** A successful Kerberos AS exchange: {@code src} asks for a ticket-granting ticket for {@code client}. */
  String logon(long ts, String src, String dc, String client) {
    String uid = conn(ts, src, dc, 88, "krb", 1500, 1500, "SF");
    events.add(new KerberosEvent(ts, uid, flow(src, dc, 88), "AS", client + "/CORP.LOCAL", "krbtgt/CORP.LOCAL",
        true, null, "aes256-cts"));
    return uid;
  }

  /** A successful Kerberos exchange of {@code type} (AS or TGS) for {@code service}, its ticket under {@code cipher}. */
  String ticket(long ts, String src, String dc, String type, String client, String service, String cipher) {
    String uid = conn(ts, src, dc, 88, "krb", 1500, 1500, "SF");
    events.add(new KerberosEvent(ts, uid, flow(src, dc, 88), type, client + "/CORP.LOCAL", service, true, null,
        cipher));
    return uid;
  }

  /** An SMB file action ({@code SMB::FILE_OPEN}, {@code SMB::FILE_READ}) on {@code name} in {@code share}. */
  void smbFile(long ts, String uid, String src, String dst, String share, String name, String action) {
    events.add(new SmbFileEvent(ts, uid, flow(src, dst, 445), "F" + uids, action, "\\\\" + dst + "\\" + share,
        name, 120_000, null));
  }

  String ntlm(long ts, String src, String dst, String user, String host) {
    String uid = uid();
    events.add(new ConnEvent(ts, uid, flow(src, dst, 445), "tcp", "smb", 1.0, 5000, 5000, "SF", null, null, 0,
        "ShADadFf", 10, 5400, 10, 5400, List.of(), null, null, null));
    events.add(new NtlmEvent(ts, uid, flow(src, dst, 445), user, host, "CORP", "FS01", "fs01.corp.local", true));
    return uid;
  }

  void smbMap(long ts, String uid, String src, String dst, String share) {
    events.add(new SmbMappingEvent(ts, uid, flow(src, dst, 445), "\\\\" + dst + "\\" + share, "DISK", "NTFS",
        "DISK"));
  }

  void smbWrite(long ts, String uid, String src, String dst, String share, String name) {
    events.add(new SmbFileEvent(ts, uid, flow(src, dst, 445), "F" + uids, "SMB::FILE_WRITE",
        "\\\\" + dst + "\\" + share, name, 120_000, null));
  }

  void file(long ts, String uid, String src, String dst, String name, String mime) {
    events.add(new FileEvent(ts, "F" + uids, uid, List.of(src), List.of(dst), "SMB", mime, name, true, 1000, 1000,
        null, "da39a3ee5e6b4b0d3255bfef95601890afd80709", null));
  }

  void rpc(long ts, String src, String dst, String endpoint, String operation) {
    String uid = conn(ts, src, dst, 135, "dce_rpc", 800, 800, "SF");
    events.add(new DceRpcEvent(ts, uid, flow(src, dst, 135), 0.001, "135", endpoint, operation));
  }

  String rdp(long ts, String src, String dst, String cookie) {
    String uid = conn(ts, src, dst, 3389, "rdp", 90_000, 900_000, "SF");
    events.add(new RdpEvent(ts, uid, flow(src, dst, 3389), cookie, "Success", "HYBRID", "DESKTOP", "19041",
        "en-US"));
    return uid;
  }

  void dhcp(long ts, String mac, String address, String host) {
    events.add(new DhcpEvent(ts, uid(), List.of(), address, "10.0.0.1", mac, host, null, "corp.local", address,
        86_400.0, List.of("REQUEST", "ACK")));
  }

  void alert(long ts, String src, String dst, long sid, String signature, int severity) {
    events.add(new AlertEvent(ts, uid(), flow(src, dst, 443), "TCP", 77, null, "allowed", sid, 1, signature,
        "A Network Trojan was detected", severity, "tls"));
  }
}
