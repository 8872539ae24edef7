package org.lanternfish.analyst;

import static org.lanternfish.analyst.BreachFactory.DAY;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MINUTE;
import static org.lanternfish.analyst.BreachFactory.breach;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lanternfish.breach.Breach;

/** The seed's intrusions as the breaches the detection core should raise, and a benign background week. */
final class Scenarios {

  static final String VPN_DEVICE = "DESKTOP-O82ILGG";

  private Scenarios() {}

  /** S2, ShadowPad: VPN login with stolen credentials, RDP and SMB to a DC, payloads in PerfLogs, DCSync, C2. */
  static List<Breach> shadowPad(long t) {
    List<Breach> s = new ArrayList<>();
    s.add(breach("s2-01", "User / VPN Login From Unusual Device").on(VPN_DEVICE).to("194.5.83.25").at(t).score(72)
        .techniques("T1133", "T1078").with("credential", "j.doe").with("host_name", VPN_DEVICE).build());
    s.add(breach("s2-02", "User / New Admin Credentials on Client").on(VPN_DEVICE).to("DC-01").at(t + 22 * MINUTE)
        .score(64).techniques("T1078.002").with("credential", "svc-backup").build());
    s.add(breach("s2-03", "Anomalous Connection / Unusual RDP From VPN").on(VPN_DEVICE).to("DC-01")
        .at(t + 31 * MINUTE).score(70).techniques("T1021.001").with("credential", "svc-backup").build());
    s.add(breach("s2-04", "Anomalous Connection / Unusual Admin SMB Session").on(VPN_DEVICE).to("DC-01")
        .at(t + 40 * MINUTE).score(60).techniques("T1021.002").with("credential", "svc-backup").with("share", "C$")
        .build());
    s.add(breach("s2-05", "Compliance / SMB Drive Write").on(VPN_DEVICE).to("DC-01").at(t + 41 * MINUTE).score(55)
        .techniques("T1021.002", "T1570").with("file", "C:\\PerfLogs\\log.dll").with("share", "C$")
        .with("credential", "svc-backup").build());
    s.add(breach("s2-06", "Anomalous File / Masqueraded Executable Written to Share").on(VPN_DEVICE).to("DC-01")
        .at(t + 42 * MINUTE).score(78).techniques("T1036", "T1570").with("file", "C:\\PerfLogs\\AppLaunch.exe")
        .with("share", "C$").build());
    s.add(breach("s2-07", "Device / Service Created Remotely").on(VPN_DEVICE).to("DC-01").at(t + 55 * MINUTE)
        .score(80).techniques("T1569.002").with("credential", "svc-backup").build());
    s.add(breach("s2-08", "Anomalous Connection / Suspicious DCSync").on(VPN_DEVICE).to("DC-02").at(t + 90 * MINUTE)
        .score(88).techniques("T1003.006").with("credential", "svc-backup").build());
    s.add(breach("s2-09", "Compromise / Beaconing to Rare Destination").on("DC-01").to("158.247.199.185")
        .at(t + 130 * MINUTE).score(82).techniques("T1071.001", "T1573").with("domain", "dscriy.chtq.net").build());
    s.add(breach("s2-10", "Anomalous Server Activity / DNS Tunnelling").on("DC-01").to("158.247.199.185")
        .at(t + 3 * HOUR).score(85).techniques("T1071.004").with("domain", "a8f3k2.cybaq.chtq.net").build());
    s.add(breach("s2-11", "User / VPN Login From Unusual Device").on(VPN_DEVICE).to("194.5.83.25").at(t + DAY)
        .score(60).techniques("T1133").with("credential", "j.doe").with("host_name", VPN_DEVICE).build());
    s.add(breach("s2-12", "Anomalous Server Activity / DNS Tunnelling").on("DC-01").to("158.247.199.185")
        .at(t + DAY + 2 * HOUR).score(75).techniques("T1071.004").with("domain", "x91mq.cybaq.chtq.net").build());
    s.add(breach("s2-13", "Compromise / Beaconing to Rare Destination").on("DC-01").to("158.247.199.185")
        .at(t + DAY + 4 * HOUR).score(70).techniques("T1071.001").with("domain", "dscriy.chtq.net").build());
    s.add(breach("s2-14", "Compliance / IoC Match").on("DC-01").to("158.247.199.185").at(t + 2 * DAY + 5 * HOUR)
        .score(65).with("destination", "158.247.199.185").build());
    return s;
  }

