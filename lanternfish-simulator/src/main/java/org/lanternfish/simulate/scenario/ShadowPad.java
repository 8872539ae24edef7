package org.lanternfish.simulate.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.traffic.Endpoints;
import org.lanternfish.simulate.traffic.SmbOp;

/**
 * S2: a VPN login with stolen credentials from an attacker device, service-account logons, RDP and SMB from the
 * VPN pool to a domain controller, payloads in {@code C:\PerfLogs\}, DCSync against a second domain controller,
 * then HTTPS command and control and DNS TXT tunnelling from the compromised controller. With variants: a known
 * laptop or an internal workstation as the entry, admin or user credentials, other staging folders, DCSync from a
 * member server, command and control with 50% jitter or over DNS, and CNAME or MX tunnelling.
 */
final class ShadowPad implements Scenario {
  private static final List<String> ATTACKER_HOSTS = List.of("DESKTOP-O82ILGG", "DESKTOP-", "WIN-");
  private static final List<String> EXIT_IPS = List.of("194.5.83.25", "");
  private static final List<String> PAYLOADS =
      List.of("log.dll", "perf.exe", "mscoree.dll", "SecurityHealthService.exe", "vmtools.dll", "config.ini");
  private static final List<String> C2_NAMES = List.of("dscriy.chtq.net", "");
  private static final List<String> TUNNEL_DOMAINS = List.of("cybaq.chtq.net", "");

  @Override
  public String name() {
    return "ShadowPad";
  }

