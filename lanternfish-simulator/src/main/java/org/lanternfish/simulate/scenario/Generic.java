package org.lanternfish.simulate.scenario;

import java.util.List;
import java.util.Locale;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.traffic.Endpoints;

/** The generic intrusions every NDR is expected to see: beaconing, a port scan, a brute force, DGA lookups. */
final class Generic {
  private static final long SECOND = 1_000_000L;

  private Generic() {}

  /** Regular HTTPS callbacks with small jitter from one workstation to a rare external site. */
  static final class Beaconing implements Scenario {
    @Override
    public String name() {
      return "Beaconing";
    }

    @Override
    public void inject(ScenarioContext c) {
      var random = c.random();
      Device host = c.workstation(List.of());
      String domain = Internet.randomSite(random).replace("www.", "cdn-");
      String ip = c.org().internet().addressOf(domain);
      long t = c.localTime(host, 8 + random.nextDouble() * 6);
      long period = (45 + random.nextInt(600)) * SECOND;
      int beacons = (int) Math.min(300, 6 * 3600 * SECOND / period);
      String jitter = c.variant("jitter10", "jitter50");
      double spread = jitter.equals("jitter10") ? 0.1 : 1.0;
      c.begin("beaconing", "T1071.001", jitter, List.of(host.name(), domain), List.of(host.ip(), ip));
      c.flows().dns(t, host.ip(), c.clients().resolver(host).ip(), domain, "A", List.of(ip));
      for (int i = 0; i < beacons; i++) {
        t += period + (long) ((random.nextDouble() - 0.5) * spread * period);
        c.flows().tls(t, new Endpoints(host.ip(), c.flows().ephemeralPort(), ip, 443), domain,
            0.2 + random.nextDouble(), 600 + random.nextInt(200), 2500 + random.nextInt(400), i == 0, "ok");
      }
      c.end();
    }
  }

  /** A workstation probing hundreds of TCP ports on an internal server within a minute or two. */
  static final class PortScan implements Scenario {
    @Override
    public String name() {
      return "Port scan";
    }

    @Override
    public void inject(ScenarioContext c) {
      var random = c.random();
      Device host = c.workstation(List.of());
      Device target = c.pick(c.org().devices(Role.APP_SERVER));
      long t = c.localTime(host, 9 + random.nextDouble() * 7);
      int ports = 200 + random.nextInt(800);
      c.begin("port-scan", "T1046", List.of(host.name(), target.name()), List.of(host.ip(), target.ip()));
      int srcPort = c.flows().ephemeralPort();
      String firstUid = null;
      for (int p = 1; p <= ports; p++) {
        int port = p <= 1024 ? p : 1024 + random.nextInt(64_000);
        boolean open = port == 80 || port == 135 || port == 445 || port == 3389 || port == 8443;
        String uid = c.flows().uid();
        c.flows().conn(uid, t, new Endpoints(host.ip(), srcPort, target.ip(), port), "tcp", null,
            open ? 0.0004 : 0.0002, 0, 0, open ? "RSTO" : "REJ");
        if (firstUid == null) {
          firstUid = uid;
        }
        t += 20_000 + random.nextInt(200_000);
      }
      c.flows().notice(t, firstUid, new Endpoints(host.ip(), srcPort, target.ip(), 0), "Scan::Port_Scan",
          host.ip() + " scanned at least 15 unique ports of host " + target.ip(), "local");
      c.end();
    }
  }

  /** A password spray: Kerberos pre-authentication failures for many accounts from one workstation. */
  static final class BruteForce implements Scenario {
    @Override
    public String name() {
      return "Brute force";
    }