  /** The sixteen likely compromised sites of S3, two from the seed and fourteen invented. */
  static final List<String> EXFIL_SITES = List.of("yasuconsulting.com", "www.tunemmuhendislik.com",
      "brightoak-advisory.example", "lumen-webdesign.example", "kestrel-partners.example", "nordfjell-consult.example",
      "saltmarsh-media.example", "orchidline-studio.example", "vantor-engineering.example", "quillby-design.example",
      "harborview-legal.example", "pinecrest-analytics.example", "mirabel-consulting.example",
      "tallgrass-web.example", "ironleaf-solutions.example", "copperhill-design.example");

  /** S3, data theft: admin credentials on clients, masqueraded uploads with WMI, bulk collection, slow exfiltration. */
  static List<Breach> dataTheft(long t) {
    List<Breach> s = new ArrayList<>();
    String cred = "adm-mkraus";
    lateral(s, "s3-a", t + 5 * MINUTE, "WS-0412", "SRV-APP07", cred,
        "ProgramData\\Oracle\\java.log", "ProgramData\\Oracle\\duxwfnfo");
    s.add(breach("s3-a6", "Device / Anomalous SMB Followed By Multiple Model Breaches").on("WS-0412")
        .at(t + 150 * MINUTE).score(80).techniques("T1021.002").build());
    lateral(s, "s3-b", t + DAY + 74 * MINUTE, "SRV-APP07", "WS-0288", cred,
        "ProgramData\\Adobe\\ARM\\webservices.dll", "ProgramData\\Adobe\\ARM\\wksprt.exe");
    lateral(s, "s3-c", t + 2 * DAY + 5 * HOUR, "WS-0288", "WS-0330", cred,
        "ProgramData\\Microsoft\\DRM\\webservices.dll", "ProgramData\\Microsoft\\DRM\\wksprt.exe");
    lateral(s, "s3-d", t + 2 * DAY + 6 * HOUR, "SRV-APP07", "WS-0517", cred,
        "ProgramData\\IDMComp\\UltraCompare\\webservices.dll", "ProgramData\\IDMComp\\UltraCompare\\updater.exe");
    s.add(breach("s3-e1", "Compromise / Beaconing to Rare Destination").on("WS-0330").to("mirabel-consulting.example")
        .at(t + 2 * DAY + 9 * HOUR).score(66).techniques("T1071.001").with("domain", "mirabel-consulting.example")
        .build());
    s.add(breach("s3-f1", "Unusual Activity / Unusual Internal Download").on("WS-0288").to("FS-02")
        .at(t + 3 * DAY - 30 * MINUTE).score(70).techniques("T1039").with("credential", cred)
        .with("share", "Engineering").with("bytes", "31400000000").build());
    s.add(breach("s3-f2", "Unusual Activity / Unusual Internal Download").on("SRV-APP07").to("FS-02")
        .at(t + 3 * DAY).score(68).techniques("T1039").with("credential", cred).with("share", "Engineering")
        .with("bytes", "27900000000").build());
    long exfil = t + 3 * DAY + 2 * HOUR;
    for (int i = 0; i < EXFIL_SITES.size(); i++) {
      String device = i % 2 == 0 ? "WS-0288" : "SRV-APP07";
      String site = EXFIL_SITES.get(i);
      s.add(breach("s3-x" + (i + 10), "Anomalous Connection / Data Sent to Rare Domain").on(device).to(site)
          .at(exfil + i * 3 * HOUR + 7 * MINUTE).score(55 + i % 4 * 5).techniques("T1041", "T1048")
          .with("domain", site).build());
    }
    s.add(breach("s3-y1", "Anomalous Connection / Uncommon 1 GiB Outbound").on("WS-0288")
        .to("www.tunemmuhendislik.com").at(exfil + 4 * HOUR).score(72).techniques("T1048")
        .with("domain", "www.tunemmuhendislik.com").build());
    return s;
  }

