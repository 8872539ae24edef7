package org.lanternfish.simulate.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.zeek.LogRecord;

/**
 * Benign routines that use an attacker's techniques, drawn per organisation: a directory-sync server replicating
 * from the domain controllers every 30 minutes, an admin creating services on servers weekly, software
 * distribution writing executables to {@code ADMIN$} weekly, backups reading {@code C$} nightly, WMI monitoring
 * daily, a legacy application asking for RC4 service tickets hourly and an inventory server connecting to the
 * shares of every server each morning. Real networks raise most of their false breaches on such routines; detection
 * must learn them.
 */
public final class Routines {
  private static final long SECOND = 1_000_000L;

  private final Organisation org;
  private final SplittableRandom random;
  private final WindowsFlows windows;
  private final ServerSessions servers;
  private final ClientSessions clients;
  private final Device sync;
  private final Device admin;
  private final Device deploy;
  private final Device backup;
  private final Device monitor;
  private final int adminWeekday;
  private final int deployWeekday;
  private final String syncAccount;
  private final List<Device> serverTargets;
  /** The look-alikes added later draw from sources of their own, so the ones above draw what they always drew. */
  private final SplittableRandom later;
  private final WindowsFlows laterWindows;
  private final Device legacyApp;
  private final Device inventory;
  private final List<Device> inventoried;
  private int day;

  /** Draws the routines of {@code org} from {@code seed}, emitting into {@code sink}. */
  public Routines(long seed, Organisation org, Consumer<LogRecord> sink) {
    this.org = org;
    this.random = new SplittableRandom(Internet.mix(seed ^ 0x5e71eL));
    Flows flows = new Flows(random, sink, 0x7eL << 48);
    this.windows = new WindowsFlows(flows, org);
    this.clients = new ClientSessions(org, flows, windows);
    this.servers = new ServerSessions(org, flows, windows, clients);
    List<Device> apps = org.devices(Role.APP_SERVER);
    this.serverTargets = org.devices().stream()
        .filter(d -> !d.role().client() && d.role() != Role.PRINTER && d.role() != Role.VPN_CONCENTRATOR).toList();
    // Each routine runs in most organisations, not all, so a model cannot lean on its presence.
    this.sync = present() ? apps.get(random.nextInt(apps.size())) : null;
    this.admin = present() ? org.devices(Role.ADMIN_WORKSTATION).getFirst() : null;
    this.deploy = present() ? apps.get(random.nextInt(apps.size())) : null;
    this.backup = present() ? org.devices(Role.BACKUP_SERVER).getFirst() : null;
    this.monitor = present() ? apps.get(random.nextInt(apps.size())) : null;
    this.adminWeekday = random.nextInt(5);
    this.deployWeekday = random.nextInt(5);
    this.syncAccount = "MSOL_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(0, 12);
    this.later = new SplittableRandom(Internet.mix(seed ^ 0x1a7e5L));
    this.laterWindows = new WindowsFlows(new Flows(later, sink, 0x7dL << 48), org);
    this.legacyApp = later.nextInt(4) != 0 ? apps.get(later.nextInt(apps.size())) : null;
    this.inventory = later.nextInt(4) != 0 ? apps.get(later.nextInt(apps.size())) : null;
    List<Device> hosts = new ArrayList<>(serverTargets);
    hosts.addAll(org.devices(Role.WORKSTATION));
    hosts.remove(inventory);
    this.inventoried = hosts.subList(0, Math.min(hosts.size(), 30));
  }

  private boolean present() {
    return random.nextInt(4) != 0;
  }

  /** Starts day {@code index} of the run. */
  public void startDay(int index) {
    this.day = index;
  }

  /** Emits the routines' sessions in the minute from {@code t0}, {@code minuteOfDay} minutes into the UTC day. */
  public void minute(long t0, int minuteOfDay) {
    if (sync != null && minuteOfDay % 30 == 7) {
      directorySync(t0);
    }
    if (admin != null && day % 7 == adminWeekday && minuteOfDay == 9 * 60 + 20) {
      createServices(t0);
    }
    if (deploy != null && day % 7 == deployWeekday && minuteOfDay == 19 * 60) {
      distributeSoftware(t0);
    }
    if (backup != null && minuteOfDay == 23 * 60 + 10) {
      backupSystemDrives(t0);
    }
    if (monitor != null && minuteOfDay == 6 * 60) {
      monitorWithWmi(t0);
    }
    if (legacyApp != null && minuteOfDay % 60 == 41) {
      legacyTickets(t0);
    }
    if (inventory != null && minuteOfDay == 5 * 60 + 30) {
      inventoryShares(t0);
    }
  }

