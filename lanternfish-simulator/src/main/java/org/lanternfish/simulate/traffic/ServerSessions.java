package org.lanternfish.simulate.traffic;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;

/**
 * The scheduled and service traffic of servers: domain controller replication, nightly backups, the public web
 * site, application databases, VPN logons, and the work of administrators from their admin workstations.
 */
public final class ServerSessions {
  private final Organisation org;
  private final Flows flows;
  private final WindowsFlows windows;
  private final ClientSessions clients;
  private final SplittableRandom random;
  private final List<Device> servers;

  /** Creates server sessions for {@code org}. */
  public ServerSessions(Organisation org, Flows flows, WindowsFlows windows, ClientSessions clients) {
    this.org = org;
    this.flows = flows;
    this.windows = windows;
    this.clients = clients;
    this.random = flows.random();
    this.servers = org.devices().stream()
        .filter(d -> !d.role().client() && d.role() != Role.PRINTER && d.role() != Role.VPN_CONCENTRATOR)
        .toList();
  }

  /** Replication between every pair of domain controllers every 15 minutes, the minute staggered per pair. */
  public void replicate(long minuteStart, long minuteOfDay) {
    List<Device> dcs = org.devices(Role.DOMAIN_CONTROLLER);
    for (Device from : dcs) {
      for (Device to : dcs) {
        if (from != to && (minuteOfDay + from.index() * 7L + to.index()) % 15 == 0) {
          pullChanges(minuteStart + random.nextInt(59_000_000), from.ip(), to, 1 + random.nextInt(3));
        }
      }
    }
  }

  /** One DRSUAPI replication pull by {@code client} from domain controller {@code dc}. */
  public List<String> pullChanges(long ts, String client, Device dc, int batches) {
    String[] operations = new String[batches + 2];
    operations[0] = "DRSBind";
    for (int i = 1; i <= batches; i++) {
      operations[i] = "DRSGetNCChanges";
    }
    operations[batches + 1] = "DRSUnbind";
    return windows.rpc(ts, client, dc, "epmapper ept_map", "drsuapi", List.of(operations),
        Volumes.heavy(random, 6000, 1.0) * batches);
  }

  /** Nightly backups between 01:00 and 04:00 local time: each server is copied at its own minute. */
  public void backup(long minuteStart, int localMinute) {
    if (localMinute < 60 || localMinute >= 240) {
      return;
    }
    Device backup = org.devices(Role.BACKUP_SERVER).getFirst();
    Device dc = clients.resolver(backup);
    for (Device server : org.devices()) {
      boolean source = server.role() == Role.FILE_SERVER || server.role() == Role.APP_SERVER;
      if (source && 60 + Math.floorMod(Internet.mix(server.index()), 180) == localMinute) {
        long ts = minuteStart + random.nextInt(50_000_000);
        windows.kerberos(ts, backup.ip(), dc, "TGS", "svc_backup", "cifs/" + windows.fqdn(server.name()), null);
        long bytes = Volumes.heavy(random, 4_000_000_000L, 0.6);
        SmbOp op = new SmbOp("Backup\\" + server.name().toLowerCase(Locale.ROOT) + ".vhdx", false, bytes);
        windows.smb(ts + 20_000, backup.ip(), server, "D$", List.of(op), null, backup.name());
      }
    }
  }

  /** One session a server opens or answers on its own, by role. */
  public void serve(Device server, long ts) {
    switch (server.role()) {
      case WEB_SERVER -> publicWeb(server, ts);
      case APP_SERVER -> database(server, ts);
      case DOMAIN_CONTROLLER -> {
        String name = pickPopular();
        flows.dns(ts, server.ip(), random.nextBoolean() ? "8.8.8.8" : "1.1.1.1", name, "A",
            List.of(org.internet().addressOf(name)));
      }
      case PROXY -> clients.browse(server, ts, pickPopular());
      default -> clients.idle(server, ts);
    }
  }