  // One device moves to the next: new admin credential, admin SMB session, masqueraded uploads, WMI to run them.
  private static void lateral(List<Breach> s, String id, long t, String from, String to, String cred, String log,
      String payload) {
    s.add(breach(id + "1", "User / New Admin Credentials on Client").on(from).to(to).at(t).score(62)
        .techniques("T1078.002").with("credential", cred).build());
    s.add(breach(id + "2", "Anomalous Connection / Unusual Admin SMB Session").on(from).to(to).at(t + 2 * MINUTE)
        .score(58).techniques("T1021.002").with("credential", cred).with("share", "c$").build());
    s.add(breach(id + "3", "Compliance / SMB Drive Write").on(from).to(to).at(t + 3 * MINUTE).score(50)
        .techniques("T1021.002", "T1570").with("file", log).with("share", "c$").with("credential", cred).build());
    s.add(breach(id + "4", "Anomalous File / Masqueraded Executable Written to Share").on(from).to(to)
        .at(t + 3 * MINUTE).score(74).techniques("T1036", "T1570").with("file", payload).with("share", "c$").build());
    s.add(breach(id + "5", "Device / Remote WMI Execution After SMB Upload").on(from).to(to).at(t + 4 * MINUTE)
        .score(76).techniques("T1047").build());
  }

  /**
   * A benign week: isolated low and medium breaches across many devices, sharing the infrastructure everyone uses
   * (domain controllers, the proxy, the file server, a help-desk credential), plus a chatty vulnerability scanner.
   */
  static List<Breach> benign(long seed, int devices, int days, long start) {
    Random random = new Random(seed);
    List<Breach> s = new ArrayList<>();
    int n = 0;
    for (int day = 0; day < days; day++) {
      s.add(breach("bg-" + n++, "Device / Port Scan").on("VULN-SCANNER").to("10.0.0.0/16")
          .at(start + day * DAY + 2 * HOUR).score(45).techniques("T1046").build());
      for (int d = 0; d < devices; d++) {
        if (random.nextDouble() >= 0.12) {
          continue;
        }
        String device = String.format("WS-%04d", 1000 + d);
        long ts = start + day * DAY + 7 * HOUR + (long) (random.nextDouble() * 12 * HOUR);
        s.add(background(random, "bg-" + n++, device, ts));
      }
    }
    return s;
  }

  private static Breach background(Random random, String id, String device, long ts) {
    // About one breach in twenty scores 60 or more: the detection core's target for false breaches.
    int score = random.nextInt(20) == 0 ? 60 + random.nextInt(20) : 25 + random.nextInt(35);
    return switch (random.nextInt(7)) {
      case 0 -> breach(id, "Anomalous Connection / Unusual Admin SMB Session").on(device)
          .to(random.nextBoolean() ? "DC-01" : "DC-02").at(ts).score(score).techniques("T1021.002")
          .with("share", "SYSVOL").build();
      case 1 -> breach(id, "Compliance / SMB Drive Write").on(device).to("FS-01").at(ts).score(score)
          .with("file", "Projects\\Q" + (1 + random.nextInt(4)) + "\\plan.xlsx").with("share", "Projects").build();
      case 2 -> breach(id, "Unusual Activity / Unusual Internal Download").on(device).to("FS-01").at(ts).score(score)
          .techniques("T1039").with("share", "Projects").build();
      case 3 -> {
        String domain = "cdn" + random.nextInt(40) + ".saas-vendor.example";
        yield breach(id, "Anomalous Connection / Data Sent to Rare Domain").on(device).to("PROXY-01").at(ts)
            .score(score).with("domain", domain).build();
      }
      case 4 -> breach(id, "User / New Admin Credentials on Client").on(device).to("DC-01").at(ts).score(score)
          .techniques("T1078.002").with("credential", "helpdesk-admin").build();
      case 5 -> breach(id, "Anomalous Connection / New User Agent to Internal Server").on(device).to("INTRANET-01")
          .at(ts).score(score).with("user_agent", "python-requests/2." + random.nextInt(32)).build();
      default -> breach(id, "Compromise / Beaconing to Rare Destination").on(device).to("PROXY-01").at(ts)
          .score(score).with("domain", "telemetry" + random.nextInt(200) + ".example").build();
    };
  }
}
