package org.lanternfish.embedded;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.event.LogType;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SslEvent;

/**
 * Hand-built Zeek records of one organisation, written as a sensor writes them: one JSON log per log type, each in
 * time order. Every method adds the records of one exchange and returns the uid of its connection, so a test can
 * say which records an attack step made.
 */
final class ZeekLogs {

  static final long SECOND = 1_000_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  private final long start;
  private final String realm;
  private final List<Event> events = new ArrayList<>();
  private int uids;
  private int ports;

  /** Logs whose day 0 begins at {@code startMicros}, for a Windows domain of Kerberos realm {@code realm}. */
  ZeekLogs(long startMicros, String realm) {
    this.start = startMicros;
    this.realm = realm;
  }

  long at(int day, int hour, int minute) {
    return start + day * DAY + hour * HOUR + minute * MINUTE;
  }

  private String uid() {
    return "C" + Integer.toString(++uids, 36) + "u" + Integer.toString(uids * 7919 % 1000, 36);
  }

  private FlowId flow(String src, String dst, int port) {
    return new FlowId(src, 49152 + (ports++ % 16000), dst, port);
  }

  /** A TCP connection that closed normally. */
  String tcp(long ts, String src, String dst, int port, String service, double seconds, long sent, long received) {
    String uid = uid();
    events.add(conn(ts, uid, flow(src, dst, port), "tcp", service, seconds, sent, received, "SF"));
    return uid;
  }

  private static ConnEvent conn(long ts, String uid, FlowId id, String proto, String service, double seconds,
      long sent, long received, String state) {
    return new ConnEvent(ts, uid, id, proto, service, seconds, sent, received, state, null, null, 0, "ShADadFf",
        8 + sent / 1400, sent + 420, 8 + received / 1400, received + 420, List.of(), null, null, null);
  }

  /** A TCP attempt nobody answered. */
  String unanswered(long ts, String src, String dst, int port) {
    String uid = uid();
    events.add(new ConnEvent(ts, uid, flow(src, dst, port), "tcp", null, 3.0, 0, 0, "S0", null, null, 0, "S", 2,
        104, 0, 0, List.of(), null, null, null));
    return uid;
  }

  String dns(long ts, String src, String server, String query, String answer) {
    String uid = uid();
    FlowId id = new FlowId(src, 50000 + (ports++ % 10000), server, 53);
    events.add(conn(ts, uid, id, "udp", "dns", 0.01, 40, 90, "SF"));
    events.add(new DnsEvent(ts, uid, id, "udp", uids & 0xffff, 0.004, query, 1, "A", 0, "NOERROR", false, true,
        true, answer == null ? List.of() : List.of(answer), answer == null ? List.of() : List.of(300.0), false));
    return uid;
  }

  void dhcp(long ts, String mac, String address, String host, String domain) {
    events.add(new DhcpEvent(ts, uid(), List.of(), address, "172.20.10.5", mac, host, host + "." + domain, domain,
        address, 28_800.0, List.of("REQUEST", "ACK")));
  }

  /** A Kerberos exchange ({@code AS} or {@code TGS}) for {@code service}, its ticket under {@code cipher}. */
  String kerberos(long ts, String src, String dc, String type, String client, String service, String cipher) {
    String uid = tcp(ts, src, dc, 88, "krb_tcp", 0.02, 1600, 1500);
    events.add(new KerberosEvent(ts, uid, flow(src, dc, 88), type, client + "/" + realm, service, true, null,
        cipher));
    return uid;
  }

  /** An SMB session authenticated with NTLM as {@code user} from {@code host}; returns the session's uid. */
  String smbSession(long ts, String src, String dst, String user, String host, String server, long sent,
      long received) {
    String uid = tcp(ts, src, dst, 445, "smb,ntlm,gssapi", 30, sent, received);
    events.add(new NtlmEvent(ts, uid, flow(src, dst, 445), user, host, realm.substring(0, realm.indexOf('.')),
        server, server.toLowerCase() + "." + realm.toLowerCase(), true));
    return uid;
  }

  /** An SMB session authenticated with Kerberos (no NTLM record): what a domain member's session looks like. */
  String smbKerberos(long ts, String src, String dst, long sent, long received) {
    return tcp(ts, src, dst, 445, "smb,krb,gssapi", 30, sent, received);
  }

