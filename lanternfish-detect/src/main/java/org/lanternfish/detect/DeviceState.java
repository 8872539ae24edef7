package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.lanternfish.baseline.DestinationSlots;
import org.lanternfish.baseline.DistinctCounter;
import org.lanternfish.baseline.DnsSlots;
import org.lanternfish.baseline.FailedLookups;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.baseline.HourlyVolume;
import org.lanternfish.baseline.UploadRun;
import org.lanternfish.baseline.LocalWeek;
import org.lanternfish.baseline.AlertPattern;
import org.lanternfish.baseline.NoveltySet;
import org.lanternfish.device.Role;

/**
 * Everything Lanternfish has learned about one device: its pattern of life. Parts a device never needs (served
 * services, external destinations, DNS) are allocated on first use, which keeps a quiet device to a few hundred bytes.
 */
public final class DeviceState {

  static final int MAX_ITEMS = 96;
  static final int ADDRESS_NAMES = 4;
  /** How long after a logon the device's next connections are taken to run under its credential. */
  static final long CREDENTIAL_REACH = 5 * 60_000_000L;

  final String id;
  final long fingerprint;
  /** The last epoch in which this device was active, so epoch ends visit only active devices. */
  long epoch = Long.MIN_VALUE;
  long firstSeen = Long.MAX_VALUE;
  long lastSeen = Long.MIN_VALUE;
  int configuredRoles;
  /** The roles last reported to the network view (-1: not yet, or not since a restore). */
  int reportedRoles = -1;
  NoveltySet seen = new NoveltySet(MAX_ITEMS);
  /** Its pattern of Defender alerts, allocated at its first alert. */
  AlertPattern defenderAlerts;
  /** Minimum fingerprint of the internal services this device uses: devices with similar habits share it. */
  long serviceMin = Long.MAX_VALUE;
  DistinctCounter kerberosClients;
  DistinctCounter ldapClients;
  DistinctCounter smbClients;
  DistinctCounter proxyClients;
  DistinctCounter anyClients;
  /** Servers whose administrative shares this device opened: many means administration is its routine. */
  DistinctCounter adminPeers;
  boolean drsuapiServed;
  HourlyVolume externalOut;
  HourlyVolume internalIn;
  /** Its latest run of hours sending far more outside than usual, allocated with its first outside connection. */
  UploadRun uploads;
  /** The week by this device's clocks, for its volumes (chosen at first use; not part of the snapshot). */
  LocalWeek week;
  long volumeReportedHour = Long.MIN_VALUE;
  long downloadReportedHour = Long.MIN_VALUE;
  DestinationSlots destinations;
  /** Outside hosts that call this device (a server), timed for beacons polling it. */
  DestinationSlots callers;
  DnsSlots dns;
  /** Failed lookups of the last ten minutes, allocated at the first NXDOMAIN. */
  FailedLookups failedLookups;
  long bruteStart = Long.MIN_VALUE;
  long bruteTarget;
  int bruteCount;
  boolean bruteReported;
  History history;
  /** What the device does as a habit: model and peer pairs that fired again and again (allocated at a breach). */
  Routines routines;
  /** What each model did on the device lately, whatever its peers: cooldowns, campaigns, fleet habits. */
  Campaigns campaigns;
  /** Credentials by connection uid, so SMB sessions know whose credential they run under. */
  RecentNames credentials;
  /** The credential this device authenticated with last, and when: RPC over Kerberos names it in no record of its own. */
  String lastCredential;
  long lastCredentialTs = Long.MIN_VALUE;
  /** The hours of the day (bit per hour, by its clocks) at which it authenticated (Kerberos, NTLM). */
  int logonHours;
  /** Names of external addresses learned from this device's DNS answers, SNI and Host headers. */
  RecentNames addressNames;
  /** Short bursts of requests (RC4 tickets, secure-channel handshakes, share sessions), allocated at the first. */
  Bursts bursts;

  DeviceState(String id) {
    this.id = id;
    this.fingerprint = Fingerprint.of(id);
  }

  /** The device's stable id. */
  public String id() {
    return id;
  }


