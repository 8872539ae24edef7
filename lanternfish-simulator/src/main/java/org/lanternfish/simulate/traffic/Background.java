package org.lanternfish.simulate.traffic;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.lanternfish.simulate.organisation.BrowserAgents;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;
import org.lanternfish.simulate.organisation.Site;

/**
 * The organisation's normal traffic, minute by minute: office hours per person and time zone, weekends, logons and
 * DHCP leases at arrival, VPN days, patch day updates, nightly backups, replication, and rare but benign events.
 */
public final class Background {
  private static final long MINUTE = 60_000_000L;
  private static final long DAY = 1440 * MINUTE;
  private static final double WORK_RATE = 0.6;
  private static final double IDLE_RATE = 0.03;

  private final Organisation org;
  private final Flows flows;
  private final WindowsFlows windows;
  private final ClientSessions clients;
  private final ServerSessions servers;
  private final SplittableRandom random;
  private final Workday workday;
  private final long[][] intervals;
  private final boolean[][] remote;
  private final String[] officeIp;
  /** A new address a client takes with its next DHCP exchange (when it next arrives), or null. */
  private final String[] nextLease;
  /** False for a new employee's device until it first arrives: before that it is not on the network at all. */
  private final boolean[] started;
  private final int[] siteOffset;
  private int dayIndex;
  private LocalDate date;

  /** Creates the normal traffic of {@code org}, emitting through {@code flows}. */
  public Background(long seed, Organisation org, Flows flows) {
    this.org = org;
    this.flows = flows;
    this.windows = new WindowsFlows(flows, org);
    this.clients = new ClientSessions(org, flows, windows);
    this.servers = new ServerSessions(org, flows, windows, clients);
    this.random = flows.random();
    this.workday = new Workday(seed);
    int n = org.devices().size();
    this.intervals = new long[n][];
    this.remote = new boolean[n][];
    this.officeIp = new String[n];
    this.nextLease = new String[n];
    this.started = new boolean[n];
    this.siteOffset = new int[org.sites().size()];
    for (Device d : org.devices()) {
      officeIp[d.index()] = d.ip();
    }
  }

  /** Prepares day {@code index} of the run (UTC date {@code day}): schedules, DHCP churn and rare events. */
  public void startDay(int index, LocalDate day) {
    this.dayIndex = index;
    this.date = day;
    long dayStart = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    for (Site site : org.sites()) {
      siteOffset[site.index()] = site.zone().getRules().getOffset(day.atStartOfDay(ZoneOffset.UTC)
          .toInstant()).getTotalSeconds() / 60;
    }
    for (Device d : org.devices()) {
      if (!d.role().client()) {
        continue;
      }
      long[] all = new long[6];
      boolean[] home = new boolean[3];
      int k = 0;
      for (int offset = -1; offset <= 1; offset++) {
        LocalDate local = day.plusDays(offset);
        long[] work = workday.interval(d, local);
        if (work != null && work[1] > dayStart && work[0] < dayStart + DAY) {
          all[2 * k] = work[0];
          all[2 * k + 1] = work[1];
          home[k] = workday.remote(d, local);
          k++;
        }
      }
      intervals[d.index()] = Arrays.copyOf(all, 2 * k);
      remote[d.index()] = Arrays.copyOf(home, k);
      if (d.role() != Role.LAPTOP && index > 0 && random.nextDouble() < 0.04) {
        // DHCP churn: the device keeps its address until it next arrives and asks DHCP, which then moves it.
        nextLease[d.index()] = org.leaseAddress(d.site());
      }
      d.ip(officeIp[d.index()]);
    }
    rareEvents(dayStart);
  }

  /** Emits the sessions that start in the minute beginning at {@code t0}, {@code minuteOfDay} minutes into the day. */
  public void minute(long t0, int minuteOfDay) {
    servers.replicate(t0, minuteOfDay);
    servers.backup(t0, local(org.sites().getFirst(), minuteOfDay));
    for (Device d : org.devices()) {
      if (d.firstDay() > dayIndex) {
        continue;
      }
      if (d.role().client()) {
        client(d, t0, minuteOfDay);
      } else {
        int n = poisson(serverRate(d.role()) * d.activity());
        for (int i = 0; i < n; i++) {
          servers.serve(d, t0 + random.nextInt(60_000_000));
        }
      }
    }
  }

