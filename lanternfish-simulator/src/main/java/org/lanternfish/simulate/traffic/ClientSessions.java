package org.lanternfish.simulate.traffic;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.lanternfish.simulate.organisation.BrowserAgents;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;

/**
 * The sessions a person's device opens: browsing, file shares, intranet applications, logons, printing, and the
 * quiet telemetry a Windows client sends when nobody is at it.
 */
public final class ClientSessions {
  private static final List<String> SHARES = List.of("Projects", "Finance", "HR", "Engineering", "Public", "Sales");
  private static final List<String> DOCUMENTS =
      List.of("report.docx", "budget.xlsx", "minutes.docx", "drawing.pdf", "plan.xlsx", "notes.txt", "spec.pdf");
  private static final List<String> INTRANET_PATHS =
      List.of("/", "/api/v2/orders", "/timesheet", "/portal/home", "/api/v2/stock", "/static/app.js", "/search");

  private final Organisation org;
  private final Flows flows;
  private final WindowsFlows windows;
  private final SplittableRandom random;

  /** Creates client sessions for {@code org}. */
  public ClientSessions(Organisation org, Flows flows, WindowsFlows windows) {
    this.org = org;
    this.flows = flows;
    this.windows = windows;
    this.random = flows.random();
  }

  /** The DNS resolver (a domain controller at the device's site) a device asks. */
  public Device resolver(Device device) {
    List<Device> dcs = org.devices(Role.DOMAIN_CONTROLLER);
    for (Device dc : dcs) {
      if (dc.site().equals(device.site())) {
        return dc;
      }
    }
    return dcs.getFirst();
  }

  /** One session of a person working at {@code device} at time {@code ts}. */
  public void working(Device device, long ts) {
    double r = random.nextDouble();
    if (r < 0.40) {
      browse(device, ts, pickDomain(device));
    } else if (r < 0.47) {
      proxied(device, ts);
    } else if (r < 0.55) {
      intranet(device, ts);
    } else if (r < 0.65) {
      fileShare(device, ts);
    } else if (r < 0.73) {
      flows.dns(ts, device.ip(), resolver(device).ip(), "_ldap._tcp.dc._msdcs." + org.dnsDomain(), "SRV",
          List.of(windows.fqdn(resolver(device).name())));
    } else if (r < 0.79) {
      Device dc = resolver(device);
      String uid = flows.uid();
      flows.conn(uid, ts, new Endpoints(device.ip(), flows.ephemeralPort(), dc.ip(), 389), "tcp", "ldap",
          0.01 + random.nextDouble() * 0.2, 300 + random.nextInt(2000), 800 + random.nextInt(20000), "SF");
    } else if (r < 0.84) {
      Device app = pick(org.devices(Role.APP_SERVER));
      windows.kerberos(ts, device.ip(), resolver(device), "TGS", device.user(), "http/" + windows.fqdn(app.name()),
          null);
    } else if (r < 0.88) {
      windows.rpc(ts, device.ip(), resolver(device), "epmapper ept_map", "lsarpc",
          List.of("LsarOpenPolicy2", "LsarLookupSids2", "LsarClose"), 400);
    } else if (r < 0.90) {
      Device printer = pick(org.devices(Role.PRINTER));
      String uid = flows.uid();
      flows.conn(uid, ts, new Endpoints(device.ip(), flows.ephemeralPort(), printer.ip(), 9100), "tcp", null,
          1 + random.nextDouble() * 5, Volumes.heavy(random, 80_000, 1.2), 0, "SF");
    } else if (r < 0.92) {
      String uid = flows.uid();
      flows.conn(uid, ts, new Endpoints(device.ip(), 123, resolver(device).ip(), 123), "udp", "ntp", 0.001, 48, 48,
          "SF");
    } else if (r < 0.97) {
      internalTls(device, ts);
    } else {
      crl(device, ts);
    }
  }

  /** One background session of an idle but powered-on Windows client. */
  public void idle(Device device, long ts) {
    if (random.nextInt(3) == 0) {
      crl(device, ts);
    } else {
      browse(device, ts, "settings-win.data.microsoft.com");
    }
  }

  /** Resolves {@code domain} through the site's resolver and opens HTTPS to it. */
  public void browse(Device device, long ts, String domain) {
    String address = org.internet().addressOf(domain);
    Device dns = resolver(device);
    String dnsUid = flows.dns(ts, device.ip(), dns.ip(), domain, "A", List.of(address));
    if (random.nextInt(400) == 0) {
      flows.weird(ts + 30_000, dnsUid, new Endpoints(device.ip(), 53, dns.ip(), 53), "dns_unmatched_reply", "DNS");
    }
    if (random.nextInt(7) == 0) {
      flows.dns(ts + 500, dns.ip(), "8.8.8.8", domain, "A", List.of(address));
    }
    long start = ts + 2000 + random.nextInt(20_000);
    flows.tls(start, new Endpoints(device.ip(), flows.ephemeralPort(), address, 443), domain,
        0.2 + random.nextDouble() * 60, Volumes.heavy(random, 1800, 1.4), Volumes.heavy(random, 25_000, 1.1),
        random.nextInt(5) == 0, "ok");
  }