  void touch(long ts) {
    if (ts == Long.MIN_VALUE) {
      return;
    }
    firstSeen = Math.min(firstSeen, ts);
    lastSeen = Math.max(lastSeen, ts);
  }

  /** The role bits learned from what this device serves, plus configured ones. */
  int roles() {
    int r = configuredRoles;
    // Only a domain controller is asked for directory replication, so serving DRSUAPI alone makes one; a KDC that
    // also answers LDAP is one too, even before any replication partner has called it.
    if (drsuapiServed || kerberosClients != null && kerberosClients.estimate() >= 2
        && ldapClients != null && ldapClients.estimate() >= 1) {
      r |= Role.DOMAIN_CONTROLLER.bit();
    }
    if (smbClients != null && smbClients.estimate() >= 5) {
      r |= Role.FILE_SERVER.bit();
    }
    if (proxyClients != null && proxyClients.estimate() >= 5) {
      r |= Role.PROXY.bit();
    }
    if (anyClients != null && anyClients.estimate() >= 3) {
      r |= Role.SERVER.bit();
    }
    return r == 0 ? Role.CLIENT.bit() : r;
  }

  /** The roles it has, learned from what it serves and configured, in the order of {@link Role}. */
  public List<Role> learnedRoles() {
    int r = roles();
    return Arrays.stream(Role.values()).filter(role -> role.in(r)).toList();
  }

  /**
   * Its peer group: devices of the same roles (serving something aside) whose least-fingerprint internal service is
   * the same share it, so devices with the same habits are compared with each other.
   */
  public long peerGroup() {
    int r = roles() & ~Role.SERVER.bit();
    return Fingerprint.mix(r * 0x9E3779B97F4A7C15L + serviceMin);
  }

  Routines routines() {
    if (routines == null) {
      routines = new Routines();
    }
    return routines;
  }

  Bursts bursts() {
    if (bursts == null) {
      bursts = new Bursts();
    }
    return bursts;
  }

  Campaigns campaigns() {
    if (campaigns == null) {
      campaigns = new Campaigns();
    }
    return campaigns;
  }

  History history() {
    if (history == null) {
      history = new History();
    }
    return history;
  }

  void rememberCredential(String uid, String credential, long ts) {
    lastCredential = credential;
    lastCredentialTs = ts;
    if (uid != null) {
      if (credentials == null) {
        credentials = new RecentNames(4);
      }
      credentials.put(uid, credential);
    }
  }

  String credentialOf(String uid) {
    return credentials == null || uid == null ? null : credentials.get(uid);
  }

  /**
   * The credential behind a connection: the one it authenticated with itself (NTLM), else the one the device
   * authenticated with in the minutes before (a Kerberos ticket is asked for on a connection of its own).
   */
  String credentialFor(String uid, long ts) {
    String own = credentialOf(uid);
    if (own != null) {
      return own;
    }
    return lastCredential != null && ts >= lastCredentialTs && ts - lastCredentialTs <= CREDENTIAL_REACH
        ? lastCredential : null;
  }

  void nameAddress(String address, String name) {
    if (address != null && name != null) {
      if (addressNames == null) {
        addressNames = new RecentNames(ADDRESS_NAMES);
      }
      addressNames.put(address, name);
    }
  }

  String nameOf(String address) {
    return addressNames == null ? null : addressNames.get(address);
  }

