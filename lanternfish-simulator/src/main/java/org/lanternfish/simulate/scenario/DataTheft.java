package org.lanternfish.simulate.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.traffic.Endpoints;
import org.lanternfish.simulate.traffic.HttpExchange;
import org.lanternfish.simulate.traffic.SmbOp;

/**
 * S3: admin credentials used on ordinary clients, masqueraded files written to {@code c$} shares each followed by
 * WMI {@code ExecMethod}, tens of GB pulled over SMB from one server, then slow exfiltration of a similar volume
 * to at least 16 rarely seen external sites. With variants: other credentials, one hop or a chain, vendor folders,
 * plain names or staging folders on {@code ADMIN$} or {@code C$}, execution by svcctl, the task scheduler or WinRM,
 * a few GB, a few sites, HTTPS, and hours between actions.
 */
final class DataTheft implements Scenario {
  private static final List<String> MASQUERADED = List.of(
      "ProgramData\\Oracle\\java.log", "ProgramData\\Oracle\\duxwfnfo", "ProgramData\\Adobe\\ARM\\webservices.dll",
      "ProgramData\\Adobe\\ARM\\wksprt.exe", "ProgramData\\Oracle\\Java\\wksprt.exe",
      "ProgramData\\Oracle\\Java\\webservices.dll", "ProgramData\\Microsoft\\DRM\\wksprt.exe",
      "ProgramData\\Microsoft\\DRM\\webservices.dll", "ProgramData\\Abletech\\Client\\webservices.dll",
      "ProgramData\\Abletech\\Client\\client.exe", "ProgramData\\3Dconnexion\\3DxWare\\3DxWare.exe",
      "ProgramData\\IDMComp\\UltraCompare\\updater.exe", "ProgramData\\IDMComp\\UltraCompare\\webservices.dll");
  private static final List<String> SEED_SITES = List.of("yasuconsulting.com", "www.tunemmuhendislik.com");
  private static final List<String> PLAIN_ACCOUNTS = List.of("jsmith", "helpdesk", "itsupport", "tech01", "operator");
  private static final List<String> PLAIN_NAMES =
      List.of("update.exe", "svc.exe", "setup.exe", "a.exe", "run.bat", "payload.dll", "1.exe", "tools.ps1");
  private static final List<String> STAGING =
      List.of("PerfLogs\\", "ProgramData\\", "Users\\Public\\", "Windows\\Temp\\");
  private static final long SECOND = 1_000_000L;

  @Override
  public String name() {
    return "Data theft";
  }

  @Override
  public void inject(ScenarioContext c) {
    var random = c.random();
    Device first = c.workstation(List.of());
    Device second = c.workstation(List.of(first));
    List<Device> admins = c.org().devices(Role.ADMIN_WORKSTATION);
    String admin = Organisation.adminAccount(c.pick(admins).user());
    String credential = c.variant("admin-account", "service-account", "user-account");
    String account = switch (credential) {
      case "service-account" -> c.pick(c.org().serviceAccounts());
      case "user-account" -> c.pick(PLAIN_ACCOUNTS);
      default -> admin;
    };
    String hops = c.variant("two-actors", "one-hop", "chain");
    List<Device> actors = hops.equals("two-actors") ? List.of(first, second) : List.of(first);
    String payload = c.variant("masquerade", "vendor-folder", "plain-name", "staging-folder");
    String share = c.variant("c$", "ADMIN$", "C$");
    String exec = c.variant("wmi", "svcctl", "task", "winrm");
    // Pace stretches every gap between the attacker's actions: hands on keyboard, or slow and patient.
    String tempo = c.variant("minutes-apart", "hours-apart");
    long pace = tempo.equals("hours-apart") ? 8 : 1;
    long t = c.localTime(first, 9 + random.nextDouble() * 2);

    c.begin("admin-credentials-on-client", "T1078.002", credential + "+" + hops, names(actors), ips(actors));
    for (Device actor : actors) {
      c.windows().kerberos(t, actor.ip(), c.clients().resolver(actor), "AS", account, "krbtgt/"
          + c.org().dnsDomain().toUpperCase(Locale.ROOT), null);
      t += (30 + random.nextInt(300)) * SECOND;
    }
    c.end();

    List<Device> touched = new ArrayList<>(actors);
    int uploads = hops.equals("one-hop") ? 1 : 3 + random.nextInt(4);
    Device source = first;
    for (int i = 0; i < uploads; i++) {
      if (!hops.equals("chain")) {
        source = actors.get(i % actors.size());
      }
      // The default run excluded only the actors, so its targets may repeat; variants spread over new ones.
      Device target = c.workstation(c.varies() ? touched : actors);
      touched.add(target);
      t += pace * (300 + random.nextInt(1800)) * SECOND;
      c.begin("smb-write-to-admin-share", "T1021.002", payload + "+" + share + "+" + credential + "+" + tempo,
          List.of(source.name(), target.name()), List.of(source.ip(), target.ip()));
      c.windows().kerberos(t, source.ip(), c.clients().resolver(source), "TGS", account,
          "cifs/" + c.windows().fqdn(target.name()), null);
      int start = random.nextInt(MASQUERADED.size());
      List<SmbOp> ops = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        String name = random.nextInt(4) == 0 ? randomPayload(c) : MASQUERADED.get((start + k) % MASQUERADED.size());
        name = redraw(c, payload, share, name, k);
        // One payload has one size wherever it is dropped, so its hash repeats across targets.
        ops.add(new SmbOp(name, true, 40_000 + Math.floorMod(name.hashCode(), 2_000_000)));
      }
      c.windows().smb(t + SECOND, source.ip(), target, share, ops, null, source.name());
      c.end();
      t += (3 + random.nextInt(20)) * SECOND;
      execute(c, exec, t, source, target, account);
      if (hops.equals("chain")) {
        source = target;
      }
    }

