package org.lanternfish.device;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.NtlmEvent;

/**
 * Who is behind an address at a given time: the stable device id of each internal address, from DHCP leases (MAC),
 * host names from DHCP, DNS, NTLM and Kerberos, and the configuration.
 *
 * <p>A device leased an address by DHCP is named by its MAC, so it keeps its history when its address changes. An
 * address in a VPN pool is named after the host name its client announced (NTLM, Kerberos), because pool addresses
 * pass from one remote device to the next. Any other internal address is its own device.
 *
 * <p>VPN pools are configured or learned: when {@value #ROAMERS} hosts known from their DHCP leases announce
 * themselves from addresses of one /16 where DHCP leases nothing, that /16 is where remote clients land. So is a /16
 * where {@value #ROAMERS} users arrive seconds after another device logged them on (Kerberos AS), as a VPN
 * concentrator does for each remote user before the user's device appears in its pool. A host seen on a lease keeps
 * its device id (its MAC) when it connects over the VPN.
 */
public final class DeviceDirectory {

  /** How the id of a device known by its network card (from DHCP) begins. */
  public static final String MAC_PREFIX = "mac:";
  private static final long NAME_TTL = 12 * 3_600_000_000L;
  static final int ROAMERS = 3;
  /** A user's device appears in the VPN pool this soon after the concentrator logged the user on. */
  private static final long ARRIVAL = 120_000_000L;
  private static final int LOGONS = 1024;

