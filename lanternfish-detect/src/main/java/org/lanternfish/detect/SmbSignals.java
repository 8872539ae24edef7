package org.lanternfish.detect;

import java.util.Locale;
import java.util.Set;
import org.lanternfish.baseline.DistinctCounter;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.model.Signal;

/**
 * Learns Windows lateral movement surfaces: SMB sessions to shares (administrative drive shares especially), files
 * written to them and their path patterns, executables in disguise, and DCE-RPC interfaces and operations called
 * (DRSUAPI replication, service control, WMI).
 */
final class SmbSignals {

  /** Top folders attackers stage payloads in (a path is in one when it starts with it, then ends or a backslash). */
  private static final String[] STAGING = {"programdata", "perflogs", "users\\public", "windows\\temp", "temp",
      "windows\\tasks", "$recycle.bin"};
  private static final Set<String> EXECUTABLE =
      Set.of("exe", "dll", "sys", "scr", "cpl", "ocx", "com", "ps1", "psm1", "bat", "cmd", "vbs", "wsf", "hta", "msi");
  private static final Set<String> HARMLESS =
      Set.of("log", "txt", "dat", "tmp", "ini", "cfg", "xml", "json", "jpg", "png", "pdf");

  /**
   * WMI calls that make the peer run something: a method (Win32_Process Create and the like), or a new instance such
   * as an event filter, consumer and binding (a permanent subscription runs its consumer's script).
   */
  private static final String WMI = "IWbemServices";
  private static final String[] WMI_EXEC = {"ExecMethod", "ExecMethodAsync", "PutInstance", "PutInstanceAsync"};
  private static final String[] WMI_CALLS = {"IWbemServices:ExecMethod", "IWbemServices:ExecMethodAsync",
      "IWbemServices:PutInstance", "IWbemServices:PutInstanceAsync"};

  /** Devices administered (drive shares opened, WMI methods run) this many make an administrator's workstation. */
  private static final int ADMIN_ROUTINE = 3;

  /** Sessions to the shares of this many hosts within 10 minutes are share enumeration. */
  static final int SWEEP_HOSTS = 10;
  /** The item a device records each day it sweeps the shares of many hosts. */
  private static final long SWEEP = Fingerprint.of("share-sweep");
  /**
   * Secure-channel handshakes with one server within 2 minutes: a member sets its channel up with one or two;
   * Zerologon tries hundreds, each a challenge and an authentication with a zero credential.
   */
  static final int HANDSHAKE_CALLS = 20;

  /** Registry hives that hold a host's password hashes and the keys that decrypt them. */
  private static final Set<String> CREDENTIAL_STORES = Set.of("sam", "system", "security");

  private final DeviceShard shard;

  SmbSignals(DeviceShard shard) {
    this.shard = shard;
  }