  private void proxied(Device device, long ts) {
    Device proxy = org.devices(Role.PROXY).getFirst();
    String domain = pickDomain(device);
    String uri = "/" + (char) ('a' + random.nextInt(26)) + "/" + random.nextInt(10_000) + ".html";
    long body = Volumes.heavy(random, 15_000, 1.2);
    HttpExchange request = new HttpExchange("GET", domain, "http://" + domain + uri, device.userAgent(), 0, body, 200,
        "text/html", null);
    flows.http(ts, new Endpoints(device.ip(), flows.ephemeralPort(), proxy.ip(), 8080), request);
    HttpExchange upstream = new HttpExchange("GET", domain, uri, device.userAgent(), 0, body, 200, "text/html", null);
    flows.http(ts + 3000, new Endpoints(proxy.ip(), flows.ephemeralPort(), org.internet().addressOf(domain), 80),
        upstream);
  }

  private void intranet(Device device, long ts) {
    Device app = pick(org.devices(Role.APP_SERVER));
    String host = windows.fqdn(app.name());
    boolean post = random.nextInt(5) == 0;
    HttpExchange x = new HttpExchange(post ? "POST" : "GET", host, pick(INTRANET_PATHS), device.userAgent(),
        post ? Volumes.heavy(random, 2000, 1.3) : 0, Volumes.heavy(random, 12_000, 1.2), 200,
        "application/json", null);
    Endpoints ep = new Endpoints(device.ip(), flows.ephemeralPort(), app.ip(), 80);
    lookup(device, app, ts);
    String uid = flows.http(ts + 3000, ep, x);
    // Legacy intranet applications on odd-numbered servers still authenticate with NTLM.
    if (app.index() % 2 == 1) {
      windows.ntlm(ts + 4000, uid, ep, device.user(), device.name(), app.name(), true);
    }
  }

  /** Resolves an internal server's name, now and then: Windows caches answers for their time to live. */
  private void lookup(Device device, Device server, long ts) {
    if (random.nextInt(3) == 0) {
      flows.dns(ts, device.ip(), resolver(device).ip(), windows.fqdn(server.name()), "A", List.of(server.ip()));
    }
  }

  private void fileShare(Device device, long ts) {
    Device server = fileServerOf(device);
    lookup(device, server, ts);
    windows.kerberos(ts + 2000, device.ip(), resolver(device), "TGS", device.user(),
        "cifs/" + windows.fqdn(server.name()), null);
    String share = SHARES.get(Math.floorMod(device.index() + random.nextInt(2), SHARES.size()));
    int n = 1 + random.nextInt(4);
    SmbOp[] ops = new SmbOp[n];
    for (int i = 0; i < n; i++) {
      String name = device.user() + "\\" + pick(DOCUMENTS);
      ops[i] = new SmbOp(name, random.nextInt(4) == 0, Volumes.heavy(random, 60_000, 1.1));
    }
    windows.smb(ts + 8000, device.ip(), server, share, List.of(ops), null, device.name());
  }

  /** The file server a device's department uses. */
  public Device fileServerOf(Device device) {
    List<Device> servers = org.devices(Role.FILE_SERVER);
    return servers.get(device.index() % servers.size());
  }

  private void internalTls(Device device, long ts) {
    Device app = pick(org.devices(Role.APP_SERVER));
    String sni = "intranet-" + app.name().toLowerCase(Locale.ROOT) + "." + org.dnsDomain();
    boolean selfSigned = app.index() % 3 == 0;
    Endpoints ep = new Endpoints(device.ip(), flows.ephemeralPort(), app.ip(), 8443);
    String uid = flows.tls(ts, ep, sni, 0.5 + random.nextDouble() * 30, Volumes.heavy(random, 3000, 1.3),
        Volumes.heavy(random, 40_000, 1.2), random.nextInt(10) == 0, selfSigned ? "self signed certificate" : "ok");
    if (selfSigned && random.nextInt(20) == 0) {
      flows.notice(ts + 100_000, uid, ep, "SSL::Invalid_Server_Cert",
          "SSL certificate validation failed with (self signed certificate)", "CN=" + sni);
    }
  }

  private void crl(Device device, long ts) {
    String host = "ctldl.windowsupdate.com";
    String address = org.internet().addressOf(host);
    flows.dns(ts, device.ip(), resolver(device).ip(), host, "A", List.of(address));
    HttpExchange x = new HttpExchange("GET", host, "/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab",
        BrowserAgents.CRYPTO_API, 0, 6000 + random.nextInt(3000), 200, "application/vnd.ms-cab-compressed", null);
    flows.http(ts + 5000, new Endpoints(device.ip(), flows.ephemeralPort(), address, 80), x);
  }

  /** Downloads a large update, as clients do on patch day. */
  public void update(Device device, long ts) {
    String host = "dl" + (1 + random.nextInt(4)) + ".delivery.mp.microsoft.com";
    String address = org.internet().addressOf(host);
    flows.dns(ts, device.ip(), resolver(device).ip(), host, "A", List.of(address));
    HttpExchange x = new HttpExchange("GET", host, "/filestreamingservice/files/" + flows.fuid().substring(1),
        BrowserAgents.DELIVERY_OPTIMIZATION, 0, Volumes.heavy(random, 150_000_000, 2.5), 200,
        "application/octet-stream", null);
    flows.http(ts + 4000, new Endpoints(device.ip(), flows.ephemeralPort(), address, 80), x);
  }

  private String pickDomain(Device device) {
    List<String> domains = device.domains();
    // Zipf-like: the head of a device's list gets most visits.
    int i = (int) Math.min(domains.size() - 1, Math.floor(Math.pow(random.nextDouble(), 2.2) * domains.size()));
    return domains.get(i);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