  private final DeviceConfig config;
  private final Map<String, Binding> byAddress = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  /** Host name to the device id of its DHCP lease. */
  private final Map<String, String> leased = new HashMap<>();
  /** Per /16, hosts known from leases seen there without a lease (up to {@link #ROAMERS}). */
  private final Map<String, Set<String>> roaming = new HashMap<>();
  private final Set<String> vpnPrefixes = new HashSet<>();
  /** The /16s where DHCP hands out addresses: sites, never a VPN pool. */
  private final Set<String> leasedPrefixes = new HashSet<>();
  /**
   * The last user logon (Kerberos AS) of each account: the address that asked and when. Not part of the snapshot: a
   * restored directory misses at most the arrivals of the two minutes around the restore.
   */
  private final Map<String, Logon> logons = new java.util.LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Logon> eldest) {
      return size() > LOGONS;
    }
  };

  private record Logon(String address, long ts) {}

  /**
   * Addresses looked up lately and what they were: by hash, direct-mapped and overwritten, compared by reference
   * (readers hand out one String per repeated address). An internal address holds its binding, an external one
   * null. Every event resolves two addresses: most find their answer in one probe here, without the hash map.
   */
  private final String[] recentAddresses = new String[1 << 12];
  private final Binding[] recentBindings = new Binding[recentAddresses.length];
  /** Bumped whenever a name or a VPN pool is learned, so identities cached in bindings are refreshed. */
  private int version;

  /**
   * An internal address resolved at a time: the device behind it, the device's best known name (or null), and
   * whether the address is in a VPN pool.
   */
  public static final class Identity {
    private final String device;
    private final String name;
    private final boolean vpn;
    private final long fingerprint;

    Identity(String device, String name, boolean vpn) {
      this.device = device;
      this.name = name;
      this.vpn = vpn;
      this.fingerprint = Fingerprint.of(device);
    }

    /** The device id's fingerprint (what detection shards devices by). */
    public long fingerprint() {
      return fingerprint;
    }

    public String device() {
      return device;
    }

    public String name() {
      return name;
    }

    public boolean vpn() {
      return vpn;
    }
  }

  private static final class Binding {
    String device;
    long until;
    Identity identity;
    int version;

    Binding(String device, long until) {
      this.device = device;
      this.until = until;
    }
  }

  /** An empty directory for this network. */
  public DeviceDirectory(DeviceConfig config) {
    this.config = config;
  }

  /** The configuration it resolves with. */
  public DeviceConfig config() {
    return config;
  }

  /**
   * Learns identity from one event (DHCP lease, DNS answer, NTLM client and server names, Kerberos host name);
   * other events are ignored.
   */
  public void observe(Event e) {
    switch (e) {
      case DhcpEvent d -> onDhcp(d);
      case NtlmEvent n when n.id() != null -> {
        onNtlm(n);
        arrival(n.username(), n.id().origHost(), n.ts(), n.success(), false);
      }
      case KerberosEvent k when k.id() != null && k.client() != null && k.client().contains("$") ->
          onHostName(k.id().origHost(), k.client().substring(0, k.client().indexOf('$')), k.ts());
      case KerberosEvent k when k.id() != null && k.client() != null ->
          arrival(k.client(), k.id().origHost(), k.ts(), k.success(), "AS".equalsIgnoreCase(k.requestType()));
      case DnsEvent d when d.query() != null && d.answers() != null && d.qtype() == 1 -> {
        for (String answer : d.answers()) {
          if (internal(answer) && !isVpn(answer)) {
            String device = resolve(answer, d.ts());
            if (!names.containsKey(device)) {
              nameIfUnnamed(device, shortName(d.query()));
            }
          }
        }
      }
      default -> { }
    }
  }

  /**
   * A user's account used from {@code address}: when another address logged the same account on within the last
   * {@link #ARRIVAL}, and this one has no lease, the user has arrived through that device (a VPN concentrator) and
   * the address's /16 counts towards a learned pool. A logon is remembered for the next arrival.
   */
  private void arrival(String principal, String address, long ts, Boolean success, boolean logon) {
    if (!Boolean.TRUE.equals(success) || address == null || !internal(address)) {
      return;
    }
    String account = principal.strip().toLowerCase(Locale.ROOT);
    int at = account.indexOf('@');
    int slash = account.indexOf('/');
    int end = at < 0 ? slash : slash < 0 ? at : Math.min(at, slash);
    account = end < 0 ? account : account.substring(0, end);
    if (account.isEmpty() || account.equals("-")) {
      return;
    }
    Logon before = logons.get(account);
    if (before != null && !before.address().equals(address) && ts >= before.ts() && ts - before.ts() <= ARRIVAL
        && !isVpn(address)) {
      roam(address, "arrival:" + account, ts);
    }
    if (logon) {
      logons.put(account, new Logon(address, ts));
    }
  }

  /** NTLM names both ends: the client announces itself, and the server's challenge carries the server's names. */
  private void onNtlm(NtlmEvent n) {
    if (n.hostname() != null) {
      onHostName(n.id().origHost(), n.hostname(), n.ts());
    }
    String server = n.serverDnsComputerName() != null && !n.serverDnsComputerName().isBlank()
        ? n.serverDnsComputerName() : n.serverNbComputerName();
    String address = n.id().respHost();
    if (server != null && !server.isBlank() && address != null && internal(address) && !isVpn(address)) {
      nameIfUnnamed(resolve(address, n.ts()), shortName(server.strip()));
    }
  }

  private void onDhcp(DhcpEvent d) {
    if (d.mac() == null || d.assignedAddr() == null || !config.isInternal(d.assignedAddr())) {
      return;
    }
    String device = MAC_PREFIX + d.mac().toLowerCase(Locale.ROOT);
    long lease = Double.isNaN(d.leaseTime()) ? 86_400_000_000L : (long) (d.leaseTime() * 1_000_000);
    // Keep the binding somewhat past the lease: clients renew late and logs arrive out of order.
    bind(d.assignedAddr(), new Binding(device, d.ts() + 2 * lease));
    String prefix = prefix16(d.assignedAddr());
    if (prefix != null && leasedPrefixes.add(prefix) && vpnPrefixes.remove(prefix)) {
      version++;
    }
    String host = d.hostName() != null ? d.hostName() : d.clientFqdn();
    if (host != null && !host.isEmpty()) {
      if (!shortName(host).equals(names.put(device, shortName(host)))) {
        version++;
      }
      leased.put(shortName(host), device);
    }
  }

  /** True when the address is in a configured or learned VPN pool. */
  public boolean isVpn(String address) {
    if (config.isVpn(address)) {
      return true;
    }
    String prefix = vpnPrefixes.isEmpty() ? null : prefix16(address);
    return prefix != null && vpnPrefixes.contains(prefix);
  }

  private static String prefix16(String address) {
    int first = address.indexOf('.');
    int second = first < 0 ? -1 : address.indexOf('.', first + 1);
    return second < 0 || address.indexOf(':') >= 0 ? null : address.substring(0, second);
  }

  /** Counts a leased host announcing itself from an address no lease covers; enough of them make a VPN pool. */
  private void roam(String address, String name, long ts) {
    Binding b = byAddress.get(address);
    String prefix = prefix16(address);
    if (prefix == null || leasedPrefixes.contains(prefix) || b != null && b.device.startsWith(MAC_PREFIX)
        && b.until >= ts) {
      return;
    }
    Set<String> hosts = roaming.computeIfAbsent(prefix, k -> new HashSet<>());
    if (hosts.size() < ROAMERS) {
      hosts.add(name);
      if (hosts.size() == ROAMERS) {
        vpnPrefixes.add(prefix);
        version++;
      }
    }
  }

  private void onHostName(String address, String host, long ts) {
    if (host.isEmpty() || !config.isInternal(address)) {
      return;
    }
    String name = shortName(host);
    if (!isVpn(address) && leased.containsKey(name)) {
      roam(address, name, ts);
    }
    if (isVpn(address)) {
      String device = leased.getOrDefault(name, name);
      bind(address, new Binding(device, ts + NAME_TTL));
      nameIfUnnamed(device, name);
    } else {
      nameIfUnnamed(resolve(address, ts), name);
    }
  }

  private static String shortName(String host) {
    int dot = host.indexOf('.');
    return (dot > 0 ? host.substring(0, dot) : host).toUpperCase(Locale.ROOT);
  }

  /** The device behind an internal address at event time {@code ts}, or null for an external address. */
  public String resolve(String address, long ts) {
    Binding b = binding(address, ts);
    return b == null ? null : b.device;
  }

  /**
   * The device behind an internal address at event time {@code ts} with its name and VPN flag, or null for an
   * external address. The answer is cached with the address until a name or VPN pool is learned.
   */
  public Identity identify(String address, long ts) {
    Binding b = binding(address, ts);
    if (b == null) {
      return null;
    }
    if (b.identity == null || b.version != version || !b.identity.device().equals(b.device)) {
      Identity old = b.identity;
      boolean sameDevice = old != null && old.device().equals(b.device);
      String name = name(b.device);
      boolean vpn = isVpn(address);
      b.version = version;
      if (sameDevice && Objects.equals(old.name(), name) && old.vpn() == vpn) {
        return old; // what was learned is about other devices
      }
      b.identity = new Identity(b.device, name, vpn);
    }
    return b.identity;
  }

  private void nameIfUnnamed(String device, String name) {
    if (names.putIfAbsent(device, name) == null) {
      version++;
    }
  }

  /** True for an internal address (only internal addresses are ever bound, so the configuration decides). */
  private boolean internal(String address) {
    int slot = recentSlot(address);
    if (recentAddresses[slot] == address) {
      return recentBindings[slot] != null;
    }
    if (config.isInternal(address)) {
      return true;
    }
    remember(slot, address, null);
    return false;
  }

  private int recentSlot(String address) {
    return address.hashCode() & (recentAddresses.length - 1);
  }

  private void remember(int slot, String address, Binding b) {
    recentAddresses[slot] = address;
    recentBindings[slot] = b;
  }

  /** Binds an internal address to a device, replacing what the recent lookups knew of it. */
  private void bind(String address, Binding b) {
    byAddress.put(address, b);
    recentAddresses[recentSlot(address)] = null;
  }

  private Binding binding(String address, long ts) {
    if (address == null) {
      return null;
    }
    int slot = recentSlot(address);
    Binding b;
    if (recentAddresses[slot] == address) {
      b = recentBindings[slot];
      if (b == null) {
        return null; // external
      }
    } else {
      b = byAddress.get(address);
    }
    if (b != null) {
      if (b.until >= ts || ts == Event.NO_TIME || b.device.equals(address)) {
        remember(slot, address, b);
        return b;
      }
      byAddress.remove(address);
      recentAddresses[slot] = null;
    }
    if (!internal(address)) {
      return null;
    }
    Binding own = new Binding(address, Long.MAX_VALUE);
    bind(address, own);
    remember(slot, address, own);
    return own;
  }

  /**
   * The device known by a host name (its first label, case-insensitive, so {@code ws-07.corp.local} finds
   * {@code WS-07}), or null: a DHCP lease's host first, then configured names, then learned ones. A name several
   * devices carry gives the smallest id, so the answer does not depend on the order they were learned in.
   */
  public String deviceNamed(String host) {
    if (host == null || host.isBlank()) {
      return null;
    }
    String name = shortName(host.strip());
    String device = leased.get(name);
    if (device != null) {
      return device;
    }
    String found = null;
    for (Map<String, String> known : List.of(config.names(), names)) {
      for (Map.Entry<String, String> e : known.entrySet()) {
        if (e.getValue() != null && shortName(e.getValue()).equals(name)
            && (found == null || e.getKey().compareTo(found) < 0)) {
          found = e.getKey();
        }
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * A device of its own for a host known only from an integration's alert (Defender's device evidence): its id is
   * the lower-cased DNS name ({@code laptop-99.corp.local}), or {@code mde:ID} without one, and the name is learned,
   * so the host's later alerts find it by {@link #deviceNamed}. Null when the alert names neither.
   */
  public String adopt(String dnsName, String integrationId) {
    if (dnsName != null && !dnsName.isBlank()) {
      String device = dnsName.strip().toLowerCase(Locale.ROOT);
      nameIfUnnamed(device, dnsName.strip());
      return device;
    }
    return integrationId == null || integrationId.isBlank() ? null : "mde:" + integrationId.strip();
  }

  /** The best known name of a device: configured, else learned, else null. */
  public String name(String device) {
    String configured = config.names().get(device);
    return configured != null ? configured : names.get(device);
  }

  /** Writes the directory in the snapshot format (sorted, so equal directories give equal bytes). */
  public void write(DataOutput out) throws IOException {
    TreeMap<String, Binding> sorted = new TreeMap<>(byAddress);
    out.writeInt(sorted.size());
    for (Map.Entry<String, Binding> e : sorted.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue().device);
      out.writeLong(e.getValue().until);
    }
    writeMap(out, names);
    writeMap(out, leased);
    TreeSet<String> sites = new TreeSet<>(leasedPrefixes);
    out.writeInt(sites.size());
    for (String p : sites) {
      out.writeUTF(p);
    }
    TreeMap<String, Set<String>> sortedRoaming = new TreeMap<>(roaming);
    out.writeInt(sortedRoaming.size());
    for (Map.Entry<String, Set<String>> e : sortedRoaming.entrySet()) {
      out.writeUTF(e.getKey());
      TreeSet<String> hosts = new TreeSet<>(e.getValue());
      out.writeInt(hosts.size());
      for (String h : hosts) {
        out.writeUTF(h);
      }
    }
  }

  private static void writeMap(DataOutput out, Map<String, String> map) throws IOException {
    TreeMap<String, String> sorted = new TreeMap<>(map);
    out.writeInt(sorted.size());
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static void readMap(DataInput in, Map<String, String> map) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      map.put(in.readUTF(), in.readUTF());
    }
  }

  /** Replaces the contents with a directory written by {@link #write}. */
  public void read(DataInput in) throws IOException {
    byAddress.clear();
    java.util.Arrays.fill(recentAddresses, null);
    java.util.Arrays.fill(recentBindings, null);
    names.clear();
    version++;
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String address = in.readUTF();
      byAddress.put(address, new Binding(in.readUTF(), in.readLong()));
    }
    readMap(in, names);
    leased.clear();
    readMap(in, leased);
    leasedPrefixes.clear();
    int sites = in.readInt();
    for (int i = 0; i < sites; i++) {
      leasedPrefixes.add(in.readUTF());
    }
    roaming.clear();
    vpnPrefixes.clear();
    int r = in.readInt();
    for (int i = 0; i < r; i++) {
      String prefix = in.readUTF();
      Set<String> hosts = new HashSet<>();
      int h = in.readInt();
      for (int j = 0; j < h; j++) {
        hosts.add(in.readUTF());
      }
      roaming.put(prefix, hosts);
      if (hosts.size() >= ROAMERS && !leasedPrefixes.contains(prefix)) {
        vpnPrefixes.add(prefix);
        version++;
      }
    }
  }
}