  private void publicWeb(Device web, long ts) {
    String visitor = org.internet().addressOf("visitor-" + random.nextInt(5000));
    String sni = "www." + org.company().toLowerCase(Locale.ROOT) + ".com";
    flows.tls(ts, new Endpoints(visitor, 1024 + random.nextInt(64_000), web.ip(), 443), sni,
        0.3 + random.nextDouble() * 20, Volumes.heavy(random, 1500, 1.0), Volumes.heavy(random, 60_000, 1.3),
        random.nextInt(8) == 0, "ok");
  }

  private void database(Device app, long ts) {
    List<Device> apps = org.devices(Role.APP_SERVER);
    Device db = apps.get((app.index() + 1) % apps.size());
    if (db == app) {
      clients.idle(app, ts);
      return;
    }
    if (random.nextInt(20) == 0) {
      windows.kerberos(ts, app.ip(), clients.resolver(app), "TGS", "svc_sql",
          "MSSQLSvc/" + windows.fqdn(db.name()) + ":1433", null);
    }
    String uid = flows.uid();
    flows.conn(uid, ts + 50_000, new Endpoints(app.ip(), flows.ephemeralPort(), db.ip(), 1433), "tcp", null,
        0.05 + random.nextDouble() * 3, Volumes.heavy(random, 2500, 1.0), Volumes.heavy(random, 30_000, 1.4), "SF");
  }

  /** A VPN logon from a laptop's home address; returns the address the laptop gets in the VPN pool. */
  public String vpnLogon(Device laptop, long ts, long until) {
    Device vpn = org.devices(Role.VPN_CONCENTRATOR).getFirst();
    // Third octets 200 and up stay free for devices that are not the organisation's own.
    String pool = org.vpnPrefix() + (laptop.index() / 240) % 200 + "." + (10 + laptop.index() % 240);
    double duration = Math.max(60, (until - ts) / 1e6);
    flows.tls(ts, new Endpoints(laptop.homeIp(), flows.ephemeralPort(), org.publicIp(), 443), "vpn." + org.dnsDomain(),
        duration, Volumes.heavy(random, 40_000_000, 0.8), Volumes.heavy(random, 200_000_000, 0.8), false, "ok");
    windows.kerberos(ts + 800_000, vpn.ip(), clients.resolver(vpn), "AS", laptop.user(),
        "krbtgt/" + org.dnsDomain().toUpperCase(Locale.ROOT), null);
    return pool;
  }

  /** One piece of administration from an admin workstation: RDP, WMI or the admin share of a server. */
  public void administer(Device admin, long ts) {
    Device server = servers.get(random.nextInt(servers.size()));
    String account = Organisation.adminAccount(admin.user());
    Device dc = clients.resolver(admin);
    double r = random.nextDouble();
    if (r < 0.4) {
      windows.kerberos(ts, admin.ip(), dc, "TGS", account, "TERMSRV/" + windows.fqdn(server.name()), null);
      windows.rdp(ts + 50_000, admin.ip(), server, account, 120 + random.nextDouble() * 3000,
          Volumes.heavy(random, 400_000, 0.8), Volumes.heavy(random, 4_000_000, 0.8));
    } else if (r < 0.75) {
      windows.kerberos(ts, admin.ip(), dc, "TGS", account, "RPCSS/" + windows.fqdn(server.name()), null);
      List<String> ops = random.nextInt(5) == 0
          ? List.of("NTLMLogin", "ExecQuery", "ExecMethod")
          : List.of("NTLMLogin", "ExecQuery", "GetObject");
      windows.rpc(ts + 30_000, admin.ip(), server, "IRemoteSCMActivator RemoteCreateInstance", "IWbemServices",
          ops, Volumes.heavy(random, 3000, 1.0));
    } else {
      windows.kerberos(ts, admin.ip(), dc, "TGS", account, "cifs/" + windows.fqdn(server.name()), null);
      SmbOp op = new SmbOp("Windows\\Logs\\CBS\\CBS.log", false, Volumes.heavy(random, 2_000_000, 1.0));
      windows.smb(ts + 30_000, admin.ip(), server, "C$", List.of(op), null, admin.name());
    }
  }

  private String pickPopular() {
    List<String> popular = org.internet().popular();
    return popular.get((int) (Math.pow(random.nextDouble(), 2) * popular.size()));
  }
}
