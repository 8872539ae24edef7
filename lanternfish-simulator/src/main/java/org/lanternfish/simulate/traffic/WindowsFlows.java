package org.lanternfish.simulate.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.zeek.ZeekLog;

/**
 * Emits the Windows protocols of an Active Directory network: Kerberos and NTLM logons, SMB sessions, DCE-RPC
 * calls, RDP, DHCP leases and the software Zeek sees.
 */
public final class WindowsFlows {
  private static final long SECOND = 1_000_000L;

  private final Flows flows;
  private final Organisation org;
  private final SplittableRandom random;

  /** Creates Windows protocol flows for {@code org} on top of {@code flows}. */
  public WindowsFlows(Flows flows, Organisation org) {
    this.flows = flows;
    this.org = org;
    this.random = flows.random();
  }

  /** Fully qualified host name of a device in the domain. */
  public String fqdn(String host) {
    return host.toLowerCase(Locale.ROOT) + "." + org.dnsDomain();
  }

  /**
   * Emits a Kerberos exchange with a domain controller and returns its uid.
   *
   * @param type {@code AS} for a logon (ticket-granting ticket) or {@code TGS} for a service ticket
   * @param service the service principal, such as {@code cifs/fs01.corp.example.com}
   * @param error the KDC error, such as {@code KDC_ERR_PREAUTH_FAILED}, or null on success
   */
  public String kerberos(long ts, String client, Device dc, String type, String account, String service,
      String error) {
    return kerberos(ts, client, dc, type, account, service, error, "aes256-cts-hmac-sha1-96");
  }

  /** As {@link #kerberos(long, String, Device, String, String, String, String)}, the ticket under {@code cipher}. */
  public String kerberos(long ts, String client, Device dc, String type, String account, String service,
      String error, String cipher) {
    String uid = flows.uid();
    Endpoints ep = new Endpoints(client, flows.ephemeralPort(), dc.ip(), 88);
    boolean ok = error == null;
    flows.conn(uid, ts, ep, "tcp", "krb_tcp", 0.004 + random.nextDouble() * 0.01, 1400 + random.nextInt(400),
        ok ? 1500 + random.nextInt(300) : 180, "SF");
    String realm = org.dnsDomain().toUpperCase(Locale.ROOT);
    flows.emit(ZeekLog.KERBEROS, ts, uid, client, ep.origPort(), dc.ip(), 88, type, account + "/" + realm,
        service, ok, error, null, ok ? ts + 36_000 * SECOND : null, ok ? cipher : null,
        ok ? true : null, ok ? true : null, null, null, null, null);
    return uid;
  }

  /** Emits an NTLM authentication inside connection {@code uid}. */
  public void ntlm(long ts, String uid, Endpoints ep, String user, String clientHost, String server, boolean ok) {
    flows.emit(ZeekLog.NTLM, ts, uid, ep.origHost(), ep.origPort(), ep.respHost(), ep.respPort(), user, clientHost,
        org.netbiosDomain(), server.toUpperCase(Locale.ROOT), fqdn(server), org.dnsDomain(), ok);
  }

  /**
   * Emits one SMB session from {@code client} to {@code server}'s {@code share}: the tree mapping, an open and
   * the reads and writes of {@code ops}, each with its files record. Returns the uid.
   *
   * @param ntlmUser when not null the session authenticates with NTLM as this user from host {@code clientHost}
   */
  public String smb(long ts, String client, Device server, String share, List<SmbOp> ops, String ntlmUser,
      String clientHost) {
    String uid = flows.uid();
    Endpoints ep = new Endpoints(client, flows.ephemeralPort(), server.ip(), 445);
    long up = 1200;
    long down = 1500;
    for (SmbOp op : ops) {
      if (op.write()) {
        up += op.bytes() + 300;
      } else {
        down += op.bytes() + 300;
      }
    }
    double duration = 0.05 + random.nextDouble() * 2 + (up + down) / 6e7;
    flows.conn(uid, ts, ep, "tcp", ntlmUser == null ? "smb,gssapi,krb" : "smb,ntlm,gssapi", duration, up, down,
        "SF");
    long t = ts + 2000;
    if (ntlmUser != null) {
      ntlm(t, uid, ep, ntlmUser, clientHost, server.name(), true);
    }
    String path = "\\\\" + server.name() + "\\" + share;
    boolean ipc = share.equals("IPC$");
    flows.emit(ZeekLog.SMB_MAPPING, t + 1000, uid, client, ep.origPort(), server.ip(), 445, path, null, null,
        ipc ? "PIPE" : "DISK");
    long step = Math.max(1000, (long) (duration * SECOND) / (ops.size() + 1));
    for (SmbOp op : ops) {
      t += step;
      String fuid = flows.fuid();
      flows.emit(ZeekLog.SMB_FILES, t, uid, client, ep.origPort(), server.ip(), 445, fuid,
          op.write() ? "SMB::FILE_WRITE" : "SMB::FILE_READ", path, op.name(), op.bytes(), null, t, t,
          t - 86_400 * SECOND * (1 + random.nextInt(400)), t);
      flows.file(t, fuid, uid, ep, "SMB", mime(op.name()), op.name(), op.write(), op.bytes());
    }
    return uid;
  }

