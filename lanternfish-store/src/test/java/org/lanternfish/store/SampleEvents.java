package org.lanternfish.store;

import java.util.List;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DefenderAlertEvent;
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
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.event.SshEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.event.X509Event;

/** Events of every log type with set, unset and awkward values, for store and search tests. */
final class SampleEvents {
  /** 2024-01-01T00:00:00Z in microseconds. */
  static final long DAY_ONE = 1_704_067_200_000_000L;
  static final long HOUR = 3_600_000_000L;

  private SampleEvents() {}

  static ConnEvent conn(long ts, String uid, String orig, int origPort, String resp, int respPort, String service,
      long origBytes) {
    return new ConnEvent(ts, uid, new FlowId(orig, origPort, resp, respPort), "tcp", service, 1.5, origBytes, 200,
        "SF", true, false, 0, "ShADadFf", 10, 1000, 8, 600, List.of(), null, null, null);
  }

  /** One record of each of the 18 log types, the first hour of day one. */
  static List<Event> everyType() {
    FlowId flow = new FlowId("10.0.0.5", 49152, "2001:db8::1", 445);
    long ts = DAY_ONE + 1;
    return List.of(
        new ConnEvent(ts, "C1", flow, "tcp", null, Double.NaN, Event.UNSET, 0, "S0", null, Boolean.FALSE, 0, "S",
            1, 60, Event.UNSET, Event.UNSET, List.of("Ctunnel", ""), "00:11:22:33:44:55", null, "1:abc="),
        new DnsEvent(ts + 1, "C2", flow, "udp", 4711, 0.002, "x1.chtq.net", 16, "TXT", 0, "NOERROR", false, true,
            true, List.of("v=spf1 include:x \"quoted\"", "1.2.3.4"), List.of(300.0, 0.5), false),
        new HttpEvent(ts + 2, "C3", flow, 1, "GET", "intranet.local", "/index.php?a=b c", null, "1.1",
            "Mozilla/5.0 (Windows NT 10.0)", 0, 5120, 200, "OK", null, List.of("text/html")),
        new SslEvent(ts + 3, "C4", flow, "TLSv12", "TLS_ECDHE", "example.com", false, true, "CN=example.com",
            "CN=CA", "ja3hash", null, "ok"),
        new X509Event(ts + 4, "F1", "fp", 3, "01AB", "CN=example.com", "CN=CA", DAY_ONE - 86_400_000_000L,
            DAY_ONE + 86_400_000_000L, "rsaEncryption", "sha256WithRSAEncryption", "rsa", 2048,
            List.of("example.com", "www.example.com"), false),
        new FileEvent(ts + 5, "F2", "C3", List.of("10.0.0.9"), List.of("10.0.0.5"), "HTTP", "text/plain",
            "a.txt", true, 12, Event.UNSET, "md5", null, null),
        new SmbFileEvent(ts + 6, "C5", flow, "F3", "SMB::FILE_WRITE", "\\\\DC01\\C$", "ProgramData\\Oracle\\java.log",
            4096, null),
        new SmbMappingEvent(ts + 7, "C5", flow, "\\\\DC01\\C$", "DISK", "NTFS", "DISK"),
        new DceRpcEvent(ts + 8, "C6", flow, 0.001, "135", "drsuapi", "DRSGetNCChanges"),
        new RdpEvent(ts + 9, "C7", flow, "admin", "Success", "HYBRID", "DESKTOP-O82ILGG", "RDP 8.0", "en-US"),
        new KerberosEvent(ts + 10, "C8", flow, "TGS", "svc_backup/CORP", "cifs/DC01", true, null, "aes256"),
        new NtlmEvent(ts + 11, "C9", flow, "administrator", "WS01", "CORP", "DC01", "dc01.corp.local", true),
        new DhcpEvent(ts + 12, "C10", List.of("C10", "C11"), "10.0.0.5", "10.0.0.1", "aa:bb:cc:dd:ee:ff", "WS01",
            "ws01.corp.local", "corp.local", "10.0.0.5", 86400.0, List.of("REQUEST", "ACK")),
        new SoftwareEvent(ts + 13, "10.0.0.5", (int) Event.UNSET, "HTTP::BROWSER", "Firefox", "120.0",
            "Mozilla/5.0 Firefox/120.0"),
        new NoticeEvent(ts + 14, null, null, "Scan::Port_Scan", "10.0.0.5 scanned", null, "10.0.0.5", null,
            Event.UNSET),
        new WeirdEvent(ts + 15, "C12", flow, "bad_TCP_checksum", null, false, "worker-1"),
        new AlertEvent(ts + 16, "C13", flow, "TCP", 1_234_567_890L, "1:xyz=", "allowed", 2_024_001, 3,
            "ET MALWARE ShadowPad", "A Network Trojan was detected", 1, "tls"),
        defenderAlert(ts + 17, "da637551227677560813_-961444813", "DEV-0408", List.of("10.0.0.5", "2001:db8::5")),
        new LdapEvent(ts + 18, "C14", flow, 3, 3, "bind SASL", "success", null, null, "GSS-SPNEGO"),
        new LdapSearchEvent(ts + 19, "C14", flow, 4, "tree", "never", "DC=corp,DC=local", 1, "success", null,
            "(&(objectCategory=group)(sAMAccountName=Domain Admins))", List.of("member", "nTSecurityDescriptor")),
        new SshEvent(ts + 20, "C15", flow, 2, false, 6, "INBOUND", "SSH-2.0-libssh2_1.9.0", "SSH-2.0-OpenSSH_8.9",
            "aes128-ctr", "hmac-sha2-256", "none", "curve25519-sha256", "ssh-ed25519", "3c:aa",
            "b12d2871a1189eff20364cf5333619ee", null));
  }

  /** A Defender alert about the device at {@code addresses}, attributed to {@code actor} (null for none). */
  static DefenderAlertEvent defenderAlert(long ts, String id, String actor, List<String> addresses) {
    return new DefenderAlertEvent(ts, id, "Suspicious PowerShell command line", "Execution", "high", "new", actor,
        null, List.of("T1059.001", "T1055"), "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint",
        "ws01.corp.local", "73e7e2de709dff64ef64b1d0c30e67fab63279db", addresses, ts, Event.NO_TIME,
        "https://security.microsoft.com/alerts/" + id);
  }
}