  /** A drive share ({@code C$}) or {@code ADMIN$}. */
  static boolean adminShare(String share) {
    return share.length() == 2 && share.charAt(1) == '$' && isAsciiLetter(share.charAt(0))
        || share.equalsIgnoreCase("ADMIN$");
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** True when a path on a share is in (or is) one of the {@link #STAGING} folders. */
  static boolean stagingPath(String path) {
    for (String folder : STAGING) {
      int n = folder.length();
      if (path.regionMatches(true, 0, folder, 0, n) && (path.length() == n || path.charAt(n) == '\\')) {
        return true;
      }
    }
    return false;
  }

  /** True when a file name's last extension is one of {@code extensions} (lower case), in any case. */
  static boolean hasExtension(String base, Set<String> extensions) {
    int dot = base.lastIndexOf('.');
    return dot >= 0 && extensions.contains(base.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean containsIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }

  /** A WMI method call or new WMI object, which makes the peer run something. */
  static boolean wmiExec(String endpoint, String operation) {
    if (!endpoint.equalsIgnoreCase(WMI)) {
      return false;
    }
    for (String call : WMI_EXEC) {
      if (call.equalsIgnoreCase(operation)) {
        return true;
      }
    }
    return false;
  }

  /** The share's own name from a UNC path such as {@code \\DC01\C$}. */
  static String shareName(String path) {
    String p = path.endsWith("\\") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('\\') + 1).toUpperCase(Locale.ROOT);
  }

  void on(SmbMappingEvent m, RoutedEvent r) {
    if (!r.forOrig() || r.orig() == null || r.resp() == null || m.path() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), m.ts());
    String share = shareName(m.path());
    sweep(d, m, r);
    if (share.equals("IPC$")) {
      return;
    }
    boolean admin = adminShare(share);
    int before = d.seen.observe(Fingerprint.of("share", r.resp(), share), DeviceShard.day(m.ts()));
    if (before == 0 && !admin) {
      d.seen.observe(newShareItem(r.resp()), DeviceShard.day(m.ts()));
    }
    String credential = d.credentialOf(m.uid());
    if (admin && credential != null) {
      // A credential that mounts drive shares is administrative, whatever it is called.
      shard.delta.adminCredentials.add(Fingerprint.of("cred", credential));
    }
    int adminPeers = d.adminPeers == null ? 0 : d.adminPeers.estimate();
    if (admin) {
      if (d.adminPeers == null) {
        d.adminPeers = new DistinctCounter();
      }
      d.adminPeers.add(r.respFingerprint());
    }
    if (!shard.wants("smb_session")) {
      return;
    }
    Signal s = new Signal("smb_session", m.ts(), d.id, r.resp()).uid(m.uid())
        .with("admin_share_peers", adminPeers)
        .with("share", share).with("label", share).with("share_admin", admin).with("new_share", before == 0)
        .entity("credential", credential)
        .with("credential_admin", credential != null && shard.authentication().admin(credential))
        .with("from_vpn", r.origVpn())
        .evidence(before == 0 ? "first-seen" : "frequency", () -> before == 0
            ? "first SMB session from " + d.id + " to share " + share + " on " + r.resp()
            : "SMB sessions to " + share + " on " + r.resp() + " seen " + before + " times before", before);
    if (admin) {
      s.evidence("admin", () -> share + " is an administrative share", 1);
    }
    if (admin && adminPeers >= ADMIN_ROUTINE) {
      s.evidence("routine", () -> d.id + " opened administrative shares on " + adminPeers
          + " other devices before: administration is part of its pattern of life", adminPeers);
    }
    shard.emit(s, d);
  }

  /** The item a device records each day it opens a file share of {@code peer} it never used before. */
  static long newShareItem(String peer) {
    return Fingerprint.of("new-share", peer);
  }

  /** Counts the host into the device's share sessions of the last minutes: many hosts at once is enumeration. */
  private void sweep(DeviceState d, SmbMappingEvent m, RoutedEvent r) {
    if (d.bursts().distinct(Bursts.Kind.SHARE_HOSTS, 0, r.respFingerprint(), m.ts(), SWEEP_HOSTS) == 0
        || !shard.wants("share_sweep")) {
      return;
    }
    boolean firstSweep = d.seen.observe(SWEEP, DeviceShard.day(m.ts())) == 0;
    String credential = d.credentialOf(m.uid());
    shard.hold(new Signal("share_sweep", m.ts(), d.id, r.resp()).uid(m.uid())
        .with("first_sweep", firstSweep)
        .with("share", m.path())
        .entity("credential", credential)
        .with("credential_admin", credential != null && shard.authentication().admin(credential)));
  }

  /** At the end of a sweep of shares: its size, and whether the device swept before. */
  void shareSweep(Signal s, int hosts) {
    s.with("hosts", hosts)
        .evidence("burst", s.device() + " connected to the shares of about " + hosts
            + " different hosts within 10 minutes, among them " + s.get("share"), hosts);
    if (Boolean.FALSE.equals(s.get("first_sweep"))) {
      s.evidence("routine", s.device() + " swept the shares of many hosts before", 1);
    }
  }

  void on(SmbFileEvent f, RoutedEvent r) {
    if (r.forOrig() && r.orig() != null && r.resp() != null && f.name() != null && credentialStore(f.name())) {
      credentialFile(f, r);
    }
    if (!r.forOrig() || r.orig() == null || r.resp() == null || f.action() == null || f.name() == null
        || !containsIgnoreCase(f.action(), "WRITE")) {
      return;
    }
    DeviceState d = shard.device(r.orig(), f.ts());
    String share = f.path() == null ? "?" : shareName(f.path());
    String name = f.name().startsWith("\\") ? f.name().substring(1) : f.name();
    int slash = name.lastIndexOf('\\');
    String folder = slash < 0 ? "" : name.substring(0, slash);
    String base = name.substring(slash + 1);
    boolean staging = stagingPath(name);
    boolean executable = hasExtension(base, EXECUTABLE);
    boolean noExtension = base.indexOf('.') < 0;
    boolean harmless = hasExtension(base, HARMLESS);
    int before = d.seen.observe(Fingerprint.of("path", r.resp(), share + "\\" + folder.toLowerCase(Locale.ROOT)),
        DeviceShard.day(f.ts()));
    boolean admin = adminShare(share);
    // Whether this device ever wrote to the peer's administrative shares, whatever the folder or name.
    boolean newPeer = admin && d.seen.observe(Fingerprint.of("admin-write", r.resp()), DeviceShard.day(f.ts())) == 0;
    int adminPeers = d.adminPeers == null ? 0 : d.adminPeers.estimate();
    if (!shard.wants("smb_write")) {
      return;
    }
    // What an 'after: smb_write ~ PATTERN' step matches: the share, and whether the file is one that runs.
    Signal s = new Signal("smb_write", f.ts(), d.id, r.resp()).uid(f.uid())
        .with("share", share).with("label", executable ? share + " executable" : share)
        .with("share_admin", admin)
        .with("new_peer", newPeer)
        .with("admin_peers", adminPeers)
        .entity("file", name)
        .with("folder", folder)
        .with("staging_path", staging)
        .with("executable", executable)
        // In a staging folder, an executable, a nameless blob or a "log" beside vendor binaries is disguise.
        .with("masquerade", staging && (executable || noExtension || harmless) && !folder.isEmpty())
        .with("new_path", before == 0)
        .with("size", f.size())
        .entity("credential", d.credentialOf(f.uid()))
        .evidence("write", () -> "wrote " + name + " to " + share + " on " + r.resp()
            + (before == 0 ? ", a folder it never wrote to before" : ""), before);
    if (staging) {
      s.evidence("staging", () -> folder + " is a folder attackers stage payloads in", 1);
    }
    if (newPeer) {
      s.evidence("first-seen", () -> d.id + " never wrote to an administrative share of " + r.resp() + " before", 0);
    }
    if (admin && adminPeers > ADMIN_ROUTINE) {
      s.evidence("routine", () -> d.id + " opened administrative shares on " + adminPeers
          + " devices: administration is part of its pattern of life", adminPeers);
    }
    shard.emit(s, d);
  }

  /**
   * True for the directory database ({@code ntds.dit}, wherever it is) and for the registry hives SAM, SYSTEM and
   * SECURITY in a {@code config} folder or saved under a hive's extension: the live ones are locked, so a session
   * that opens one over SMB is taking a copy (from a shadow copy, or saved with reg save) of password hashes.
   */
  static boolean credentialStore(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int slash = lower.lastIndexOf('\\');
    String base = lower.substring(slash + 1);
    if (base.endsWith(".dit")) {
      return true;
    }
    int dot = base.lastIndexOf('.');
    String stem = dot < 0 ? base : base.substring(0, dot);
    String extension = dot < 0 ? "" : base.substring(dot + 1);
    boolean inConfig = slash >= 0 && lower.substring(0, slash).endsWith("config");
    return CREDENTIAL_STORES.contains(stem)
        && (extension.equals("hiv") || extension.equals("save") || extension.equals("bak")
            || extension.isEmpty() && inConfig);
  }

  private void credentialFile(SmbFileEvent f, RoutedEvent r) {
    DeviceState d = shard.device(r.orig(), f.ts());
    String share = f.path() == null ? "?" : shareName(f.path());
    String name = f.name().startsWith("\\") ? f.name().substring(1) : f.name();
    String action = f.action() == null ? "?" : f.action();
    // A backup agent reads the same hives of the same servers every night: only a first time is news.
    int before = d.seen.observe(Fingerprint.of("credential-file", r.resp(), name.toLowerCase(Locale.ROOT)),
        DeviceShard.day(f.ts()));
    if (!shard.wants("credential_file")) {
      return;
    }
    Signal s = new Signal("credential_file", f.ts(), d.id, r.resp()).uid(f.uid())
        .with("new_for_pair", before == 0)
        .entity("file", name)
        .with("share", share).with("label", share)
        .with("action", action)
        .entity("credential", d.credentialOf(f.uid()))
        .evidence("credential-store", () -> d.id + " opened " + name + " on " + share + " of " + r.resp() + " ("
            + action + "): a copy of the password hashes of the domain or of a host", 1);
    shard.emit(s, d);
  }

  void on(FileEvent f, RoutedEvent r) {
    if (r.forResp() && r.resp() != null && f.mimeType() != null) {
      download(f, r);
    }
    if (!r.forOrig() || r.orig() == null || f.mimeType() == null || f.filename() == null) {
      return;
    }
    boolean executableContent = f.mimeType().contains("dosexec") || f.mimeType().contains("x-executable");
    if (!executableContent || !shard.wants("file_transfer")) {
      return;
    }
    DeviceState d = shard.device(r.orig(), f.ts());
    String base = f.filename().substring(f.filename().lastIndexOf('\\') + 1);
    Signal s = new Signal("file_transfer", f.ts(), d.id, r.resp()).uid(f.uid())
        .entity("file", f.filename())
        .with("mime", f.mimeType())
        .with("source", f.source())
        .with("masquerade", !hasExtension(base, EXECUTABLE))
        .with("sha1", f.sha1())
        .evidence("content", f.filename() + " is " + f.mimeType() + " content under a name that hides it", 1);
    shard.emit(s, d);
  }

  /** True when the device ever ran a WMI method or created a WMI object on {@code peer} (as far as it remembers). */
  private static boolean ranWmiOn(DeviceState d, String peer) {
    for (String call : WMI_CALLS) {
      if (d.seen.count(Fingerprint.of("rpc", peer, call)) > 0) {
        return true;
      }
    }
    return false;
  }

  /** A Windows executable received over the web from a source this device never fetched one from. */
  private void download(FileEvent f, RoutedEvent r) {
    boolean web = f.source() != null && (f.source().equalsIgnoreCase("HTTP") || f.source().equalsIgnoreCase("FTP"));
    if (!web || !f.mimeType().contains("dosexec") || !shard.wants("exe_download")) {
      return;
    }
    String sender = r.orig() != null ? r.orig() : f.txHosts().get(0);
    DeviceState d = shard.device(r.resp(), f.ts());
    int before = d.seen.observe(Fingerprint.of("exe-src", sender), DeviceShard.day(f.ts()));
    Signal s = new Signal("exe_download", f.ts(), d.id, sender).uid(f.uid())
        .entity("file", f.filename())
        .with("new_source", before == 0)
        .with("sender_internal", r.orig() != null)
        .with("bytes", f.seenBytes())
        .with("sha1", f.sha1())
        .evidence(before == 0 ? "first-seen" : "frequency", before == 0
            ? d.id + " downloaded a Windows executable over " + f.source() + " from " + sender + " for the first time"
            : "executables from " + sender + " seen " + before + " times before", before);
    shard.defer(s, d, Fingerprint.of("exe-src", sender));
  }

  void on(DceRpcEvent x, RoutedEvent r) {
    if (x.endpoint() == null) {
      return;
    }
    if (r.forResp() && r.resp() != null && x.endpoint().equalsIgnoreCase("drsuapi")) {
      shard.device(r.resp(), x.ts()).drsuapiServed = true;
    }
    if (!r.forOrig() || r.orig() == null || r.resp() == null) {
      return;
    }
    DeviceState d = shard.device(r.orig(), x.ts());
    String op = x.operation() == null ? "?" : x.operation();
    boolean wmiExec = wmiExec(x.endpoint(), op);
    boolean wmiNewPeer = wmiExec && !ranWmiOn(d, r.resp());
    String call = x.endpoint() + ":" + op;
    int before = d.seen.observe(Fingerprint.of("rpc", r.resp(), call), DeviceShard.day(x.ts()));
    int adminPeers = d.adminPeers == null ? 0 : d.adminPeers.estimate();
    if (wmiExec) {
      // Running WMI methods on a device is administering it, as opening its drive share is.
      if (d.adminPeers == null) {
        d.adminPeers = new DistinctCounter();
      }
      d.adminPeers.add(r.respFingerprint());
    }
    if (x.endpoint().equalsIgnoreCase("netlogon") && (op.startsWith("NetrServerReqChallenge")
        || op.startsWith("NetrServerAuthenticate"))) {
      handshake(d, x, r, op);
    }
    if (!shard.wants("rpc")) {
      return;
    }
    String credential = d.credentialFor(x.uid(), x.ts());
    // A user's first logon on a device makes their profile, and the profile's first moments call the DC (DPAPI).
    boolean credentialNew = credential != null
        && d.seen.firstDay(Fingerprint.of("cred", credential)) == DeviceShard.day(x.ts());
    Signal s = new Signal("rpc", x.ts(), d.id, r.resp()).uid(x.uid())
        .with("endpoint", x.endpoint()).with("operation", op).with("label", call)
        .with("named_pipe", x.namedPipe())
        .with("new_for_pair", before == 0)
        .with("wmi_exec", wmiExec)
        .with("wmi_new_peer", wmiNewPeer)
        .with("admin_peers", adminPeers)
        .entity("credential", credential)
        .with("credential_new_on_device", credentialNew)
        .evidence(before == 0 ? "first-seen" : "frequency", () -> before == 0
            ? "first " + x.endpoint() + " " + op + " call from " + d.id + " to " + r.resp()
            : x.endpoint() + " " + op + " to " + r.resp() + " seen " + before + " times before", before);
    if (wmiExec && adminPeers >= ADMIN_ROUTINE) {
      s.evidence("routine", () -> d.id + " administered " + adminPeers + " other devices before (drive shares, WMI):"
          + " administration is part of its pattern of life", adminPeers);
    }
    if (op.contains("GetNCChanges")) {
      // Judged at the epoch's end, so a domain controller replicating on the first day has had the epoch to show
      // its role (served Kerberos and LDAP, or was itself replicated from) before its own request is judged.
      shard.defer(s, d, Fingerprint.of("rpc", x.endpoint(), op));
    } else {
      shard.emit(s, d);
    }
  }

  /**
   * Counts a secure-channel handshake call with the server: a burst is Zerologon (Zeek logs no result, so the burst
   * itself is the finding).
   */
  private void handshake(DeviceState d, DceRpcEvent x, RoutedEvent r, String op) {
    if (d.bursts().count(Bursts.Kind.NETLOGON_HANDSHAKES, r.respFingerprint(), x.ts(), HANDSHAKE_CALLS) > 0
        && shard.wants("netlogon_burst")) {
      shard.hold(new Signal("netlogon_burst", x.ts(), d.id, r.resp()).uid(x.uid()).with("operation", op));
    }
  }

  /** At the end of a burst of secure-channel handshakes: its size. */
  void handshakeBurst(Signal s, int calls) {
    s.with("calls", calls)
        .evidence("burst", s.device() + " made " + calls + " Netlogon secure-channel handshake calls to " + s.peer()
            + " within 2 minutes, among them " + s.get("operation") + "; a member sets its channel up with one or two",
            calls);
  }

}