    @Override
    public void inject(ScenarioContext c) {
      var random = c.random();
      Device host = c.workstation(List.of());
      Device dc = c.clients().resolver(host);
      List<Device> people = c.org().devices().stream().filter(d -> d.user() != null).toList();
      long t = c.localTime(host, 11 + random.nextDouble() * 8);
      int attempts = 60 + random.nextInt(200);
      c.begin("password-spray", "T1110.003", List.of(host.name(), dc.name()), List.of(host.ip(), dc.ip()));
      for (int i = 0; i < attempts; i++) {
        String account = people.get(random.nextInt(people.size())).user();
        boolean guessed = i == attempts - 1;
        c.windows().kerberos(t, host.ip(), dc, "AS", account, "krbtgt/"
            + c.org().dnsDomain().toUpperCase(Locale.ROOT), guessed ? null : "KDC_ERR_PREAUTH_FAILED");
        t += 200_000 + random.nextInt(3_000_000);
      }
      c.end();
    }
  }

  /** Lookups of many algorithmically generated domains, most of them nonexistent, then one callback. */
  static final class Dga implements Scenario {
    @Override
    public String name() {
      return "DGA domains";
    }

    @Override
    public void inject(ScenarioContext c) {
      var random = c.random();
      Device host = c.workstation(List.of());
      String resolver = c.clients().resolver(host).ip();
      long t = c.localTime(host, 8 + random.nextDouble() * 10);
      int lookups = 50 + random.nextInt(250);
      String tld = c.pick(List.of("com", "net", "info", "biz", "top"));
      c.begin("dga-lookups", "T1568.002", List.of(host.name()), List.of(host.ip()));
      for (int i = 0; i < lookups; i++) {
        StringBuilder name = new StringBuilder();
        int length = 10 + random.nextInt(12);
        for (int k = 0; k < length; k++) {
          name.append((char) ('a' + random.nextInt(26)));
        }
        String domain = name + "." + tld;
        boolean live = i == lookups - 1;
        String ip = c.org().internet().addressOf(domain);
        c.flows().dns(t, host.ip(), resolver, domain, "A", live ? List.of(ip) : List.of());
        if (live) {
          c.flows().tls(t + 50_000, new Endpoints(host.ip(), c.flows().ephemeralPort(), ip, 443), domain, 1.2, 900,
              4000, true, "unable to get local issuer certificate");
        }
        t += 100_000 + random.nextInt(2_000_000);
      }
      c.end();
    }
  }

  /**
   * A reverse shell on a port of its own (Meterpreter reverse_tcp style): a stager pulls the payload from a bare
   * address, then the shell holds long sessions to it and reconnects when one drops.
   */
  static final class UnusualPortC2 implements Scenario {
    private static final List<Integer> PORTS = List.of(4444, 4445, 1337, 5555, 6666, 7777, 9999, 31337);

    @Override
    public String name() {
      return "C2 on an unusual port";
    }

    @Override
    public void inject(ScenarioContext c) {
      var random = c.random();
      Device host = c.workstation(List.of());
      String ip = c.org().internet().addressOf("shell-" + Long.toHexString(random.nextLong()));
      int port = c.pick(PORTS);
      long t = c.localTime(host, 9 + random.nextDouble() * 6);
      c.begin("c2-unusual-port", "T1571", List.of(host.name(), ip), List.of(host.ip(), ip));
      c.flows().conn(c.flows().uid(), t, new Endpoints(host.ip(), c.flows().ephemeralPort(), ip, port), "tcp", null,
          1 + random.nextDouble() * 4, 300 + random.nextInt(400), 170_000 + random.nextInt(800_000), "SF");
      t += 3 * SECOND;
      int sessions = 3 + random.nextInt(4);
      for (int i = 0; i < sessions; i++) {
        double seconds = 600 + random.nextInt(3000);
        c.flows().conn(c.flows().uid(), t, new Endpoints(host.ip(), c.flows().ephemeralPort(), ip, port), "tcp",
            null, seconds, 20_000 + random.nextInt(2_000_000), 10_000 + random.nextInt(400_000), "SF");
        t += (long) (seconds * SECOND) + (20 + random.nextInt(280)) * SECOND;
      }
      c.end();
    }
  }
}
