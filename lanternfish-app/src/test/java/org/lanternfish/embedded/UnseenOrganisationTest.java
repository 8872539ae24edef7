package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.Incident;
import org.lanternfish.breach.Breach;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;

/**
 * An organisation the project never saw, written by hand rather than by the simulator: its own names ({@code
 * fin-lt-041}, {@code SRV-ERP02}, domain {@code corp.example}), folders, accounts and timings, eleven days of Zeek
 * logs read the way {@code analyze} reads them. A week of routine teaches it (a directory-sync server replicating
 * every 30 minutes, an administrator creating services on servers every Tuesday, software pushed to every
 * workstation's ADMIN$ every Wednesday, nightly backup reads of C$, WMI monitoring, configuration-manager agents);
 * then an intrusion from a device nobody knew and seven other attacks, each in tradecraft unlike the simulator's.
 * Every attack step must raise a breach of 60 or more (reconnaissance may score lower if it joins its incident), the
 * intrusion must be one incident, and the routines must raise nothing of 60 or more once they have been seen.
 */
final class UnseenOrganisationTest {

  private static final String DOMAIN = "corp.example";
  private static final String BASE = "DC=corp,DC=example";
  /** Monday 2 November 2026, 00:00 UTC. */
  private static final long START = 1_793_577_600L * ZeekLogs.SECOND;
  private static final int DAYS = 11;
  private static final int LEARNING_DAYS = 7;

  private static final String DC01 = "172.20.10.5";
  private static final String DC02 = "172.20.10.6";
  private static final String ERP = "172.20.10.21";
  private static final String SQL = "172.20.10.22";
  private static final String FS = "172.20.10.30";
  private static final String WEB = "172.20.10.40";
  private static final String SYNC = "172.20.10.50";
  private static final String BACKUP = "172.20.10.60";
  private static final String MONITOR = "172.20.10.61";
  private static final String CM = "172.20.10.62";
  private static final String JUMP = "172.20.10.70";
  private static final String PRINT = "172.20.10.80";
  private static final String ADMIN_WS = "172.20.30.200";
  private static final String NEW_LAPTOP = "172.20.30.90";
  private static final Map<String, String> SERVERS = new LinkedHashMap<>();
  private static final List<String> MEMBER_SERVERS = List.of(ERP, SQL, FS, WEB, SYNC, BACKUP, MONITOR, CM, JUMP,
      PRINT);

  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
          + " Edg/130.0.2849.68";
  private static final String[][] SAAS = {
      {"outlook.office365.com", "52.97.146.2"}, {"teams.microsoft.com", "52.113.194.132"},
      {"www.salesforce.com", "104.109.10.129"}, {"app.slack.com", "34.238.216.23"},
      {"www.linkedin.com", "13.107.42.14"}, {"docs.google.com", "142.250.179.174"}};

  private static final String[] WORKSTATIONS = {
      "fin-lt-003", "fin-lt-005", "fin-lt-006", "fin-lt-011", "fin-lt-017", "fin-lt-023", "fin-lt-029", "fin-lt-034",
      "fin-lt-038", "fin-lt-041", "hr-ws-004", "hr-ws-008", "hr-ws-012", "hr-ws-019", "hr-ws-022", "hr-ws-027",
      "eng-lt-002", "eng-lt-009", "eng-lt-013", "eng-lt-017", "eng-lt-021", "eng-lt-026", "eng-lt-030", "eng-lt-033",
      "eng-lt-036", "eng-lt-044", "ops-ws-001", "ops-ws-006", "ops-ws-010", "ops-ws-015"};
  private static final String[] SURNAMES = {
      "lindqvist", "okafor", "novak", "haddad", "moreau", "tanaka", "kowalski", "brennan", "silva", "ivanova",
      "mensah", "fischer", "rossi", "nakamura", "oconnell", "petrov", "dubois", "kaur", "jensen", "alvarez",
      "schmidt", "ng", "costa", "weber", "hughes", "yilmaz", "park", "murphy", "santos", "berg"};

  static {
    SERVERS.put(DC01, "SRV-DC01");
    SERVERS.put(DC02, "SRV-DC02");
    SERVERS.put(ERP, "SRV-ERP02");
    SERVERS.put(SQL, "SRV-SQL01");
    SERVERS.put(FS, "SRV-FS01");
    SERVERS.put(WEB, "SRV-WEB01");
    SERVERS.put(SYNC, "SRV-ADSYNC01");
    SERVERS.put(BACKUP, "SRV-BKP01");
    SERVERS.put(MONITOR, "SRV-MON01");
    SERVERS.put(CM, "SRV-CM01");
    SERVERS.put(JUMP, "SRV-JMP01");
    SERVERS.put(PRINT, "SRV-PRN01");
  }