  /** A legacy application whose service account has no AES keys asks for its two RC4 service tickets. */
  private void legacyTickets(long t0) {
    Device dc = clients.resolver(legacyApp);
    long ts = t0 + later.nextInt(30) * SECOND;
    laterWindows.kerberos(ts, legacyApp.ip(), dc, "TGS", "svc_legacy", "HTTP/" + laterWindows.fqdn(legacyApp.name()),
        null, "rc4-hmac");
    laterWindows.kerberos(ts + SECOND, legacyApp.ip(), dc, "TGS", "svc_legacy", "MSSQLSvc/"
        + laterWindows.fqdn(legacyApp.name()) + ":1433", null, "rc4-hmac");
  }

  /** An inventory server connects to the IPC$ share of every server and workstation in a few minutes. */
  private void inventoryShares(long t0) {
    long ts = t0;
    for (Device host : inventoried) {
      ts += (1 + later.nextInt(8)) * SECOND;
      laterWindows.smb(ts, inventory.ip(), host, "IPC$", List.of(), "svc_inventory", inventory.name());
    }
  }

  private void directorySync(long t0) {
    List<Device> dcs = org.devices(Role.DOMAIN_CONTROLLER);
    Device dc = dcs.get(day % dcs.size());
    long ts = t0 + random.nextInt(30 * 1_000_000);
    windows.kerberos(ts, sync.ip(), dc, "TGS", syncAccount,
        "E3514235-4B06-11D1-AB04-00C04FC2DCD2/" + windows.fqdn(dc.name()), null);
    servers.pullChanges(ts + SECOND, sync.ip(), dc, 1 + random.nextInt(4));
  }

  private void createServices(long t0) {
    String account = Organisation.adminAccount(admin.user());
    Device dc = clients.resolver(admin);
    long ts = t0;
    for (Device server : some(serverTargets, 3 + random.nextInt(4))) {
      ts += (20 + random.nextInt(120)) * SECOND;
      windows.kerberos(ts, admin.ip(), dc, "TGS", account, "cifs/" + windows.fqdn(server.name()), null);
      windows.smb(ts + SECOND, admin.ip(), server, "ADMIN$", List.of(new SmbOp("PSEXESVC.exe", true, 383_872)), null,
          admin.name());
      windows.pipe(ts + 3 * SECOND, admin.ip(), server, "svcctl",
          List.of("OpenSCManagerW", "CreateServiceW", "StartServiceW", "CloseServiceHandle"));
    }
  }

  private void distributeSoftware(long t0) {
    List<Device> desks = org.devices().stream().filter(d -> d.role().client() && d.firstDay() <= day).toList();
    long ts = t0;
    String version = (5 + day / 7) + "." + random.nextInt(10);
    for (Device desk : desks) {
      ts += random.nextInt(10 * 1_000_000);
      windows.kerberos(ts, deploy.ip(), clients.resolver(deploy), "TGS", "svc_deploy",
          "cifs/" + windows.fqdn(desk.name()), null);
      List<SmbOp> ops = List.of(new SmbOp("ccmsetup\\ccmsetup.exe", true, 2_741_336),
          new SmbOp("ccmsetup\\client-" + version + ".msi", true, 48_000_000));
      windows.smb(ts + SECOND, deploy.ip(), desk, "ADMIN$", ops, null, deploy.name());
    }
  }

  private void backupSystemDrives(long t0) {
    long ts = t0;
    for (Device server : serverTargets) {
      if (server == backup) {
        continue;
      }
      ts += (5 + random.nextInt(40)) * SECOND;
      windows.kerberos(ts, backup.ip(), clients.resolver(backup), "TGS", "svc_backup",
          "cifs/" + windows.fqdn(server.name()), null);
      SmbOp op = new SmbOp("Windows\\System32\\config\\SYSTEM.bak", false, Volumes.heavy(random, 60_000_000, 0.4));
      windows.smb(ts + SECOND, backup.ip(), server, "C$", List.of(op), null, backup.name());
    }
  }

  private void monitorWithWmi(long t0) {
    long ts = t0;
    for (Device server : serverTargets) {
      if (server == monitor) {
        continue;
      }
      ts += random.nextInt(20 * 1_000_000);
      windows.kerberos(ts, monitor.ip(), clients.resolver(monitor), "TGS", "svc_monitor",
          "RPCSS/" + windows.fqdn(server.name()).toLowerCase(Locale.ROOT), null);
      windows.rpc(ts + SECOND, monitor.ip(), server, "IRemoteSCMActivator RemoteCreateInstance", "IWbemServices",
          List.of("NTLMLogin", "ExecQuery", "ExecQuery", "ExecQuery"), Volumes.heavy(random, 8000, 0.5));
    }
  }

  private List<Device> some(List<Device> devices, int n) {
    List<Device> pool = new ArrayList<>(devices);
    List<Device> chosen = new ArrayList<>();
    while (chosen.size() < n && !pool.isEmpty()) {
      chosen.add(pool.remove(random.nextInt(pool.size())));
    }
    return chosen;
  }
}