  /** Writes the state in the snapshot format ({@link StateCodecs#VERSION}); equal state gives equal bytes. */
  public void write(DataOutput out) throws IOException {
    out.writeUTF(id);
    out.writeLong(firstSeen);
    out.writeLong(lastSeen);
    out.writeInt(configuredRoles);
    seen.write(out);
    out.writeLong(serviceMin);
    for (DistinctCounter c : new DistinctCounter[] {kerberosClients, ldapClients, smbClients, proxyClients,
        anyClients, adminPeers}) {
      out.writeBoolean(c != null);
      if (c != null) {
        out.writeLong(c.low());
        out.writeLong(c.high());
      }
    }
    out.writeBoolean(drsuapiServed);
    for (HourlyVolume v : new HourlyVolume[] {externalOut, internalIn}) {
      out.writeBoolean(v != null);
      if (v != null) {
        v.write(out);
      }
    }
    out.writeLong(volumeReportedHour);
    out.writeLong(downloadReportedHour);
    out.writeBoolean(destinations != null);
    if (destinations != null) {
      destinations.write(out);
    }
    out.writeBoolean(callers != null);
    if (callers != null) {
      callers.write(out);
    }
    out.writeBoolean(dns != null);
    if (dns != null) {
      dns.write(out);
    }
    out.writeBoolean(failedLookups != null);
    if (failedLookups != null) {
      failedLookups.write(out);
    }
    out.writeLong(bruteStart);
    out.writeLong(bruteTarget);
    out.writeInt(bruteCount);
    out.writeBoolean(bruteReported);
    out.writeBoolean(history != null);
    if (history != null) {
      history.write(out);
    }
    out.writeBoolean(routines != null);
    if (routines != null) {
      routines.write(out);
    }
    out.writeBoolean(campaigns != null);
    if (campaigns != null) {
      campaigns.write(out);
    }
    for (RecentNames r : new RecentNames[] {credentials, addressNames}) {
      out.writeBoolean(r != null);
      if (r != null) {
        r.write(out);
      }
    }
    out.writeBoolean(lastCredential != null);
    if (lastCredential != null) {
      out.writeUTF(lastCredential);
      out.writeLong(lastCredentialTs);
    }
    out.writeBoolean(bursts != null);
    if (bursts != null) {
      bursts.write(out);
    }
    out.writeBoolean(defenderAlerts != null);
    if (defenderAlerts != null) {
      defenderAlerts.write(out);
    }
    out.writeInt(logonHours);
    out.writeBoolean(uploads != null);
    if (uploads != null) {
      uploads.write(out);
    }
  }

  /** Reads a state written by {@link #write}. */
  public static DeviceState read(DataInput in) throws IOException {
    DeviceState d = new DeviceState(in.readUTF());
    d.firstSeen = in.readLong();
    d.lastSeen = in.readLong();
    d.configuredRoles = in.readInt();
    d.seen = NoveltySet.read(in, MAX_ITEMS);
    d.serviceMin = in.readLong();
    DistinctCounter[] counters = new DistinctCounter[6];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = in.readBoolean() ? new DistinctCounter(in.readLong(), in.readLong()) : null;
    }
    d.kerberosClients = counters[0];
    d.ldapClients = counters[1];
    d.smbClients = counters[2];
    d.proxyClients = counters[3];
    d.anyClients = counters[4];
    d.adminPeers = counters[5];
    d.drsuapiServed = in.readBoolean();
    d.externalOut = in.readBoolean() ? HourlyVolume.read(in) : null;
    d.internalIn = in.readBoolean() ? HourlyVolume.read(in) : null;
    d.volumeReportedHour = in.readLong();
    d.downloadReportedHour = in.readLong();
    d.destinations = in.readBoolean() ? DestinationSlots.read(in) : null;
    d.callers = in.readBoolean() ? DestinationSlots.read(in) : null;
    d.dns = in.readBoolean() ? DnsSlots.read(in) : null;
    d.failedLookups = in.readBoolean() ? FailedLookups.read(in) : null;
    d.bruteStart = in.readLong();
    d.bruteTarget = in.readLong();
    d.bruteCount = in.readInt();
    d.bruteReported = in.readBoolean();
    d.history = in.readBoolean() ? History.read(in) : null;
    d.routines = in.readBoolean() ? Routines.read(in) : null;
    d.campaigns = in.readBoolean() ? Campaigns.read(in) : null;
    d.credentials = in.readBoolean() ? RecentNames.read(in) : null;
    d.addressNames = in.readBoolean() ? RecentNames.read(in) : null;
    if (in.readBoolean()) {
      d.lastCredential = in.readUTF();
      d.lastCredentialTs = in.readLong();
    }
    d.bursts = in.readBoolean() ? Bursts.read(in) : null;
    d.defenderAlerts = in.readBoolean() ? AlertPattern.read(in) : null;
    d.logonHours = in.readInt();
    d.uploads = in.readBoolean() ? UploadRun.read(in) : null;
    return d;
  }
}