  void treeConnect(long ts, String uid, String src, String dst, String share) {
    events.add(new SmbMappingEvent(ts, uid, flow(src, dst, 445), "\\\\" + dst + "\\" + share,
        share.equals("IPC$") ? "IPC" : "DISK", share.equals("IPC$") ? null : "NTFS",
        share.equals("IPC$") ? "PIPE" : "DISK"));
  }

  /** An SMB file action ({@code SMB::FILE_WRITE}, {@code SMB::FILE_READ}, {@code SMB::FILE_OPEN}). */
  void smbFile(long ts, String uid, String src, String dst, String share, String name, String action, long size) {
    events.add(new SmbFileEvent(ts, uid, flow(src, dst, 445), "F" + Integer.toString(++uids, 36), action,
        "\\\\" + dst + "\\" + share, name, size, null));
  }

  /** A DCE-RPC call over the named pipe or port {@code pipe} of an existing session (or its own when uid is null). */
  String rpc(long ts, String uid, String src, String dst, String pipe, String endpoint, String operation) {
    String session = uid != null ? uid : tcp(ts, src, dst, pipe.startsWith("\\") ? 445 : 135, "dce_rpc", 0.4, 900,
        700);
    events.add(new DceRpcEvent(ts, session, flow(src, dst, pipe.startsWith("\\") ? 445 : 135), 0.0008, pipe,
        endpoint, operation));
    return session;
  }

  String rdp(long ts, String src, String dst, String cookie, String clientName, double seconds) {
    String uid = tcp(ts, src, dst, 3389, "rdp,ssl", seconds, 400_000, 6_000_000);
    events.add(new RdpEvent(ts, uid, flow(src, dst, 3389), cookie, "encrypted", "HYBRID_EX", clientName, "22621",
        "en-GB"));
    return uid;
  }

  String https(long ts, String src, String dst, String sni, long sent, long received) {
    String uid = tcp(ts, src, dst, 443, "ssl", 2.5, sent, received);
    events.add(new SslEvent(ts, uid, flow(src, dst, 443), "TLSv13", "TLS_AES_256_GCM_SHA384", sni, false, true,
        null, null, null, null, null));
    return uid;
  }

  String http(long ts, String src, String dst, int port, String method, String host, String uri, String userAgent,
      long sent, long received) {
    String uid = tcp(ts, src, dst, port, "http", 0.3, sent, received);
    events.add(new HttpEvent(ts, uid, flow(src, dst, port), 1, method, host, uri, null, "1.1", userAgent,
        Math.max(0, sent - 300), received, 200, "OK", null, List.of("text/plain")));
    return uid;
  }

  String ldapSearch(long ts, String src, String dc, String base, String filter, List<String> attributes) {
    String uid = tcp(ts, src, dc, 389, "ldap_tcp", 0.2, 900, 14_000);
    events.add(new LdapSearchEvent(ts, uid, flow(src, dc, 389), 3, "tree", "always", base, 12, "success", null,
        filter, attributes));
    return uid;
  }

  /** Writes the records as Zeek JSON logs ({@code conn.log}, {@code dce_rpc.log}, ...) into {@code folder}. */
  void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Map<LogType, List<Event>> byLog = new EnumMap<>(LogType.class);
    for (Event event : events) {
      byLog.computeIfAbsent(event.logType(), t -> new ArrayList<>()).add(event);
    }
    for (Map.Entry<LogType, List<Event>> log : byLog.entrySet()) {
      List<Event> sorted = new ArrayList<>(log.getValue());
      sorted.sort(Comparator.comparingLong(Event::ts));
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(folder.resolve(log.getKey().logName() + ".log")))) {
        for (Event event : sorted) {
          // A sensor's JSON log holds the record itself, not the {"conn": {...}} wrapper Zeek's Kafka writer adds.
          byte[] wrapped = ZeekJson.wrapped(event);
          int open = indexOf(wrapped, (byte) '{', 1);
          out.write(wrapped, open, wrapped.length - 1 - open);
          out.write('\n');
        }
      }
    }
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalStateException("no object in a wrapped record");
  }
}