  @Override
  public void inject(ScenarioContext c) {
    var random = c.random();
    String attacker = drawHost(c);
    String exitIp = c.pick(EXIT_IPS);
    if (exitIp.isEmpty()) {
      exitIp = "185." + (100 + random.nextInt(150)) + "." + random.nextInt(256) + "." + (2 + random.nextInt(250));
    }
    String poolIp = c.org().vpnPrefix() + (200 + random.nextInt(50)) + "." + (10 + random.nextInt(240));
    List<Device> dcs = c.org().devices(Role.DOMAIN_CONTROLLER);
    Device dc1 = dcs.get(random.nextInt(dcs.size()));
    Device dc2 = dcs.get((dcs.indexOf(dc1) + 1 + random.nextInt(dcs.size() - 1)) % dcs.size());
    Device vpn = c.org().devices(Role.VPN_CONCENTRATOR).getFirst();
    List<Device> laptops = c.org().devices(Role.LAPTOP).isEmpty() ? c.org().devices(Role.WORKSTATION)
        : c.org().devices(Role.LAPTOP);
    Device victim = c.pick(laptops);
    String stolen = victim.user();
    String service = c.pick(c.org().serviceAccounts());
    long t = c.localTime(dc1, 1 + random.nextDouble() * 4);
    long second = 1_000_000L;
    String entry = c.variant("new-device-vpn", "known-device-vpn", "internal-workstation");
    String credential = c.variant("service-account", "admin-account", "user-account");
    String account = switch (credential) {
      case "admin-account" -> Organisation.adminAccount(c.pick(c.org().devices(Role.ADMIN_WORKSTATION)).user());
      case "user-account" -> stolen;
      default -> service;
    };
    String from = poolIp;
    String home = exitIp;
    if (entry.equals("known-device-vpn") && victim.role() == Role.LAPTOP) {
      // The stolen laptop itself connects from its owner's home, into the address the pool always gives it.
      attacker = victim.name();
      home = victim.homeIp();
      from = c.org().vpnPrefix() + (victim.index() / 240) % 200 + "." + (10 + victim.index() % 240);
    } else if (entry.equals("internal-workstation")) {
      Device desk = c.workstation(List.of());
      attacker = desk.name();
      from = desk.ip();
    }

    if (!entry.equals("internal-workstation")) {
      c.begin("vpn-login", "T1133", entry, List.of(attacker, vpn.name()), List.of(home, c.org().publicIp(), from));
      c.flows().tls(t, new Endpoints(home, c.flows().ephemeralPort(), c.org().publicIp(), 443),
          "vpn." + c.org().dnsDomain(), 3 * 3600 + random.nextInt(3600), 30_000_000, 80_000_000, false, "ok");
      c.windows().kerberos(t + 900_000, vpn.ip(), dc1, "AS", stolen, krbtgt(c), null);
      c.end();
    }

    t += (60 + random.nextInt(600)) * second;
    c.begin("service-account-logon", "T1078.002", credential + "+" + entry, List.of(attacker, dc1.name()),
        List.of(from, dc1.ip()));
    c.windows().kerberos(t, from, dc1, "AS", account, krbtgt(c), null);
    c.windows().smb(t + 5 * second, from, dc1, "IPC$", List.of(), account, attacker);
    c.end();

    t += (120 + random.nextInt(900)) * second;
    c.begin("rdp-to-domain-controller", "T1021.001", entry, List.of(attacker, dc1.name()), List.of(from, dc1.ip()));
    long rdpAt = t;
    c.windows().rdp(t, from, dc1, account, 600 + random.nextInt(2400), 2_000_000 + random.nextInt(5_000_000),
        10_000_000 + random.nextInt(30_000_000));
    c.end();

    t += (60 + random.nextInt(300)) * second;
    String folder = c.variant("PerfLogs", "ProgramData", "Users-Public", "Windows-Temp");
    String share = folder.equals("Windows-Temp") ? "ADMIN$" : "C$";
    String prefix = switch (folder) {
      case "ProgramData" -> "ProgramData\\";
      case "Users-Public" -> "Users\\Public\\";
      case "Windows-Temp" -> "Temp\\";
      default -> "PerfLogs\\";
    };
    c.begin("payload-to-perflogs", "T1570", folder, List.of(attacker, dc1.name()), List.of(from, dc1.ip()));
    List<SmbOp> ops = new ArrayList<>();
    int files = 2 + random.nextInt(3);
    for (int i = 0; i < files; i++) {
      ops.add(new SmbOp(prefix + PAYLOADS.get((i + random.nextInt(PAYLOADS.size())) % PAYLOADS.size()), true,
          50_000 + random.nextInt(900_000)));
    }
    c.windows().smb(t, from, dc1, share, ops, account, attacker);
    c.end();

    t += (300 + random.nextInt(1800)) * second;
    String replicator = c.variant("from-attacker", "from-member-server");
    String puller = from;
    String pullerName = attacker;
    if (replicator.equals("from-member-server")) {
      Device member = c.pick(c.org().devices(Role.APP_SERVER));
      puller = member.ip();
      pullerName = member.name();
    }
    c.begin("dcsync", "T1003.006", replicator, List.of(pullerName, dc2.name()), List.of(puller, dc2.ip()));
    c.servers().pullChanges(t, puller, dc2, 4 + random.nextInt(8));
    long dcsync = t;
    c.end();

    String c2Name = c.pick(C2_NAMES);
    if (c2Name.isEmpty()) {
      c2Name = Internet.randomSite(random).replace("www.", "");
    }
    String c2Ip = c.org().internet().addressOf(c2Name);
    t += (600 + random.nextInt(1800)) * second;
    String channel = c.variant("https-jitter10", "https-jitter50", "dns-jitter50");
    double jitter = channel.equals("https-jitter10") ? 0.2 : 1.0;
    boolean overDns = channel.startsWith("dns");
    c.begin(overDns ? "dns-c2" : "https-c2", overDns ? "T1071.004" : "T1071.001", channel,
        List.of(dc1.name(), c2Name), List.of(dc1.ip(), c2Ip));
    c.flows().dns(t, dc1.ip(), "8.8.8.8", c2Name, "A", List.of(c2Ip));
    int beacons = 20 + random.nextInt(40);
    long period = (120 + random.nextInt(480)) * second;
    long b = t + 2 * second;
    for (int i = 0; i < beacons; i++) {
      if (overDns) {
        String label = Long.toHexString(random.nextLong() >>> 20);
        c.flows().dns(b, dc1.ip(), "8.8.8.8", label + "." + c2Name, "A",
            List.of("104." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)));
      } else {
        c.flows().tls(b, new Endpoints(dc1.ip(), c.flows().ephemeralPort(), c2Ip, 443), c2Name,
            0.5 + random.nextDouble() * 3, 900 + random.nextInt(600), 1200 + random.nextInt(3000), i == 0, "ok");
      }
      b += period + (long) ((random.nextDouble() - 0.5) * jitter * period);
    }
    c.end();

