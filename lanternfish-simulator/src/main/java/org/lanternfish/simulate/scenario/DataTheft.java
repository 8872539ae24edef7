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
 * to at least 16 rarely seen external sites.
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
    List<Device> actors = List.of(first, second);
    List<Device> admins = c.org().devices(Role.ADMIN_WORKSTATION);
    String admin = Organisation.adminAccount(c.pick(admins).user());
    long t = c.localTime(first, 9 + random.nextDouble() * 2);

    c.begin("admin-credentials-on-client", "T1078.002", names(actors), ips(actors));
    for (Device actor : actors) {
      c.windows().kerberos(t, actor.ip(), c.clients().resolver(actor), "AS", admin, "krbtgt/"
          + c.org().dnsDomain().toUpperCase(Locale.ROOT), null);
      t += (30 + random.nextInt(300)) * SECOND;
    }
    c.end();

    List<Device> targets = new ArrayList<>();
    int uploads = 3 + random.nextInt(4);
    for (int i = 0; i < uploads; i++) {
      Device source = actors.get(i % 2);
      Device target = c.workstation(actors);
      targets.add(target);
      t += (300 + random.nextInt(1800)) * SECOND;
      c.begin("smb-write-to-admin-share", "T1021.002", List.of(source.name(), target.name()),
          List.of(source.ip(), target.ip()));
      c.windows().kerberos(t, source.ip(), c.clients().resolver(source), "TGS", admin,
          "cifs/" + c.windows().fqdn(target.name()), null);
      int start = random.nextInt(MASQUERADED.size());
      List<SmbOp> ops = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        String name = random.nextInt(4) == 0 ? randomPayload(c) : MASQUERADED.get((start + k) % MASQUERADED.size());
        // One payload has one size wherever it is dropped, so its hash repeats across targets.
        ops.add(new SmbOp(name, true, 40_000 + Math.floorMod(name.hashCode(), 2_000_000)));
      }
      c.windows().smb(t + SECOND, source.ip(), target, "c$", ops, null, source.name());
      c.end();
      t += (3 + random.nextInt(20)) * SECOND;
      c.begin("wmi-exec-after-upload", "T1047", List.of(source.name(), target.name()),
          List.of(source.ip(), target.ip()));
      c.windows().rpc(t, source.ip(), target, "IRemoteSCMActivator RemoteCreateInstance", "IWbemServices",
          List.of("NTLMLogin", "ExecMethod"), 1500);
      c.end();
    }

    List<Device> fileServers = c.org().devices(Role.FILE_SERVER);
    Device store = fileServers.get(random.nextInt(fileServers.size()));
    Device collector = second;
    long volume = (10L + random.nextInt(30)) * 1_000_000_000L;
    t += (1800 + random.nextInt(3600)) * SECOND;
    c.begin("collection-over-smb", "T1039", List.of(collector.name(), store.name()),
        List.of(collector.ip(), store.ip()));
    c.windows().kerberos(t, collector.ip(), c.clients().resolver(collector), "TGS", admin,
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

    List<String> sites = new ArrayList<>(SEED_SITES.subList(0, random.nextInt(SEED_SITES.size() + 1)));
    while (sites.size() < 16 + random.nextInt(6)) {
      sites.add(Internet.randomSite(random));
    }
    t += (600 + random.nextInt(1800)) * SECOND;
    List<String> siteIps = sites.stream().map(s -> c.org().internet().addressOf(s)).toList();
    c.begin("slow-exfiltration", "T1041", List.of(collector.name()), List.of(collector.ip()));
    int uploadsOut = sites.size() * (6 + random.nextInt(6));
    long each = volume / uploadsOut;
    for (int i = 0; i < uploadsOut; i++) {
      String site = sites.get(i % sites.size());
      String ip = siteIps.get(i % sites.size());
      if (i < sites.size()) {
        c.flows().dns(t, collector.ip(), c.clients().resolver(collector).ip(), site, "A", List.of(ip));
      }
      HttpExchange post = new HttpExchange("POST", site, "/wp-content/uploads/" + random.nextInt(10_000) + ".php",
          collector.userAgent(), each, 200 + random.nextInt(400), 200, "text/html", null);
      c.flows().http(t + SECOND, new Endpoints(collector.ip(), c.flows().ephemeralPort(), ip, 80), post);
      t += (30 + random.nextInt(150)) * SECOND;
    }
    c.end();
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