    List<Device> fileServers = c.org().devices(Role.FILE_SERVER);
    Device store = fileServers.get(random.nextInt(fileServers.size()));
    Device collector = hops.equals("two-actors") ? second : source;
    String amount = c.variant("tens-of-GB", "few-GB");
    long volume = amount.equals("few-GB") ? (1L + random.nextInt(3)) * 1_000_000_000L
        : (10L + random.nextInt(30)) * 1_000_000_000L;
    t += pace * (1800 + random.nextInt(3600)) * SECOND;
    c.begin("collection-over-smb", "T1039", amount + "+" + tempo, List.of(collector.name(), store.name()),
        List.of(collector.ip(), store.ip()));
    c.windows().kerberos(t, collector.ip(), c.clients().resolver(collector), "TGS", account,
        "cifs/" + c.windows().fqdn(store.name()), null);
    int sessions = 8 + random.nextInt(12);
    for (int s = 0; s < sessions; s++) {
      List<SmbOp> reads = new ArrayList<>();
      int files = 2 + random.nextInt(5);
      for (int f = 0; f < files; f++) {
        reads.add(new SmbOp("Engineering\\Designs\\" + String.format("%016x", random.nextLong()).substring(0, 6) + ".zip",
            false, volume / sessions / files));
      }
      c.windows().smb(t, collector.ip(), store, "Engineering", reads, null, collector.name());
      t += (60 + random.nextInt(240)) * SECOND;
    }
    c.end();