    String tunnel = c.pick(TUNNEL_DOMAINS);
    if (tunnel.isEmpty()) {
      tunnel = "c" + Internet.randomSite(random).replace("www.", "");
    }
    t += (300 + random.nextInt(1200)) * second;
    String record = c.variant("TXT", "CNAME", "MX");
    c.begin("dns-tunnel", "T1071.004", record, List.of(dc1.name(), tunnel), List.of(dc1.ip(), c2Ip));
    int queries = 150 + random.nextInt(300);
    for (int i = 0; i < queries; i++) {
      String label = String.format("%016x", random.nextLong()).substring(0, 8 + random.nextInt(8));
      String answer = record.equals("TXT")
          ? "TXT " + (20 + random.nextInt(100)) + " " + Long.toHexString(random.nextLong())
          : Long.toHexString(random.nextLong()) + "." + tunnel;
      c.flows().dns(t, dc1.ip(), c2Ip, label + "." + tunnel, record, List.of(answer));
      t += (2 + random.nextInt(25)) * second;
    }
    c.end();

    if (c.varies()) {
      reconnaissance(c, attacker, from, account, dc1, rdpAt + (5 + random.nextInt(60)) * second);
    }

    if (replicator.equals("from-member-server")) {
      // The member server asked for a replication ticket under the stolen account before its DCSync (perhaps the
      // very server whose own account replicates every half hour). Emitted last, so every step draws what it always
      // drew; the step itself is the replication its breach must cite.
      c.windows().kerberos(dcsync - 2 * second, puller, dc2, "TGS", account,
          "E3514235-4B06-11D1-AB04-00C04FC2DCD2/" + c.windows().fqdn(dc2.name()), null);
    }
  }

  /**
   * Variants only, emitted after every other step so those draw what they always drew: once in the domain
   * controller's desktop, the attacker enumerates shares across the network and asks for RC4 service tickets of many
   * services to crack offline (Kerberoasting), as fast or as spread out as its variant says.
   */
  private static void reconnaissance(ScenarioContext c, String attacker, String from, String account, Device dc,
      long start) {
    var random = c.random();
    long second = 1_000_000L;
    String pace = c.variant("burst", "minutes");
    long gap = pace.equals("burst") ? 3 : 20;
    List<Device> hosts = new ArrayList<>(c.org().devices().stream()
        .filter(d -> d.role() != Role.VPN_CONCENTRATOR && !d.ip().equals(from)).toList());
    int sweep = Math.min(hosts.size(), 12 + random.nextInt(30));
    List<String> names = new ArrayList<>(List.of(attacker));
    List<String> ips = new ArrayList<>(List.of(from));
    long t = start;
    c.begin("share-enumeration", "T1135", pace, names, ips);
    for (int i = 0; i < sweep; i++) {
      Device host = hosts.remove(random.nextInt(hosts.size()));
      names.add(host.name());
      ips.add(host.ip());
      c.windows().smb(t, from, host, "IPC$", List.of(), account, attacker);
      t += (1 + random.nextInt((int) gap)) * second;
    }
    c.end();
    t += (30 + random.nextInt(120)) * second;
    int services = 10 + random.nextInt(30);
    c.begin("kerberoasting", "T1558.003", pace, List.of(attacker, dc.name()), List.of(from, dc.ip()));
    for (int i = 0; i < services; i++) {
      String host = c.windows().fqdn("srv" + (100 + random.nextInt(900)));
      String spn = switch (i % 3) {
        case 0 -> "MSSQLSvc/" + host + ":1433";
        case 1 -> "HTTP/" + host;
        default -> "CIFS/" + host + "/svc" + i;
      };
      c.windows().kerberos(t, from, dc, "TGS", account, spn, null, "rc4-hmac");
      t += (1 + random.nextInt((int) gap)) * second;
    }
    c.end();
  }

  private static String drawHost(ScenarioContext c) {
    String host = c.pick(ATTACKER_HOSTS);
    if (host.endsWith("-")) {
      String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
      StringBuilder sb = new StringBuilder(host);
      for (int i = 0; i < 7; i++) {
        sb.append(letters.charAt(c.random().nextInt(letters.length())));
      }
      return sb.toString();
    }
    return host;
  }

  private static String krbtgt(ScenarioContext c) {
    return "krbtgt/" + c.org().dnsDomain().toUpperCase(Locale.ROOT);
  }
}
