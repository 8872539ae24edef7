package org.lanternfish.simulate.organisation;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A simulated organisation: its sites, devices by role, people and service accounts, domain and internet.
 *
 * <p>Everything is drawn from the seed, so the same seed builds the same organisation.
 */
public final class Organisation {
  /** The smallest organisation that still has every role. */
  public static final int MIN_DEVICES = 14;

  private static final int LARGE = 20_000;
  private static final String[] COMPANIES = {
    "Norwick", "Halvard", "Brightwater", "Kestrel", "Aldmere", "Corvane", "Tamsin", "Veloran", "Ostbrook", "Marrow"
  };
  private static final String[][] ZONES = {
    {"BER", "Europe/Berlin"}, {"LON", "Europe/London"}, {"NYC", "America/New_York"}, {"CHI", "America/Chicago"},
    {"SIN", "Asia/Singapore"}, {"WAW", "Europe/Warsaw"}, {"TYO", "Asia/Tokyo"}, {"LAX", "America/Los_Angeles"}
  };
  private static final String[] FIRST = {
    "anna", "ben", "carla", "dmitri", "elena", "farid", "greta", "hugo", "ines", "jonas", "kira", "lars", "maya",
    "nils", "olga", "paul", "rosa", "sven", "tara", "umar", "vera", "will", "xenia", "yusuf", "zoe", "aiko", "bruno",
    "chen", "dana", "emil"
  };
  private static final String[] LAST = {
    "meyer", "novak", "schmidt", "rossi", "garcia", "kowalski", "jensen", "dubois", "silva", "tanaka", "okafor",
    "larsen", "fischer", "moreau", "kaur", "nguyen", "weber", "berg", "costa", "ivanova", "haas", "lind", "wolf",
    "brandt", "keller", "stone", "park", "ali", "ortiz", "young"
  };
  private static final List<String> SERVICE_ACCOUNTS =
      List.of("svc_backup", "svc_sql", "svc_web", "svc_scan", "svc_deploy", "svc_print", "svc_vpn", "svc_monitor");

  private final String company;
  private final String netbiosDomain;
  private final String dnsDomain;
  private final List<Site> sites;
  private final List<Device> devices;
  private final Map<Role, List<Device>> byRole;
  private final List<String> serviceAccounts;
  private final Internet internet;
  private final String publicIp;
  private final DayOfWeek patchDay;
  private final int[] nextClient;
  private final int vpnOctet;