  private static String workstation(String name) {
    for (int i = 0; i < WORKSTATIONS.length; i++) {
      if (WORKSTATIONS[i].equals(name)) {
        return "172.20.30." + (11 + i);
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static String user(int i) {
    return (char) ('a' + (i * 7) % 26) + "." + SURNAMES[i];
  }

  private static String dc(int i) {
    return i % 2 == 0 ? DC01 : DC02;
  }

  private static boolean workday(int day) {
    return day % 7 < 5;
  }

  /** The records each attack step made, by step. */
  private static final Map<String, List<String>> STEPS = new LinkedHashMap<>();
  /** Steps that are reconnaissance: they may score below 60 if they join their story's incident. */
  private static final Set<String> RECON = Set.of("vpn-ldap-recon", "vpn-samr-recon", "vpn-lsarpc-recon",
      "vpn-share-enumeration");
  /** Each story's steps that must share one incident. */
  private static final Map<String, List<String>> STORIES = new LinkedHashMap<>();

  /** The new laptop's first records: its first user's profile, and its client pushed by the configuration manager. */
  private static final Map<String, String> NEW_LAPTOP_RECORDS = new LinkedHashMap<>();

  private static List<Breach> breaches;
  private static List<Incident> incidents;

  @BeforeAll
  static void analyse(@TempDir Path temp) throws IOException {
    ZeekLogs z = new ZeekLogs(START, "CORP.EXAMPLE");
    Random random = new Random(20261102);
    for (int day = 0; day < DAYS; day++) {
      routine(z, day, random);
    }
    intrusion(z, random);
    otherAttacks(z, random);

    Path data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve(SystemConfiguration.FILE), """
        internal_networks = ["172.20.0.0/16"]
        vpn_networks = ["172.20.200.0/24"]
        """);
    Path logs = temp.resolve("sensor");
    z.write(logs);
    SystemConfiguration site = SystemConfiguration.load(data);
    Analysis analysis = Analysis.run(List.of(logs), ModelFiles.load(data).config(LEARNING_DAYS, site),
        site.analyst(), 2, site.timeWindow(), (file, bytes) -> { });
    assertThat(analysis.report().totalMalformed()).as(analysis.report().toJson()).isZero();
    breaches = analysis.detection().breaches();
    incidents = analysis.detection().incidents();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The organisation's routine.

  private static void routine(ZeekLogs z, int day, Random random) {
    servers(z, day, random);
    if (workday(day)) {
      for (int i = 0; i < WORKSTATIONS.length; i++) {
        workstationDay(z, day, i, random);
      }
      adminWorkstation(z, day, random);
    }
    if (day % 7 == 1) {
      serviceRollout(z, day, random);
    }
    if (day % 7 == 2) {
      softwareDistribution(z, day, random);
    }
  }

  private static void workstationDay(ZeekLogs z, int day, int i, Random random) {
    String name = WORKSTATIONS[i];
    String ws = workstation(name);
    String user = user(i);
    int arrive = 7 * 60 + 30 + random.nextInt(75);
    z.dhcp(z.at(day, 0, arrive - 3), String.format("3c:52:82:4e:%02x:%02x", i, i * 3), ws, name, DOMAIN);
    z.kerberos(z.at(day, 0, arrive), ws, dc(i), "AS", user, "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    z.kerberos(z.at(day, 0, arrive) + ZeekLogs.SECOND, ws, dc(i), "TGS", user, "cifs/srv-fs01." + DOMAIN,
        "aes256-cts-hmac-sha1-96");
    String smb = z.smbKerberos(z.at(day, 0, arrive + 1), ws, FS, 40_000, 900_000);
    z.treeConnect(z.at(day, 0, arrive + 1), smb, ws, FS, "Shared");
    String department = name.substring(0, name.indexOf('-'));
    z.treeConnect(z.at(day, 0, arrive + 1) + ZeekLogs.SECOND, smb, ws, FS, "Dept-" + department);
    z.smbFile(z.at(day, 0, arrive + 2), smb, ws, FS, "Dept-" + department,
        "Reports\\" + department + "-weekly-" + day + ".xlsx", "SMB::FILE_READ", 240_000);
    for (int hour = 8; hour < 17; hour++) {
      long ts = z.at(day, hour, random.nextInt(50));
      String[] saas = SAAS[(hour + i) % SAAS.length];
      z.dns(ts, ws, dc(i), saas[0], saas[1]);
      z.https(ts + ZeekLogs.SECOND, ws, saas[1], saas[0], 30_000 + random.nextInt(20_000),
          200_000 + random.nextInt(800_000));
      z.tcp(ts + 2 * ZeekLogs.SECOND, ws, dc(i), 389, "ldap_tcp", 0.1, 1_200, 6_000);
      z.http(ts + 3 * ZeekLogs.SECOND, ws, WEB, 80, "GET", "intranet." + DOMAIN, "/news/" + hour, BROWSER, 600,
          40_000);
      if (hour % 2 == 0) {
        // The configuration manager's agent polls its management point.
        z.http(ts + 4 * ZeekLogs.SECOND, ws, CM, 80, "CCM_POST", "srv-cm01." + DOMAIN, "/ccm_system/request",
            "ccmhttp", 2_400, 1_800);
        z.tcp(ts + 5 * ZeekLogs.SECOND, ws, CM, 10123, null, 0.5, 900, 600);
      }
      if (hour == 11 && i % 3 == 0) {
        String print = z.smbKerberos(ts + 6 * ZeekLogs.SECOND, ws, PRINT, 400_000, 8_000);
        z.treeConnect(ts + 6 * ZeekLogs.SECOND, print, ws, PRINT, "IPC$");
        z.rpc(ts + 7 * ZeekLogs.SECOND, print, ws, PRINT, "\\pipe\\spoolss", "spoolss", "RpcOpenPrinterEx");
      }
    }
  }

  private static void servers(ZeekLogs z, int day, Random random) {
    for (int hour = 0; hour < 24; hour++) {
      // The domain controllers replicate with each other.
      z.rpc(z.at(day, hour, 3), null, DC01, DC02, "49667", "drsuapi", "DRSGetNCChanges");
      z.rpc(z.at(day, hour, 4), null, DC02, DC01, "49667", "drsuapi", "DRSGetNCChanges");
      z.tcp(z.at(day, hour, 5), DC01, DC02, 389, "ldap_tcp", 0.1, 2_000, 3_000);
      z.tcp(z.at(day, hour, 6), DC02, DC01, 88, "krb_tcp", 0.02, 1_500, 1_400);
      // The directory-sync server pulls changes every 30 minutes, as Azure AD Connect does.
      for (int half = 0; half < 2; half++) {
        long ts = z.at(day, hour, 14 + half * 30) + random.nextInt(40) * ZeekLogs.SECOND;
        if (hour == 0 && half == 0) {
          z.kerberos(ts - ZeekLogs.MINUTE, SYNC, DC01, "AS", "MSOL_8c1a6e0f3b7d", "krbtgt/CORP.EXAMPLE",
              "aes256-cts-hmac-sha1-96");
        }
        z.rpc(ts, null, SYNC, DC01, "49667", "drsuapi", "DRSBind");
        z.rpc(ts + ZeekLogs.SECOND, null, SYNC, DC01, "49667", "drsuapi", "DRSGetNCChanges");
        z.https(ts + 5 * ZeekLogs.SECOND, SYNC, "20.190.160.22", "adminwebservice.microsoftonline.com", 60_000,
            20_000);
      }
      // The ERP server reads its database every ten minutes.
      for (int m = 0; m < 60; m += 10) {
        z.tcp(z.at(day, hour, m + 1), ERP, SQL, 1433, null, 4.0, 30_000, 400_000);
      }
      // Monitoring queries every server over WMI every 15 minutes; the registry provider's methods at six.
      for (int q = 0; q < 4; q++) {
        for (String server : MEMBER_SERVERS) {
          if (server.equals(MONITOR)) {
            continue;
          }
          long ts = z.at(day, hour, q * 15 + 2);
          z.rpc(ts, null, MONITOR, server, "135", "IWbemLevel1Login", "NTLMLogin");
          z.rpc(ts + ZeekLogs.SECOND, null, MONITOR, server, "135", "IWbemServices", "ExecQuery");
          if (hour == 6 && q == 0) {
            z.rpc(ts + 2 * ZeekLogs.SECOND, null, MONITOR, server, "135", "IWbemServices", "ExecMethod");
          }
        }
      }
    }
    // The SQL server's reporting service logs on with its own account.
    z.kerberos(z.at(day, 2, 0), SQL, DC02, "AS", "svc_sqlreport", "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    z.kerberos(z.at(day, 2, 1), SQL, DC02, "TGS", "svc_sqlreport", "MSSQLSvc/srv-sql01." + DOMAIN + ":1433",
        "aes256-cts-hmac-sha1-96");
    z.kerberos(z.at(day, 0, 5), MONITOR, DC01, "AS", "svc_scom", "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    // Nightly backup: the backup server reads every server's C$.
    z.kerberos(z.at(day, 1, 0), BACKUP, DC01, "AS", "svc_veeam", "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    int minute = 2;
    for (String server : SERVERS.keySet()) {
      if (server.equals(BACKUP)) {
        continue;
      }
      long ts = z.at(day, 1, minute);
      String smb = z.smbSession(ts, BACKUP, server, "svc_veeam", "SRV-BKP01", SERVERS.get(server), 200_000,
          1_500_000_000L + random.nextInt(200_000_000));
      z.treeConnect(ts, smb, BACKUP, server, "C$");
      z.smbFile(ts + ZeekLogs.SECOND, smb, BACKUP, server, "C$", "Windows\\System32\\config\\RegBack\\SOFTWARE",
          "SMB::FILE_OPEN", 0);
      z.smbFile(ts + 2 * ZeekLogs.SECOND, smb, BACKUP, server, "C$", "Data\\export-" + day + ".bak",
          "SMB::FILE_READ", 1_400_000_000L);
      minute += 4;
    }
    // Windows Update from every server.
    for (String server : SERVERS.keySet()) {
      long ts = z.at(day, 3, 10 + random.nextInt(40));
      z.dns(ts, server, DC01, "fe2.update.microsoft.com", "13.107.4.52");
      z.https(ts + ZeekLogs.SECOND, server, "13.107.4.52", "fe2.update.microsoft.com", 8_000, 300_000);
    }
    // The jump host: administrators' sessions and their IT share.
    if (workday(day)) {
      String smb = z.smbSession(z.at(day, 10, 12), JUMP, FS, "a-tberg", "SRV-JMP01", "SRV-FS01", 20_000, 60_000_000);
      z.treeConnect(z.at(day, 10, 12), smb, JUMP, FS, "IT$");
      z.smbFile(z.at(day, 10, 13), smb, JUMP, FS, "IT$", "Scripts\\inventory.ps1", "SMB::FILE_READ", 12_000);
      z.rdp(z.at(day, 10, 20), JUMP, ERP, "a-tberg", "SRV-JMP01", 1_800);
      z.rdp(z.at(day, 14, 5), JUMP, SQL, "a-tberg", "SRV-JMP01", 900);
      // A published portal: partners reach the web server from the internet.
      for (int p = 0; p < 5; p++) {
        String partner = "81.2.69." + (140 + p);
        for (int k = 0; k < 6; k++) {
          long ts = z.at(day, 9 + k, random.nextInt(55));
          z.https(ts, partner, WEB, "portal." + DOMAIN, 4_000, 90_000);
        }
      }
    }
  }

  /** The administrator's workstation: logs on in the morning and works on the servers through the jump host. */
  private static void adminWorkstation(ZeekLogs z, int day, Random random) {
    z.dhcp(z.at(day, 7, 55), "00:1b:21:aa:07:07", ADMIN_WS, "it-adm-07", DOMAIN);
    z.kerberos(z.at(day, 8, 0), ADMIN_WS, DC01, "AS", "t.berg", "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    z.kerberos(z.at(day, 8, 30), ADMIN_WS, DC01, "AS", "a-tberg", "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    z.rdp(z.at(day, 8, 32 + random.nextInt(10)), ADMIN_WS, JUMP, "a-tberg", "it-adm-07", 14_000);
    z.dns(z.at(day, 9, 3), ADMIN_WS, DC01, "outlook.office365.com", "52.97.146.2");
    z.https(z.at(day, 9, 3) + ZeekLogs.SECOND, ADMIN_WS, "52.97.146.2", "outlook.office365.com", 40_000, 500_000);
  }

  /** Every Tuesday the administrator installs an agent update as a service on five servers, PsExec-style. */
  private static void serviceRollout(ZeekLogs z, int day, Random random) {
    int minute = 10;
    for (String server : List.of(ERP, SQL, WEB, PRINT, FS)) {
      long ts = z.at(day, 10, minute);
      String smb = z.smbSession(ts, ADMIN_WS, server, "a-tberg", "it-adm-07", SERVERS.get(server), 300_000, 20_000);
      z.treeConnect(ts, smb, ADMIN_WS, server, "ADMIN$");
      z.smbFile(ts + ZeekLogs.SECOND, smb, ADMIN_WS, server, "ADMIN$", "PSEXESVC.exe", "SMB::FILE_WRITE", 190_000);
      z.treeConnect(ts + 2 * ZeekLogs.SECOND, smb, ADMIN_WS, server, "IPC$");
      z.rpc(ts + 3 * ZeekLogs.SECOND, smb, ADMIN_WS, server, "\\pipe\\svcctl", "svcctl", "OpenSCManagerW");
      z.rpc(ts + 4 * ZeekLogs.SECOND, smb, ADMIN_WS, server, "\\pipe\\svcctl", "svcctl", "CreateServiceW");
      z.rpc(ts + 5 * ZeekLogs.SECOND, smb, ADMIN_WS, server, "\\pipe\\svcctl", "svcctl", "StartServiceW");
      z.rpc(ts + 40 * ZeekLogs.SECOND, smb, ADMIN_WS, server, "\\pipe\\svcctl", "svcctl", "DeleteService");
      minute += 3 + random.nextInt(4);
    }
  }

  /** Every Wednesday evening the configuration manager pushes a new package to every workstation's ADMIN$. */
  private static void softwareDistribution(ZeekLogs z, int day, Random random) {
    String[] packages = {"npp.8.6.9.Installer.x64.exe", "7z2408-x64.msi"};
    String pkg = packages[day / 7 % packages.length];
    for (int i = 0; i < WORKSTATIONS.length; i++) {
      String ws = workstation(WORKSTATIONS[i]);
      long ts = z.at(day, 19, 0) + i * 40 * ZeekLogs.SECOND + random.nextInt(20) * ZeekLogs.SECOND;
      String smb = z.smbSession(ts, CM, ws, "svc_cmpush", "SRV-CM01", WORKSTATIONS[i].toUpperCase(), 4_000_000,
          30_000);
      z.treeConnect(ts, smb, CM, ws, "ADMIN$");
      z.smbFile(ts + ZeekLogs.SECOND, smb, CM, ws, "ADMIN$", "SwDist\\" + pkg, "SMB::FILE_WRITE", 3_900_000);
      z.smbFile(ts + 2 * ZeekLogs.SECOND, smb, CM, ws, "ADMIN$", "SwDist\\install.cmd", "SMB::FILE_WRITE", 400);
      z.treeConnect(ts + 3 * ZeekLogs.SECOND, smb, CM, ws, "IPC$");
      z.rpc(ts + 4 * ZeekLogs.SECOND, smb, CM, ws, "\\pipe\\svcctl", "svcctl", "OpenSCManagerW");
      z.rpc(ts + 5 * ZeekLogs.SECOND, smb, CM, ws, "\\pipe\\svcctl", "svcctl", "CreateServiceW");
      z.rpc(ts + 6 * ZeekLogs.SECOND, smb, CM, ws, "\\pipe\\svcctl", "svcctl", "StartServiceW");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The attacks.

  private static void step(String step, String... uids) {
    STEPS.computeIfAbsent(step, s -> new ArrayList<>()).addAll(List.of(uids));
  }

  /**
   * Tuesday afternoon of the second week: a device nobody has seen, on an address outside the VPN pool and without a
   * lease, logs on with the reporting service's account, opens a desktop on a domain controller, stages a loader
   * under PerfLogs, replicates the directory, and a workstation it logs into spreads the loader to two more under a
   * vendor's folder; the domain controller beacons out over HTTPS.
   */
  private static void intrusion(ZeekLogs z, Random random) {
    String intruder = "172.20.64.23";
    String host = "WIN-3J8TQ0RKB6M";
    int day = 8;
    z.dns(z.at(day, 13, 31), intruder, DC02, "srv-dc02." + DOMAIN, DC02);
    z.tcp(z.at(day, 13, 32), intruder, DC02, 389, "ldap_tcp", 0.2, 1_000, 4_000);
    step("intruder-logon", z.kerberos(z.at(day, 13, 38), intruder, DC02, "AS", "svc_sqlreport",
        "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96"));
    z.kerberos(z.at(day, 13, 39), intruder, DC02, "TGS", "svc_sqlreport", "TERMSRV/srv-dc02." + DOMAIN,
        "aes256-cts-hmac-sha1-96");
    step("rdp-to-dc", z.rdp(z.at(day, 13, 40), intruder, DC02, "svc_sqlreport", host, 2_400));
    long ts = z.at(day, 13, 52);
    String smb = z.smbSession(ts, intruder, DC02, "svc_sqlreport", host, "SRV-DC02", 3_500_000, 40_000);
    z.treeConnect(ts, smb, intruder, DC02, "C$");
    z.smbFile(ts + 20 * ZeekLogs.SECOND, smb, intruder, DC02, "C$", "PerfLogs\\Admin\\Diag\\DiagHost.exe",
        "SMB::FILE_WRITE", 412_000);
    z.smbFile(ts + 25 * ZeekLogs.SECOND, smb, intruder, DC02, "C$", "PerfLogs\\Admin\\Diag\\msvcp_win.dll",
        "SMB::FILE_WRITE", 1_900_000);
    z.smbFile(ts + 27 * ZeekLogs.SECOND, smb, intruder, DC02, "C$", "PerfLogs\\Admin\\Diag\\diag.dat",
        "SMB::FILE_WRITE", 700_000);
    step("loader-to-dc", smb);
    long sync = z.at(day, 14, 6);
    z.rpc(sync, null, intruder, DC01, "49667", "drsuapi", "DRSBind");
    step("dcsync", z.rpc(sync + ZeekLogs.SECOND, null, intruder, DC01, "49667", "drsuapi", "DRSGetNCChanges"));
    // The domain controller calls out every four minutes or so, give or take 40%.
    String c2 = "45.153.160.140";
    z.dns(z.at(day, 14, 25), DC02, "1.1.1.1", "static.kbcache-update.net", c2);
    long beat = z.at(day, 14, 26);
    List<String> beacon = new ArrayList<>();
    while (beat < z.at(day + 1, 14, 0)) {
      beacon.add(z.https(beat, DC02, c2, "static.kbcache-update.net", 1_100 + random.nextInt(300),
          2_600 + random.nextInt(900)));
      beat += (long) ((240 + (random.nextDouble() - 0.5) * 190) * ZeekLogs.SECOND);
    }
    step("dc-https-beacon", beacon.toArray(String[]::new));
    // It logs into a finance laptop and spreads from there.
    String laptop = workstation("fin-lt-041");
    step("rdp-to-laptop", z.rdp(z.at(day, 15, 4), intruder, laptop, "svc_sqlreport", host, 1_200));
    String[][] hops = {
        {"hr-ws-012", "Program Files (x86)\\Lenovo\\VantageService\\Addins\\LnvTelemetry.exe",
            "Program Files (x86)\\Lenovo\\VantageService\\Addins\\LnvCore64.dll"},
        {"eng-lt-033", "ProgramData\\HP\\HP Support Framework\\Resources\\HPSFUpd.exe",
            "ProgramData\\HP\\HP Support Framework\\Resources\\hpsfcore.dll"}};
    long hop = z.at(day, 16, 10);
    for (String[] target : hops) {
      String peer = workstation(target[0]);
      String session = z.smbSession(hop, laptop, peer, "svc_sqlreport", "fin-lt-041", target[0].toUpperCase(),
          2_800_000, 30_000);
      z.treeConnect(hop, session, laptop, peer, "C$");
      z.smbFile(hop + 9 * ZeekLogs.SECOND, session, laptop, peer, "C$", target[1], "SMB::FILE_WRITE", 615_000);
      z.smbFile(hop + 12 * ZeekLogs.SECOND, session, laptop, peer, "C$", target[2], "SMB::FILE_WRITE", 1_300_000);
      step("hop-" + target[0], session);
      hop += 21 * ZeekLogs.MINUTE;
    }
    STORIES.put("intrusion", List.of("intruder-logon", "rdp-to-dc", "loader-to-dc", "dcsync", "dc-https-beacon",
        "rdp-to-laptop", "hop-hr-ws-012", "hop-eng-lt-033"));
  }

  private static void otherAttacks(ZeekLogs z, Random random) {
    // A server polled from the internet every 200 to 350 s for three days: blank Host, an agent nothing else uses.
    String poller = "193.42.33.71";
    long ts = z.at(7, 8, 3);
    List<String> polls = new ArrayList<>();
    while (ts < z.at(10, 8, 0)) {
      polls.add(z.http(ts, poller, WEB, 80, "POST", null, "/wp-content/plugins/cache/ping.php",
          "Mozilla/5.0 (X11; Ubuntu; Linux i686; rv:45.0) Gecko/20100101 Firefox/45.0", 700 + random.nextInt(200),
          300 + random.nextInt(100)));
      ts += (200 + random.nextInt(151)) * ZeekLogs.SECOND;
    }
    step("inbound-http-beacon", polls.toArray(String[]::new));

    // Kerberoasting: RC4 service tickets for 30 service accounts within two minutes.
    String roaster = workstation("eng-lt-017");
    for (int k = 0; k < 30; k++) {
      step("kerberoasting", z.kerberos(z.at(9, 10, 12) + k * 4 * ZeekLogs.SECOND, roaster, DC01, "TGS", user(19),
          (k % 3 == 0 ? "MSSQLSvc/sql" : k % 3 == 1 ? "HTTP/app" : "CIFS/nas") + k + "." + DOMAIN, "rc4-hmac"));
    }

    // A night-time VPN logon from a device nobody knows, then directory reconnaissance.
    String vpn = "172.20.200.37";
    String stranger = "DESKTOP-7Q4M2XK";
    z.kerberos(z.at(10, 2, 14), vpn, DC01, "AS", user(2), "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    String vpnSmb = z.smbSession(z.at(10, 2, 15), vpn, DC01, user(2), stranger, "SRV-DC01", 8_000, 12_000);
    z.treeConnect(z.at(10, 2, 15), vpnSmb, vpn, DC01, "IPC$");
    step("vpn-logon", vpnSmb);
    step("vpn-ldap-recon", z.ldapSearch(z.at(10, 2, 19), vpn, DC01, BASE,
        "(&(objectCategory=group)(|(cn=Domain Admins)(cn=Enterprise Admins)(cn=Backup Operators)))",
        List.of("member", "cn")));
    // Each tool opens its own SMB session to the domain controller's pipes.
    String samr = z.smbSession(z.at(10, 2, 21), vpn, DC01, user(2), stranger, "SRV-DC01", 6_000, 30_000);
    z.treeConnect(z.at(10, 2, 21), samr, vpn, DC01, "IPC$");
    z.rpc(z.at(10, 2, 21) + ZeekLogs.SECOND, samr, vpn, DC01, "\\pipe\\samr", "samr", "SamrConnect5");
    z.rpc(z.at(10, 2, 21) + 2 * ZeekLogs.SECOND, samr, vpn, DC01, "\\pipe\\samr", "samr",
        "SamrEnumerateUsersInDomain");
    z.rpc(z.at(10, 2, 21) + 3 * ZeekLogs.SECOND, samr, vpn, DC01, "\\pipe\\samr", "samr", "SamrGetMembersInAlias");
    step("vpn-samr-recon", samr);
    String trusts = z.smbSession(z.at(10, 2, 23), vpn, DC01, user(2), stranger, "SRV-DC01", 4_000, 9_000);
    z.treeConnect(z.at(10, 2, 23), trusts, vpn, DC01, "IPC$");
    z.rpc(z.at(10, 2, 23) + ZeekLogs.SECOND, trusts, vpn, DC01, "\\pipe\\lsarpc", "lsarpc", "LsarOpenPolicy2");
    z.rpc(z.at(10, 2, 23) + 2 * ZeekLogs.SECOND, trusts, vpn, DC01, "\\pipe\\lsarpc", "lsarpc",
        "LsarQueryInformationPolicy2");
    z.rpc(z.at(10, 2, 23) + 3 * ZeekLogs.SECOND, trusts, vpn, DC01, "\\pipe\\lsarpc", "lsarpc",
        "LsarEnumerateTrustedDomainsEx");
    step("vpn-lsarpc-recon", trusts);
    // Then the shares of 40 hosts within three minutes.
    List<String> targets = new ArrayList<>(MEMBER_SERVERS);
    targets.add(DC02);
    for (String name : WORKSTATIONS) {
      targets.add(workstation(name));
    }
    for (int k = 0; k < 40; k++) {
      long at = z.at(10, 2, 31) + k * 4 * ZeekLogs.SECOND;
      String target = targets.get(k);
      String smb = z.smbSession(at, vpn, target, user(2), stranger, SERVERS.getOrDefault(target, "WS"), 3_000, 4_000);
      z.treeConnect(at, smb, vpn, target, "IPC$");
      z.rpc(at + ZeekLogs.SECOND, smb, vpn, target, "\\pipe\\srvsvc", "srvsvc", "NetrShareEnum");
      step("vpn-share-enumeration", smb);
    }
    STORIES.put("vpn", List.of("vpn-logon", "vpn-ldap-recon", "vpn-samr-recon", "vpn-lsarpc-recon",
        "vpn-share-enumeration"));

    // DCOM lateral movement: an automation object activated on the ERP server and driven through IDispatch.
    String dcom = workstation("eng-lt-009");
    String activation = z.rpc(z.at(9, 11, 30), null, dcom, ERP, "135", "ISystemActivator", "RemoteCreateInstance");
    String invoke = z.rpc(z.at(9, 11, 30) + ZeekLogs.SECOND, null, dcom, ERP, "49712", "IRemUnknown2",
        "RemQueryInterface2");
    z.rpc(z.at(9, 11, 30) + 2 * ZeekLogs.SECOND, invoke, dcom, ERP, "49712", "IDispatch", "GetIDsOfNames");
    z.rpc(z.at(9, 11, 30) + 3 * ZeekLogs.SECOND, invoke, dcom, ERP, "49712", "IDispatch", "Invoke");
    z.rpc(z.at(9, 11, 30) + 4 * ZeekLogs.SECOND, invoke, dcom, ERP, "49712", "IDispatch", "Invoke");
    step("dcom-lateral", activation, invoke);

    // DPAPI: a finance laptop asks a domain controller for the domain's backup key.
    String dpapi = workstation("fin-lt-029");
    String lsa = z.smbKerberos(z.at(9, 14, 5), dpapi, DC01, 5_000, 9_000);
    z.treeConnect(z.at(9, 14, 5), lsa, dpapi, DC01, "IPC$");
    z.rpc(z.at(9, 14, 5) + ZeekLogs.SECOND, lsa, dpapi, DC01, "\\pipe\\protected_storage", "BackupKey",
        "BackuprKey");
    step("dpapi-backupkey", lsa);

    // The jump host reads four gigabytes from finance and legal shares it never used, late in the evening.
    long bulk = z.at(10, 21, 40);
    String reader = z.smbSession(bulk, JUMP, FS, "a-tberg", "SRV-JMP01", "SRV-FS01", 400_000, 4_400_000_000L);
    z.treeConnect(bulk, reader, JUMP, FS, "Finance$");
    z.treeConnect(bulk + ZeekLogs.SECOND, reader, JUMP, FS, "Legal$");
    for (int f = 0; f < 40; f++) {
      z.smbFile(bulk + (f + 2) * 30 * ZeekLogs.SECOND, reader, JUMP, FS, f % 2 == 0 ? "Finance$" : "Legal$",
          (f % 2 == 0 ? "Ledger\\FY2026\\" : "Contracts\\") + "doc-" + f + ".pdf", "SMB::FILE_READ", 110_000_000);
    }
    step("jump-bulk-read", reader);

    // Zerologon: hundreds of secure-channel handshakes with a domain controller in about a minute.
    String zero = workstation("eng-lt-026");
    String netlogon = z.tcp(z.at(9, 3, 10), zero, DC02, 49668, "dce_rpc", 80, 90_000, 60_000);
    for (int k = 0; k < 250; k++) {
      long at = z.at(9, 3, 10) + k * 300_000L;
      z.rpc(at, netlogon, zero, DC02, "49668", "netlogon", "NetrServerReqChallenge");
      z.rpc(at + 100_000L, netlogon, zero, DC02, "49668", "netlogon", "NetrServerAuthenticate3");
    }
    step("zerologon", netlogon);

    // A new laptop joins on Tuesday of the second week: the configuration manager pushes its client, and the first
    // user profile fetches the domain's DPAPI key. Benign, and alike to the attacks above.
    NEW_LAPTOP_RECORDS.clear();
    z.dhcp(z.at(8, 9, 20), "3c:52:82:4e:99:01", NEW_LAPTOP, "fin-lt-052", DOMAIN);
    z.kerberos(z.at(8, 9, 22), NEW_LAPTOP, DC01, "AS", "r.quist", "krbtgt/CORP.EXAMPLE", "aes256-cts-hmac-sha1-96");
    String profile = z.smbKerberos(z.at(8, 9, 23), NEW_LAPTOP, DC01, 5_000, 9_000);
    NEW_LAPTOP_RECORDS.put("profile", profile);
    z.treeConnect(z.at(8, 9, 23), profile, NEW_LAPTOP, DC01, "IPC$");
    z.rpc(z.at(8, 9, 23) + ZeekLogs.SECOND, profile, NEW_LAPTOP, DC01, "\\pipe\\protected_storage", "BackupKey",
        "BackuprKey");
    String push = z.smbSession(z.at(8, 9, 40), CM, NEW_LAPTOP, "svc_cmpush", "SRV-CM01", "FIN-LT-052", 6_000_000,
        30_000);
    z.treeConnect(z.at(8, 9, 40), push, CM, NEW_LAPTOP, "ADMIN$");
    NEW_LAPTOP_RECORDS.put("client-push", push);
    z.smbFile(z.at(8, 9, 41), push, CM, NEW_LAPTOP, "ADMIN$", "ccmsetup\\ccmsetup.exe", "SMB::FILE_WRITE",
        5_800_000);
    z.rpc(z.at(8, 9, 42), push, CM, NEW_LAPTOP, "\\pipe\\svcctl", "svcctl", "CreateServiceW");
    z.rpc(z.at(8, 9, 42) + ZeekLogs.SECOND, push, CM, NEW_LAPTOP, "\\pipe\\svcctl", "svcctl", "StartServiceW");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What detection made of it.

  private static List<Breach> breachesOf(String step) {
    Set<String> uids = Set.copyOf(STEPS.get(step));
    return breaches.stream().filter(b -> b.recordUids().stream().anyMatch(uids::contains)).toList();
  }

  private static String describe(List<Breach> found) {
    return found.stream().map(b -> b.score() + " " + b.modelIds() + " on " + b.device())
        .collect(Collectors.joining("; "));
  }

  private static Set<String> attackUids() {
    return STEPS.values().stream().flatMap(List::stream).collect(Collectors.toSet());
  }

  @Test
  void everyAttackStep_breachesAtSixtyOrMore_reconnaissanceAtAnyScore() {
    Map<String, String> missed = new TreeMap<>();
    for (String step : STEPS.keySet()) {
      List<Breach> found = breachesOf(step);
      int best = found.stream().mapToInt(Breach::score).max().orElse(0);
      if (best < (RECON.contains(step) ? 1 : 60)) {
        missed.put(step, found.isEmpty() ? "nothing" : describe(found));
      }
    }
    assertThat(missed).as("attack steps without a breach of 60 or more").isEmpty();
  }

  @Test
  void eachStory_isOneIncident() {
    for (Map.Entry<String, List<String>> story : STORIES.entrySet()) {
      List<String> ids = story.getValue().stream().flatMap(step -> breachesOf(step).stream()).map(Breach::id)
          .distinct().toList();
      assertThat(ids).as(story.getKey() + "'s breaches").isNotEmpty();
      List<Incident> holding = incidents.stream().filter(i -> i.breachIds().stream().anyMatch(ids::contains))
          .toList();
      assertThat(holding).as(story.getKey() + " is told in one incident").hasSize(1);
      assertThat(holding.getFirst().breachIds()).as(story.getKey() + "'s incident holds all its breaches")
          .containsAll(ids);
    }
  }

  @Test
  void everyBreachOfEightyOrMore_isInAnIncident() {
    Set<String> threaded = incidents.stream().flatMap(i -> i.breachIds().stream()).collect(Collectors.toSet());
    assertThat(breaches).filteredOn(b -> b.score() >= 80).allSatisfy(b -> assertThat(threaded)
        .as(b.score() + " " + b.modelIds() + " on " + b.device()).contains(b.id()));
  }

  @Test
  void theDomainControllersBeacon_citesItsRegularConnections() {
    Set<String> beacon = Set.copyOf(STEPS.get("dc-https-beacon"));
    assertThat(breachesOf("dc-https-beacon")).filteredOn(b -> b.score() >= 60).isNotEmpty()
        .allSatisfy(b -> assertThat(b.recordUids()).hasSizeGreaterThanOrEqualTo(4).allMatch(beacon::contains));
  }

  // From the end of the learning week only: in it the directory-sync server's replication still breaches (Suspicious
  // DCSync at 90, thirteen times on the first three days) instead of once; the first occurrence of a routine during
  // the network's learning is the learning-period rule's to settle (helper 'firstseen'), not asserted here.
  @Test
  void routines_raiseNothingOfSixtyOrMore_afterLearning() {
    Set<String> attacks = attackUids();
    List<Breach> loud = breaches.stream()
        .filter(b -> b.score() >= 60 && b.ts() >= START + LEARNING_DAYS * ZeekLogs.DAY)
        .filter(b -> b.recordUids().stream().noneMatch(attacks::contains))
        .filter(b -> b.recordUids().stream().noneMatch(NEW_LAPTOP_RECORDS.get("client-push")::equals)).toList();
    assertThat(loud).as(describe(loud)).isEmpty();
  }

  @Test
  void aNewLaptopsFirstProfile_isNoDpapiTheft_andItsClientPush_noAlarm() {
    assertThat(breaches).filteredOn(b -> b.recordUids().contains(NEW_LAPTOP_RECORDS.get("profile")))
        .allSatisfy(b -> assertThat(b.score()).as(describe(List.of(b))).isLessThan(60));
    // A new target at a new hour for the software-distribution server: a first occurrence may breach, but one act
    // is one finding, never an alarm that would start an incident.
    assertThat(breaches).filteredOn(b -> b.recordUids().contains(NEW_LAPTOP_RECORDS.get("client-push")))
        .allSatisfy(b -> assertThat(b.score()).as(describe(List.of(b))).isLessThan(80));
  }
}