  private static String mime(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".exe") || lower.endsWith(".dll")) {
      return "application/x-dosexec";
    }
    if (lower.endsWith(".pdf")) {
      return "application/pdf";
    }
    if (lower.endsWith(".docx") || lower.endsWith(".xlsx")) {
      return "application/zip";
    }
    return "text/plain";
  }

  /**
   * Emits a DCE-RPC exchange: a call to the endpoint mapper on port 135, then {@code operations} of
   * {@code endpoint} on a dynamic port, as DCOM and DRSUAPI do. Returns the uids of both connections.
   */
  public List<String> rpc(long ts, String client, Device server, String mapperCall, String endpoint,
      List<String> operations, long bytes) {
    List<String> uids = new ArrayList<>(2);
    String first = flows.uid();
    Endpoints mapper = new Endpoints(client, flows.ephemeralPort(), server.ip(), 135);
    flows.conn(first, ts, mapper, "tcp", "dce_rpc", 0.003 + random.nextDouble() * 0.01, 220, 196, "SF");
    String[] call = mapperCall.split(" ");
    flows.emit(ZeekLog.DCE_RPC, ts + 1000, first, client, mapper.origPort(), server.ip(), 135, 0.0008, "135",
        call[0], call[1]);
    uids.add(first);
    long t = ts + 20_000;
    String second = flows.uid();
    int port = 49664 + (int) Math.floorMod(server.name().hashCode() + endpoint.hashCode(), 600);
    Endpoints dynamic = new Endpoints(client, flows.ephemeralPort(), server.ip(), port);
    double duration = 0.02 + operations.size() * 0.004 + bytes / 4e7;
    flows.conn(second, t, dynamic, "tcp", "dce_rpc", duration, 600L + operations.size() * 180L,
        500L + operations.size() * 120L + bytes, "SF");
    for (String operation : operations) {
      t += 2000 + random.nextInt(3000);
      flows.emit(ZeekLog.DCE_RPC, t, second, client, dynamic.origPort(), server.ip(), port,
          0.0005 + random.nextDouble() * 0.003, Integer.toString(port), endpoint, operation);
    }
    uids.add(second);
    return uids;
  }

  /**
   * Emits DCE-RPC {@code operations} over the SMB named pipe {@code pipe} of {@code server}'s {@code IPC$}, as
   * service control ({@code svcctl}) and the task scheduler ({@code atsvc}) are reached. Returns the uid.
   */
  public String pipe(long ts, String client, Device server, String pipe, List<String> operations) {
    String uid = flows.uid();
    Endpoints ep = new Endpoints(client, flows.ephemeralPort(), server.ip(), 445);
    flows.conn(uid, ts, ep, "tcp", "smb,dce_rpc,gssapi,krb", 0.05 + random.nextDouble() * 0.5,
        2400L + operations.size() * 300L, 2100L + operations.size() * 200L, "SF");
    long t = ts + 3000;
    flows.emit(ZeekLog.SMB_MAPPING, t, uid, client, ep.origPort(), server.ip(), 445,
        "\\\\" + server.name() + "\\IPC$", null, null, "PIPE");
    for (String operation : operations) {
      t += 2000 + random.nextInt(3000);
      flows.emit(ZeekLog.DCE_RPC, t, uid, client, ep.origPort(), server.ip(), 445,
          0.0005 + random.nextDouble() * 0.003, "\\pipe\\" + pipe, pipe, operation);
    }
    return uid;
  }

  /** Emits an RDP session (conn and rdp record) and returns its uid. */
  public String rdp(long ts, String client, Device server, String cookie, double duration, long up, long down) {
    String uid = flows.uid();
    Endpoints ep = new Endpoints(client, flows.ephemeralPort(), server.ip(), 3389);
    flows.conn(uid, ts, ep, "tcp", "rdp,ssl", duration, up, down, "SF");
    flows.emit(ZeekLog.RDP, ts, uid, client, ep.origPort(), server.ip(), 3389, cookie, "Success", "HYBRID", null,
        null, null, null, null, null, null, null, null, 0L, null, null, null);
    return uid;
  }

  /** Emits a DHCP exchange giving {@code device} its current address; a full exchange when the lease is new. */
  public void dhcp(long ts, Device device, Device server, boolean newLease) {
    String uid = flows.uid();
    String client = newLease ? "0.0.0.0" : device.ip();
    Endpoints ep = new Endpoints(client, 68, server.ip(), 67);
    flows.conn(uid, ts, ep, "udp", "dhcp", 0.012, newLease ? 600 : 300, newLease ? 600 : 300, "SF");
    List<String> types = newLease ? List.of("DISCOVER", "OFFER", "REQUEST", "ACK") : List.of("REQUEST", "ACK");
    flows.emit(ZeekLog.DHCP, ts, List.of(uid), device.ip(), server.ip(), device.mac(),
        device.name().toLowerCase(Locale.ROOT), fqdn(device.name()), org.dnsDomain(), newLease ? device.ip() : null,
        device.ip(), 691200.0, null, null, types, 0.012);
  }

  /** Emits a software record: Zeek saw {@code name} at {@code version} on {@code host}. */
  public void software(long ts, String host, Integer port, String type, String name, String version,
      String unparsed) {
    String[] parts = version.split("\\.");
    flows.emit(ZeekLog.SOFTWARE, ts, host, port, type, name, part(parts, 0), part(parts, 1), part(parts, 2),
        part(parts, 3), null, unparsed);
  }

  private static Long part(String[] parts, int i) {
    return i < parts.length ? Long.parseLong(parts[i]) : null;
  }
}