    String spread = c.variant("many-sites", "few-sites");
    String transport = c.variant("http", "https");
    List<String> sites = new ArrayList<>(SEED_SITES.subList(0, random.nextInt(SEED_SITES.size() + 1)));
    if (spread.equals("few-sites")) {
      sites = new ArrayList<>(sites.subList(0, Math.min(sites.size(), 1)));
      for (int n = 1 + random.nextInt(3); sites.size() < n; ) {
        sites.add(Internet.randomSite(random));
      }
    } else {
      while (sites.size() < 16 + random.nextInt(6)) {
        sites.add(Internet.randomSite(random));
      }
    }
    t += pace * (600 + random.nextInt(1800)) * SECOND;
    List<String> siteIps = sites.stream().map(s -> c.org().internet().addressOf(s)).toList();
    c.begin("slow-exfiltration", "T1041", spread + "+" + transport, List.of(collector.name()),
        List.of(collector.ip()));
    int uploadsOut = sites.size() * (6 + random.nextInt(6));
    long each = volume / uploadsOut;
    for (int i = 0; i < uploadsOut; i++) {
      String site = sites.get(i % sites.size());
      String ip = siteIps.get(i % sites.size());
      if (i < sites.size()) {
        c.flows().dns(t, collector.ip(), c.clients().resolver(collector).ip(), site, "A", List.of(ip));
      }
      if (transport.equals("https")) {
        c.flows().tls(t + SECOND, new Endpoints(collector.ip(), c.flows().ephemeralPort(), ip, 443), site,
            5 + random.nextDouble() * 60, each, 3000 + random.nextInt(4000), i < sites.size(), "ok");
      } else {
        HttpExchange post = new HttpExchange("POST", site, "/wp-content/uploads/" + random.nextInt(10_000) + ".php",
            collector.userAgent(), each, 200 + random.nextInt(400), 200, "text/html", null);
        c.flows().http(t + SECOND, new Endpoints(collector.ip(), c.flows().ephemeralPort(), ip, 80), post);
      }
      t += (30 + random.nextInt(150)) * SECOND;
    }
    c.end();
  }

  /** The remote execution that follows each upload, as the variant {@code exec} does it. */
  private static void execute(ScenarioContext c, String exec, long t, Device source, Device target, String account) {
    List<String> devices = List.of(source.name(), target.name());
    List<String> ips = List.of(source.ip(), target.ip());
    switch (exec) {
      case "svcctl" -> {
        c.begin("service-exec-after-upload", "T1569.002", exec, devices, ips);
        c.windows().pipe(t, source.ip(), target, "svcctl",
            List.of("OpenSCManagerW", "CreateServiceW", "StartServiceW", "DeleteService"));
      }
      case "task" -> {
        c.begin("task-exec-after-upload", "T1053.005", exec, devices, ips);
        c.windows().rpc(t, source.ip(), target, "epmapper ept_map", "ITaskSchedulerService",
            List.of("SchRpcRegisterTask", "SchRpcRun", "SchRpcDelete"), 2500);
      }
      case "winrm" -> {
        c.begin("winrm-exec-after-upload", "T1021.006", exec, devices, ips);
        c.windows().kerberos(t, source.ip(), c.clients().resolver(source), "TGS", account,
            "HTTP/" + c.windows().fqdn(target.name()), null);
        for (int i = 0; i < 3; i++) {
          HttpExchange x = new HttpExchange("POST", c.windows().fqdn(target.name()) + ":5985", "/wsman",
              "Microsoft WinRM Client", 3000 + c.random().nextInt(8000), 2000 + c.random().nextInt(6000), 200,
              "application/soap+xml", null);
          c.flows().http(t + (i + 1) * SECOND, new Endpoints(source.ip(), c.flows().ephemeralPort(), target.ip(), 5985),
              x);
        }
      }
      default -> {
        c.begin("wmi-exec-after-upload", "T1047", exec, devices, ips);
        c.windows().rpc(t, source.ip(), target, "IRemoteSCMActivator RemoteCreateInstance", "IWbemServices",
            List.of("NTLMLogin", "ExecMethod"), 1500);
      }
    }
    c.end();
  }

  /** The payload's path as variant {@code payload} names it on {@code share} ({@code ADMIN$} is C:\\Windows). */
  private static String redraw(ScenarioContext c, String payload, String share, String name, int k) {
    String file = switch (payload) {
      case "vendor-folder" -> randomPayload(c) + (k == 0 ? ".exe" : ".dll");
      case "plain-name" -> c.pick(PLAIN_NAMES);
      case "staging-folder" -> c.pick(STAGING) + c.pick(PLAIN_NAMES);
      default -> name;
    };
    if (!share.equals("ADMIN$")) {
      return file;
    }
    String leaf = file.substring(file.lastIndexOf('\\') + 1);
    return payload.equals("staging-folder") ? "Temp\\" + leaf : leaf;
  }

  private static String randomPayload(ScenarioContext c) {
    StringBuilder sb = new StringBuilder("ProgramData\\");
    sb.append(c.pick(List.of("Adobe\\ARM\\", "Oracle\\", "IDMComp\\UltraCompare\\", "Microsoft\\DRM\\")));
    for (int i = 0; i < 10; i++) {
      sb.append((char) ('a' + c.random().nextInt(26)));
    }
    return sb.toString();
  }

  private static List<String> names(List<Device> devices) {
    return devices.stream().map(Device::name).toList();
  }

  private static List<String> ips(List<Device> devices) {
    return devices.stream().map(Device::ip).toList();
  }
}