  private Organisation(Builder b) {
    this.company = b.company;
    this.netbiosDomain = b.company.toUpperCase(Locale.ROOT);
    this.dnsDomain = "corp." + b.company.toLowerCase(Locale.ROOT) + ".com";
    this.sites = List.copyOf(b.sites);
    this.devices = List.copyOf(b.devices);
    this.byRole = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      byRole.put(role, devices.stream().filter(d -> d.role() == role).toList());
    }
    this.serviceAccounts = SERVICE_ACCOUNTS;
    this.internet = b.internet;
    this.publicIp = b.internet.addressOf("vpn." + dnsDomain);
    this.patchDay = DayOfWeek.of(2 + b.random.nextInt(3));
    this.nextClient = b.nextClient;
    this.vpnOctet = b.vpnOctet;
  }

  /** Builds the organisation for {@code seed} with {@code count} devices over a run of {@code days} days. */
  public static Organisation build(long seed, int count, int days) {
    if (count < MIN_DEVICES) {
      throw new IllegalArgumentException("an organisation needs at least " + MIN_DEVICES + " devices, got " + count);
    }
    return new Organisation(new Builder(seed, count, days));
  }

  /** The company name the domain is derived from. */
  public String company() {
    return company;
  }

  /** The Windows (NetBIOS) domain name, such as {@code NORWICK}. */
  public String netbiosDomain() {
    return netbiosDomain;
  }

  /** The Active Directory DNS domain, such as {@code corp.norwick.com}. */
  public String dnsDomain() {
    return dnsDomain;
  }

  /** The offices, headquarters first. */
  public List<Site> sites() {
    return sites;
  }

  /** Every device, in a stable order. */
  public List<Device> devices() {
    return devices;
  }

  /** The devices that have {@code role}. */
  public List<Device> devices(Role role) {
    return byRole.get(role);
  }

  /** Service accounts that servers and scheduled jobs log on with. */
  public List<String> serviceAccounts() {
    return serviceAccounts;
  }

  /** The outside world. */
  public Internet internet() {
    return internet;
  }

  /** The VPN concentrator's public address that remote users connect to. */
  public String publicIp() {
    return publicIp;
  }

  /** The weekday on which updates are rolled out. */
  public DayOfWeek patchDay() {
    return patchDay;
  }

  /** The address pool VPN clients get, as a prefix such as {@code 10.250.}. */
  public String vpnPrefix() {
    return "10." + vpnOctet + ".";
  }

  /** True when {@code ip} is inside the organisation (RFC 1918 10/8), as Zeek's {@code Site::local_nets} says. */
  public static boolean isLocal(String ip) {
    return ip.startsWith("10.");
  }

  /** Leases a fresh client address at {@code site}, as DHCP does when a device's lease changes. */
  public String leaseAddress(Site site) {
    int n = nextClient[site.index()]++;
    return "10." + site.octet() + "." + (16 + (n / 240) % 240) + "." + (10 + n % 240);
  }

  /** Admin account name of a person, such as {@code adm-anna.meyer}. */
  public static String adminAccount(String user) {
    return "adm-" + user;
  }

  private static final class Builder {
    final SplittableRandom random;
    final String company;
    final List<Site> sites = new ArrayList<>();
    final List<Device> devices = new ArrayList<>();
    final Set<String> users = new HashSet<>();
    final Set<String> names = new HashSet<>();
    final Map<Role, Integer> perRole = new EnumMap<>(Role.class);
    final Internet internet;
    final int[] nextClient = new int[8];
    final int[] nextServer = new int[8];
    final int[] nextPrinter = new int[8];
    final int nameBound;
    int vpnOctet;

    Builder(long seed, int count, int days) {
      random = new SplittableRandom(seed);
      nameBound = Math.max(9999, count * 8);
      company = COMPANIES[random.nextInt(COMPANIES.length)] + (char) ('a' + random.nextInt(26));
      internet = new Internet(seed, Math.min(20_000, 400 + count * 2));
      // A benchmark-sized organisation spreads over every office so each site's client block stays unique.
      int siteCount = count >= LARGE ? ZONES.length : count >= 200 ? 3 : count >= 60 ? 2 : 1;
      int zone = random.nextInt(ZONES.length);
      // Address blocks differ per seed so that nothing can be keyed on a literal address.
      int[] octets = random.ints(1, 250).distinct().limit(siteCount + 1).toArray();
      vpnOctet = octets[siteCount];
      for (int s = 0; s < siteCount; s++) {
        String[] z = ZONES[(zone + s * (siteCount > 3 ? 1 : 3)) % ZONES.length];
        sites.add(new Site(z[0], ZoneId.of(z[1]), s, octets[s]));
      }
      Site hq = sites.getFirst();
      add(Role.DOMAIN_CONTROLLER, hq, 2, "DC");
      for (int s = 1; s < siteCount; s++) {
        add(Role.DOMAIN_CONTROLLER, sites.get(s), 1, "DC");
      }
      add(Role.DOMAIN_CONTROLLER, hq, clamp(count / 150 - siteCount, 0, 10), "DC");
      add(Role.FILE_SERVER, hq, clamp(count / 80, 1, 40), "FS");
      add(Role.APP_SERVER, hq, clamp(count / 60, 1, 60), "APP");
      add(Role.WEB_SERVER, hq, clamp(count / 100, 1, 20), "WEB");
      add(Role.BACKUP_SERVER, hq, 1 + count / 5000, "BKP");
      add(Role.VPN_CONCENTRATOR, hq, 1, "VPN");
      add(Role.PROXY, hq, 1, "PRX");
      int printers = clamp(count / 40, 1, 500);
      for (int p = 0; p < printers; p++) {
        add(Role.PRINTER, sites.get(p % siteCount), 1, "PRN-" + sites.get(p % siteCount).code() + "-");
      }
      int admins = clamp(count / 80, 1, 100);
      for (int a = 0; a < admins; a++) {
        add(Role.ADMIN_WORKSTATION, hq, 1, "ADM-");
      }
      int clients = count - devices.size();
      for (int c = 0; c < clients; c++) {
        double where = random.nextDouble();
        Site site = siteCount > 3 ? sites.get(random.nextInt(siteCount))
            : sites.get(siteCount == 1 || where < 0.6 ? 0 : siteCount == 2 || where < 0.85 ? 1 : 2);
        // The first few clients are desks, so even the smallest organisation has victims for every scenario.
        Role role = c < 4 || random.nextDouble() < 0.65 ? Role.WORKSTATION : Role.LAPTOP;
        int firstDay = days > 2 && c == clients - 1 ? 1 + random.nextInt(days - 1) : 0;
        addClient(role, site, firstDay);
      }
      for (Device device : devices) {
        device.domains(pickDomains());
        if (device.role() == Role.LAPTOP) {
          device.homeIp(internet.addressOf("home-" + device.name()));
        }
      }
    }

    private void add(Role role, Site site, int n, String prefix) {
      for (int i = 0; i < n; i++) {
        if (role.client()) {
          addClient(role, site, 0);
          continue;
        }
        int number = perRole.merge(role, 1, Integer::sum);
        String name = prefix + String.format("%02d", number);
        String ip;
        if (role == Role.PRINTER) {
          int k = nextPrinter[site.index()]++;
          ip = "10." + site.octet() + "." + (8 + k / 240) + "." + (10 + k % 240);
        } else {
          int k = nextServer[site.index()]++;
          ip = "10." + site.octet() + "." + (1 + k / 240) + "." + (10 + k % 240);
        }
        devices.add(new Device(devices.size(), name, role, site, ip, mac(), null, serverActivity(), 0));
      }
    }

    private void addClient(Role role, Site site, int firstDay) {
      String user = newUser();
      String prefix = switch (role) {
        case LAPTOP -> "LT-";
        case ADMIN_WORKSTATION -> "ADM-";
        default -> "WS-";
      };
      String name = prefix + site.code() + "-" + String.format("%04d", 1 + random.nextInt(nameBound));
      while (!names.add(name)) {
        name = prefix + site.code() + "-" + String.format("%04d", 1 + random.nextInt(nameBound));
      }
      int k = nextClient[site.index()]++;
      String ip = "10." + site.octet() + "." + (16 + (k / 240) % 240) + "." + (10 + k % 240);
      // Lognormal activity: a heavy tail of busy users over many quiet ones.
      double activity = Math.exp(random.nextGaussian() * 0.6 - 0.18);
      Device device = new Device(devices.size(), name, role, site, ip, mac(), user, activity, firstDay);
      int major = 118 + random.nextInt(4);
      device.browser(major, BrowserAgents.agent(random.nextInt(3), major));
      devices.add(device);
    }

    private double serverActivity() {
      return 0.6 + random.nextDouble() * 0.8;
    }

    private String newUser() {
      String base = FIRST[random.nextInt(FIRST.length)] + "." + LAST[random.nextInt(LAST.length)];
      String user = base;
      for (int n = 2; !users.add(user); n++) {
        user = base + n;
      }
      return user;
    }

    private String mac() {
      long bits = random.nextLong();
      StringBuilder sb = new StringBuilder("00:50:56");
      for (int i = 0; i < 3; i++) {
        sb.append(':').append(String.format("%02x", (bits >>> (8 * i)) & 0xff));
      }
      return sb.toString();
    }

    private List<String> pickDomains() {
      List<String> picked = new ArrayList<>();
      List<String> popular = internet.popular();
      for (int i = 0; i < popular.size(); i++) {
        if (random.nextDouble() < 1.0 / (1 + i * 0.12)) {
          picked.add(popular.get(i));
        }
      }
      List<String> tail = internet.tail();
      int extra = 5 + random.nextInt(15);
      for (int i = 0; i < extra; i++) {
        picked.add(tail.get(random.nextInt(tail.size())));
      }
      return picked;
    }

    private static int clamp(int v, int lo, int hi) {
      return Math.max(lo, Math.min(hi, v));
    }
  }
}
