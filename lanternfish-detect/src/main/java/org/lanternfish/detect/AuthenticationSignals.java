package org.lanternfish.detect;

import java.util.List;
import java.util.Locale;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.device.Role;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.model.Signal;

/**
 * Learns which credentials each device uses (Kerberos, NTLM) and where it opens remote desktops: first use of a
 * credential on a device, administrative credentials, VPN logins, failed logins for brute force, RDP from VPN.
 */
final class AuthenticationSignals {

  /** Any remote desktop this device opened, so its first one is known. */
  private static final long FIRST_RDP = Fingerprint.of("rdp-any");
  /** Any Kerberos ticket this device got under AES, so a later RC4 logon is a downgrade. */
  private static final long AES_TICKETS = Fingerprint.of("krb-aes");
  /** Service tickets under RC4 for this many distinct services within 10 minutes are Kerberoasting. */
  static final int RC4_SERVICES = 8;
  private static final long HOUR = 3_600_000_000L;
  /** Hours a device must have authenticated at before its own quiet hours tell its night. */
  private static final int RHYTHM_HOURS = 3;
  private static final int QUIET_MARGIN = 3;

  private final DeviceShard shard;

  AuthenticationSignals(DeviceShard shard) {
    this.shard = shard;
  }

  void on(KerberosEvent k, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || k.client() == null || k.id() == null) {
      return;
    }
    String credential = credential(k.client());
    DeviceState d = shard.device(r.orig(), k.ts());
    if (Boolean.FALSE.equals(k.success())) {
      shard.connections().attempt(d, target(k.id().respHost(), r), 88, "Kerberos " + k.errorMsg(), k.ts(), k.uid());
    } else if (credential != null) {
      if ("AS".equalsIgnoreCase(k.requestType()) && !r.origVpn()) {
        // A user logon asked for by a device: a VPN concentrator does this for every remote user (VpnSessions).
        shard.delta.logons.add(new VpnSessions.Logon(k.ts(), credential, k.uid(), d.id,
            r.origName() != null ? r.origName() : d.id));
      } else if ("AS".equalsIgnoreCase(k.requestType())) {
        // A device joining the VPN pool logs its user on; a device already in the pool only renews service
        // tickets, so it cannot claim a logon the concentrator made for someone just now.
        shard.delta.poolUse(shard.canonical(credential), k.ts());
      }
      boolean newOnDevice = d.seen.count(Fingerprint.of("cred", credential)) == 0;
      used(d, credential, r, k.ts(), k.uid(), "Kerberos " + k.requestType());
      int hour = hourOf(d, r, k.ts());
      if ("AS".equalsIgnoreCase(k.requestType())) {
        logonHour(d, credential, newOnDevice, hour, r, k);
      }
      d.logonHours |= 1 << hour;
    }
    if (k.cipher() != null && !Boolean.FALSE.equals(k.success())) {
      cipher(d, k, r, credential);
    }
  }

  /**
   * Judges the ticket's cipher: service tickets under RC4 for many services in minutes (Kerberoasting: the tickets
   * are cracked offline), and a logon under RC4 by a device whose tickets were AES (a key passed as an NTLM hash,
   * as Rubeus asktgt /rc4 and overpass-the-hash do). A legacy service asking for its few RC4 tickets is neither.
   */
  private void cipher(DeviceState d, KerberosEvent k, RoutedEvent r, String credential) {
    String cipher = k.cipher().toLowerCase(Locale.ROOT);
    int day = DeviceShard.day(k.ts());
    if (cipher.contains("aes")) {
      d.seen.observe(AES_TICKETS, day);
      return;
    }
    if (!cipher.contains("rc4")) {
      return;
    }
    boolean logon = "AS".equalsIgnoreCase(k.requestType());
    if (logon && d.seen.count(AES_TICKETS) > 0 && shard.wants("ticket_downgrade")) {
      Signal s = new Signal("ticket_downgrade", k.ts(), d.id, r.resp()).uid(k.uid())
          .with("cipher", k.cipher())
          .entity("credential", credential)
          .with("credential_admin", credential != null && admin(credential))
          .evidence("downgrade", () -> d.id + " asked for a ticket-granting ticket" + (credential == null ? ""
              : " for " + credential) + " under " + k.cipher() + "; its tickets were AES until now", 1);
      shard.emit(s, d);
    } else if (!logon && k.service() != null && !k.service().toLowerCase(Locale.ROOT).startsWith("krbtgt")) {
      String service = k.service().toLowerCase(Locale.ROOT);
      if (d.bursts().distinct(Bursts.Kind.RC4_TICKETS, 0, Fingerprint.of("spn", service), k.ts(), RC4_SERVICES) > 0
          && shard.wants("ticket_burst")) {
        shard.hold(new Signal("ticket_burst", k.ts(), d.id, r.resp()).uid(k.uid())
            .with("cipher", k.cipher())
            .with("service", k.service())
            .entity("credential", credential)
            .with("credential_admin", credential != null && admin(credential)));
      }
    }
  }

  /** At the end of a burst of RC4 service tickets: its size. */
  void ticketBurst(Signal s, int services) {
    s.with("services", services)
        .evidence("burst", s.device() + " asked " + s.peer() + " for " + s.get("cipher") + " service tickets for about "
            + services + " different services within 10 minutes, among them " + s.get("service"), services);
  }

  void on(NtlmEvent n, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || n.username() == null || n.id() == null) {
      return;
    }
    String credential = credential(n.username());
    DeviceState d = shard.device(r.orig(), n.ts());
    if (Boolean.FALSE.equals(n.success())) {
      shard.connections().attempt(d, target(n.id().respHost(), r), n.id().respPort(), "NTLM", n.ts(), n.uid());
    } else if (credential != null) {
      used(d, credential, r, n.ts(), n.uid(), "NTLM");
      d.logonHours |= 1 << hourOf(d, r, n.ts());
    }
  }

  /** The target of a login: its device id when internal, so breaches name devices the same way everywhere. */
  static String target(String address, RoutedEvent r) {
    return r.resp() != null ? r.resp() : address;
  }

  /** The account name of a principal such as {@code alice/CORP.LOCAL} or {@code CORP\alice}, or null for machines. */
  static String credential(String principal) {
    String p = principal.strip();
    int slash = p.indexOf('\\');
    if (slash >= 0) {
      p = p.substring(slash + 1);
    }
    int end = p.indexOf('/');
    int at = p.indexOf('@');
    if (at >= 0 && (end < 0 || at < end)) {
      end = at;
    }
    if (end >= 0) {
      p = p.substring(0, end);
    }
    if (p.isEmpty() || p.endsWith("$") || p.equals("-") || p.startsWith("krbtgt")) {
      return null;
    }
    return p.toLowerCase(Locale.ROOT);
  }

  private void used(DeviceState d, String credential, RoutedEvent r, long ts, String uid, String how) {
    d.rememberCredential(uid, shard.canonical(credential), ts);
    if (Role.CLIENT.in(d.roles()) && ts - d.firstSeen > DeviceShard.DAY) {
      // Servers look like clients until they have served a few devices: only a client seen for a day counts.
      shard.use(Fingerprint.of("cred-client", credential), d);
    }
    long item = Fingerprint.of("cred", credential);
    int before = d.seen.observe(item, DeviceShard.day(ts));
    if (before > 0 || !shard.wants("credential")) {
      shard.use(item, d);
      return;
    }
    boolean admin = admin(credential);
    long onClients = Fingerprint.of("cred-client", credential);
    int clients = shard.view.devices(onClients);
    Signal s = new Signal("credential", ts, d.id, r.resp()).uid(uid)
        .with("credential_clients", clients)
        .with("device_is_address", d.id.equals(r.origAddress()))
        .entity("credential", credential)
        .with("credential_admin", admin)
        .with("credential_service", service(credential))
        .with("new_on_device", true)
        .with("from_vpn", r.origVpn())
        .with("method", how)
        .evidence("first-seen", "first use of credential " + credential + " on " + d.id + " after "
            + days(d, ts) + " days of observation", 0);
    if (admin) {
      s.evidence("admin", credential + " is an administrative credential", 1);
    }
    if (clients == 0) {
      s.evidence("service", credential + " was never used from a client device before, only by servers", 0);
    }
    shard.defer(s, d, item);
  }

  /**
   * Judges a user logon (Kerberos AS) by the hour of the day: a device that authenticates (Kerberos, NTLM) only at
   * some hours logging a user on two or more hours away from any of them (a known laptop logging its owner in over
   * the VPN at 03:00, a desk workstation used at night); {@code night} when the hour is one by the device's clocks,
   * or lies deep inside the hours it never authenticated at. Devices with no logon yet, servers, which log services
   * on around the clock, and VPN endpoints, which log remote users on whenever they connect, are not judged.
   */
  private void logonHour(DeviceState d, String credential, boolean newOnDevice, int hour, RoutedEvent r,
      KerberosEvent k) {
    int usual = d.logonHours;
    int around = 1 << hour | 1 << (hour + 1) % 24 | 1 << (hour + 23) % 24;
    if (usual == 0 || (usual & around) != 0 || !Role.CLIENT.in(d.roles()) || !shard.wants("logon_hour")
        || shard.view.devices(VpnSessions.endpointItem(d.id)) >= VpnSessions.ENDPOINT_ECHOES) {
      return;
    }
    boolean night = hour < 6 || Integer.bitCount(usual) >= RHYTHM_HOURS && deepInQuietHours(usual, hour);
    Signal s = new Signal("logon_hour", k.ts(), d.id, r.resp()).uid(k.uid())
        .with("hour", hour)
        .with("night", night)
        .with("logon_hours", Integer.bitCount(usual))
        .entity("credential", credential)
        .with("credential_admin", admin(credential))
        .with("new_on_device", newOnDevice)
        .with("from_vpn", r.origVpn())
        .evidence("hour", String.format(Locale.ROOT, "%s logged %s on at %02d:00 by its clocks; it authenticated "
            + "only at %s until now", d.id, credential, hour, hours(usual)), hour);
    shard.defer(s, d, Fingerprint.of("cred", credential));
  }

  /**
   * True when {@code hour} lies {@value #QUIET_MARGIN} or more hours inside the longest run of hours in which the
   * device never authenticated: its own night, whatever the clocks say (a site whose time zone is not configured).
   */
  static boolean deepInQuietHours(int usual, int hour) {
    int start = -1;
    int longest = 0;
    for (int h = 0; h < 24; h++) {
      if ((usual & 1 << h) != 0 || (usual & 1 << (h + 23) % 24) == 0) {
        continue;
      }
      int length = 0;
      while (length < 24 && (usual & 1 << (h + length) % 24) == 0) {
        length++;
      }
      if (length > longest) {
        longest = length;
        start = h;
      }
    }
    int offset = Math.floorMod(hour - start, 24);
    return start >= 0 && offset >= QUIET_MARGIN && offset < longest - QUIET_MARGIN;
  }

  /** The hour of the day of {@code ts} by the device's clocks. */
  private int hourOf(DeviceState d, RoutedEvent r, long ts) {
    return shard.week(d, r.origAddress()).slotOf(Math.floorDiv(ts, HOUR)) % 24;
  }

  /** The hours of a day mask as text, such as "07-09, 13". */
  private static String hours(int mask) {
    StringBuilder sb = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      if ((mask & 1 << h) == 0) {
        continue;
      }
      int end = h;
      while (end + 1 < 24 && (mask & 1 << end + 1) != 0) {
        end++;
      }
      sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, end > h ? "%02d-%02d" : "%02d", h, end));
      h = end;
    }
    return sb.toString();
  }

  /**
   * Ties a credential's first use from a device in the VPN pool to the VPN session it came in by: the learned VPN
   * endpoint's recent user logons that no device in the pool took up. Judged at the epoch's end, when the logons
   * and pool uses of the whole network up to the signal are merged; a remote desktop from the pool is judged at
   * once, against the sessions merged by the last epoch's end (a VPN logon minutes before it).
   */
  void vpnSession(Signal s) {
    if (!Boolean.TRUE.equals(s.get("from_vpn"))) {
      return;
    }
    List<VpnSessions.Logon> logons = shard.view.vpn.unclaimed(s.ts(), shard.view);
    String credential = s.entity("credential");
    if (logons.isEmpty() && !s.kind().equals("credential")) {
      // A device logging its own user on at an odd hour, or opening a remote desktop under that user, came in by
      // the user's session, which it took up itself.
      VpnSessions.Logon own = shard.view.vpn.lastOf(credential, s.ts(), shard.view);
      s.with("vpn_logon", own != null);
      if (own != null) {
        long gap = (s.ts() - own.ts()) / 1_000_000L;
        s.with("vpn_user", own.credential()).with("vpn_logon_gap_s", gap).with("vpn_other_user", false)
            .entity("vpn_user", own.credential()).uid(own.uid())
            .evidence("vpn-session", own.name() + " logged " + credential + " in over the VPN " + gap
                + " s earlier", gap);
      }
      return;
    }
    s.with("vpn_logon", !logons.isEmpty());
    if (logons.isEmpty()) {
      return;
    }
    VpnSessions.Logon last = logons.getFirst();
    long gap = (s.ts() - last.ts()) / 1_000_000L;
    s.with("vpn_user", last.credential())
        .with("vpn_logon_gap_s", gap)
        .with("vpn_other_user", !last.credential().equals(credential))
        .entity("vpn_user", last.credential());
    for (VpnSessions.Logon l : logons) {
      s.uid(l.uid());
    }
    s.evidence("vpn-session", last.name() + " logged " + last.credential() + " in over the VPN " + gap
        + " s earlier; no device of " + last.credential() + " joined the VPN pool since, and " + s.device()
        + " appeared in it" + (last.credential().equals(credential) ? "" : " using " + credential + " instead"),
        gap);
  }

  /**
   * A service credential by behaviour: devices used it before, and none of them was a client (what the network
   * learned up to the last epoch).
   */
  boolean service(String credential) {
    return shard.view.devices(Fingerprint.of("cred-client", credential)) == 0
        && shard.view.devices(Fingerprint.of("cred", credential)) >= 1;
  }

  boolean admin(String credential) {
    return shard.config.devices().adminCredentials().matcher(credential).find()
        || shard.view.adminCredentials.contains(Fingerprint.of("cred", credential));
  }

  private static long days(DeviceState d, long ts) {
    return Math.max(0, (ts - d.firstSeen) / DeviceShard.DAY);
  }

  void on(RdpEvent rdp, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || rdp.id() == null || r.resp() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), rdp.ts());
    long pair = Fingerprint.of("rdp", r.resp());
    int before = d.seen.observe(pair, DeviceShard.day(rdp.ts()));
    boolean firstRdp = d.seen.observe(FIRST_RDP, DeviceShard.day(rdp.ts())) == 0;
    if (!shard.wants("rdp")) {
      return;
    }
    String credential = rdp.cookie() == null ? null : credential(rdp.cookie());
    Signal s = new Signal("rdp", rdp.ts(), d.id, r.resp()).uid(rdp.uid())
        .with("from_vpn", r.origVpn())
        .with("new_pair", before == 0)
        .with("first_rdp", firstRdp)
        .with("cookie", rdp.cookie())
        .entity("credential", credential)
        .with("credential_admin", credential != null && admin(credential))
        .with("credential_service", credential != null && service(credential))
        .evidence(before == 0 ? "first-seen" : "frequency", before == 0
            ? "first RDP session from " + d.id + " to " + r.resp()
            : "RDP from " + d.id + " to " + r.resp() + " seen " + before + " times since "
                + (DeviceShard.day(rdp.ts()) - d.seen.firstDay(pair)) + " days ago", before);
    if (r.origVpn()) {
      s.evidence("vpn", d.id + " connects from the VPN address pool", 1);
      vpnSession(s);
    }
    if (firstRdp) {
      s.evidence("first-rdp", d.id + " never opened a remote desktop before", 0);
    }
    shard.emit(s, d);
  }
}