  private void client(Device d, long t0, int minuteOfDay) {
    long[] work = intervals[d.index()];
    int at = -1;
    for (int i = 0; i < work.length; i += 2) {
      if (t0 + MINUTE > work[i] && t0 < work[i + 1]) {
        at = i / 2;
      }
    }
    long from = t0;
    if (at >= 0 && work[2 * at] >= t0 && work[2 * at] < t0 + MINUTE) {
      arrive(d, work[2 * at], work[2 * at + 1], remote[d.index()][at]);
      // Nothing leaves the device before it has arrived and taken its lease.
      from = Math.min(work[2 * at] + 4_000_000, t0 + MINUTE - 1);
    }
    if (at >= 0 && work[2 * at + 1] >= t0 && work[2 * at + 1] < t0 + MINUTE) {
      d.ip(officeIp[d.index()]);
    }
    if (!started[d.index()] && d.firstDay() > 0) {
      return;
    }
    int localMinute = local(d.site(), minuteOfDay);
    double rate;
    if (at >= 0) {
      rate = WORK_RATE * d.activity() * (localMinute >= 720 && localMinute < 780 ? 0.5 : 1.0);
      if (d.role() == Role.ADMIN_WORKSTATION && random.nextInt(25) == 0) {
        servers.administer(d, t0 + random.nextInt(60_000_000));
      }
      if (date.getDayOfWeek() == org.patchDay() && localMinute == 780 + Math.floorMod(Internet.mix(d.index()), 180)) {
        patch(d, t0 + random.nextInt(60_000_000));
      }
    } else {
      rate = d.role() == Role.LAPTOP ? 0 : IDLE_RATE;
    }
    int n = poisson(rate);
    for (int i = 0; i < n; i++) {
      long ts = from + random.nextLong(t0 + MINUTE - from);
      if (at >= 0) {
        clients.working(d, ts);
      } else {
        clients.idle(d, ts);
      }
    }
  }

  private void arrive(Device d, long ts, long leave, boolean fromHome) {
    started[d.index()] = true;
    Device dc = clients.resolver(d);
    if (fromHome) {
      d.ip(servers.vpnLogon(d, ts, leave));
      ts += 2_000_000;
    } else {
      boolean newLease = d.firstDay() == dayIndex && dayIndex > 0 || nextLease[d.index()] != null;
      if (nextLease[d.index()] != null) {
        officeIp[d.index()] = nextLease[d.index()];
        nextLease[d.index()] = null;
      }
      d.ip(officeIp[d.index()]);
      windows.dhcp(ts, d, dc, newLease || random.nextInt(10) == 0);
    }
    windows.kerberos(ts + 3_000_000, d.ip(), dc, "AS", d.user(), "krbtgt/" + org.dnsDomain().toUpperCase(
        Locale.ROOT), null);
    if (dayIndex == d.firstDay() && !fromHome) {
      int kind = BrowserAgents.kind(d.userAgent());
      windows.software(ts + 60_000_000, d.ip(), null, "HTTP::BROWSER", browserName(kind), d.browserMajor() + ".0",
          d.userAgent());
    }
  }

  private void patch(Device d, long ts) {
    clients.update(d, ts);
    if (random.nextInt(3) == 0) {
      int kind = BrowserAgents.kind(d.userAgent());
      d.browser(d.browserMajor() + 1, BrowserAgents.agent(kind, d.browserMajor() + 1));
      windows.software(ts + 120_000_000, d.ip(), null, "HTTP::BROWSER", browserName(kind), d.browserMajor() + ".0",
          d.userAgent());
    }
  }

  private static String browserName(int kind) {
    return switch (kind) {
      case 0 -> "Chrome";
      case 1 -> "Edge";
      default -> "Firefox";
    };
  }

  private void rareEvents(long dayStart) {
    List<Device> desks = org.devices(Role.WORKSTATION);
    int n = Math.max(1, org.devices().size() / 100);
    for (int i = 0; i < n && !desks.isEmpty(); i++) {
      Device d = desks.get(random.nextInt(desks.size()));
      if (d.firstDay() > dayIndex) {
        continue;
      }
      long ts = dayStart + random.nextLong(DAY - 10 * MINUTE);
      switch (random.nextInt(3)) {
        case 0 -> clients.browse(d, ts, Internet.randomSite(random));
        case 1 -> clients.update(d, ts);
        default -> {
          Endpoints ep = new Endpoints(d.ip(), flows.ephemeralPort(), clients.fileServerOf(d).ip(), 445);
          String uid = flows.conn(flows.uid(), ts, ep, "tcp", "smb", 0.3, 1800, 2400, "SF");
          flows.weird(ts + 100_000, uid, ep, "possible_split_routing", "TCP");
        }
      }
    }
    List<Device> admins = org.devices(Role.ADMIN_WORKSTATION);
    if (random.nextInt(3) == 0) {
      // An admin fixing something at night: rare, benign, and exactly what a naive model would flag.
      servers.administer(admins.get(random.nextInt(admins.size())), dayStart + random.nextLong(4 * 60 * MINUTE));
    }
  }

  private int local(Site site, int minuteOfDay) {
    return Math.floorMod(minuteOfDay + siteOffset[site.index()], 1440);
  }

  private static double serverRate(Role role) {
    return switch (role) {
      case WEB_SERVER -> 0.6;
      case APP_SERVER -> 0.4;
      case DOMAIN_CONTROLLER -> 0.3;
      case PROXY -> 0.1;
      case PRINTER -> 0.002;
      default -> 0.02;
    };
  }

  private int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    double limit = Math.exp(-lambda);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }
}
