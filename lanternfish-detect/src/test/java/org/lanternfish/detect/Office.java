package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.event.Event;

/**
 * A small office's pattern of life: two domain controllers that replicate, a file server, an intranet server,
 * twenty clients, an admin workstation and a VPN user. The ground truth the scenario tests inject attacks into.
 */
final class Office {

  static final String DC1 = "10.0.0.10";
  static final String DC2 = "10.0.0.11";
  static final String FS = "10.0.0.20";
  static final String INTRANET = "10.0.0.30";
  static final String ADMIN_WS = "10.0.1.200";
  static final String VPN_USER = "10.8.0.5";
  static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36";
  static final String[][] COMMON = {
      {"office.com", "52.96.0.1"}, {"google.com", "142.250.0.1"}, {"windowsupdate.com", "13.107.4.50"}};

  static final int LEARNING_DAYS = 2;

  static String client(int i) {
    return "10.0.1." + i;
  }

  static DetectConfig config() {
    return DetectConfig.defaults().withDevices(DeviceConfig.defaults().withVpn("10.8.0.0/16"))
        .withLearningDays(LEARNING_DAYS);
  }

  /** Adds {@code days} days of ordinary office life starting on day {@code from}. */
  static void life(Traffic t, int from, int days) {
    for (int day = from; day < from + days; day++) {
      for (int i = 1; i <= 20; i++) {
        String c = client(i);
        String dc = i % 2 == 0 ? DC1 : DC2;
        t.kerberos(Traffic.at(day, 8, i), c, dc, "user" + i, true);
        String uid = t.ntlm(Traffic.at(day, 8, 30 + i), c, FS, "user" + i, "PC" + i);
        t.smbMap(Traffic.at(day, 8, 30 + i), uid, c, FS, "DATA");
      }
      for (int hour = 9; hour < 17; hour++) {
        for (int i = 1; i <= 20; i++) {
          String c = client(i);
          long ts = Traffic.at(day, hour, i * 2);
          String dc = i % 2 == 0 ? DC1 : DC2;
          t.conn(ts, c, dc, 389, "ldap", 2000, 8000, "SF");
          String[] site = COMMON[(hour + i) % COMMON.length];
          t.dns(ts, c, dc, "www." + site[0], 1, List.of(site[1]));
          String ssl = t.conn(ts + Traffic.SECOND, c, site[1], 443, "ssl", 40_000 + i * 100, 400_000, "SF");
          t.ssl(ts + Traffic.SECOND, ssl, c, site[1], "www." + site[0]);
          t.conn(ts + 2 * Traffic.SECOND, c, FS, 445, "smb", 20_000, 2_000_000, "SF");
          t.http(ts + 3 * Traffic.SECOND, c, INTRANET, "intranet.corp.local", BROWSER);
        }
        t.rpc(Traffic.at(day, hour, 5), DC1, DC2, "drsuapi", "DRSGetNCChanges");
        t.rpc(Traffic.at(day, hour, 6), DC2, DC1, "drsuapi", "DRSGetNCChanges");
        t.conn(Traffic.at(day, hour, 7), DC1, DC2, 88, "krb", 1000, 1000, "SF");
        t.conn(Traffic.at(day, hour, 8), DC2, DC1, 389, "ldap", 1000, 1000, "SF");
      }
      t.kerberos(Traffic.at(day, 10, 0), ADMIN_WS, DC1, "adm-ops", true);
      String smb = t.ntlm(Traffic.at(day, 10, 1), ADMIN_WS, FS, "adm-ops", "ADMINWS");
      t.smbMap(Traffic.at(day, 10, 1), smb, ADMIN_WS, FS, "C$");
      t.smbWrite(Traffic.at(day, 10, 2), smb, ADMIN_WS, FS, "C$", "Windows\\Temp\\kb5031356.msu");
      t.rdp(Traffic.at(day, 10, 3), ADMIN_WS, DC1, "adm-ops");
      t.ntlm(Traffic.at(day, 9, 0), VPN_USER, FS, "user5", "LAPTOP-05");
      t.rdp(Traffic.at(day, 9, 1), VPN_USER, client(5), "user5");
    }
  }

  /** Runs the events through a fresh single-threaded detector and returns every breach. */
  static List<Breach> detect(List<Event> events) {
    EmbeddedDetector detector = new EmbeddedDetector(config(), 1);
    List<Breach> out = new ArrayList<>();
    for (Event e : events) {
      out.addAll(detector.onEvent(e));
    }
    out.addAll(detector.flush());
    return out;
  }
}
