package org.lanternfish.device;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 */
public final class DeviceDirectory {

  private static final long NAME_TTL = 12 * 3_600_000_000L;

  private final DeviceConfig config;
  private final Map<String, Binding> byAddress = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();
  /** Recently seen external addresses, so they are not parsed again on every event (hashed, overwritten). */
  private final String[] external = new String[4096];

  private static final class Binding {
    String device;
    long until;

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

  /** Learns identity from one event (DHCP lease, DNS answer, NTLM or Kerberos host name); other events are ignored. */
  public void observe(Event e) {
    switch (e) {
      case DhcpEvent d -> onDhcp(d);
      case NtlmEvent n when n.id() != null && n.hostname() != null -> onHostName(n.id().origHost(), n.hostname(),
          n.ts());
      case KerberosEvent k when k.id() != null && k.client() != null && k.client().contains("$") ->
          onHostName(k.id().origHost(), k.client().substring(0, k.client().indexOf('$')), k.ts());
      case DnsEvent d when d.query() != null && d.answers() != null && d.qtype() == 1 -> {
        for (String answer : d.answers()) {
          if (config.isInternal(answer) && !config.isVpn(answer)) {
            names.putIfAbsent(resolve(answer, d.ts()), shortName(d.query()));
          }
        }
      }
      default -> { }
    }
  }

  private void onDhcp(DhcpEvent d) {
    if (d.mac() == null || d.assignedAddr() == null || !config.isInternal(d.assignedAddr())) {
      return;
    }
    String device = "mac:" + d.mac().toLowerCase(Locale.ROOT);
    long lease = Double.isNaN(d.leaseTime()) ? 86_400_000_000L : (long) (d.leaseTime() * 1_000_000);
    // Keep the binding somewhat past the lease: clients renew late and logs arrive out of order.
    byAddress.put(d.assignedAddr(), new Binding(device, d.ts() + 2 * lease));
    String host = d.hostName() != null ? d.hostName() : d.clientFqdn();
    if (host != null && !host.isEmpty()) {
      names.put(device, shortName(host));
    }
  }

  private void onHostName(String address, String host, long ts) {
    if (host.isEmpty() || !config.isInternal(address)) {
      return;
    }
    String name = shortName(host);
    if (config.isVpn(address)) {
      byAddress.put(address, new Binding(name, ts + NAME_TTL));
      names.put(name, name);
    } else {
      names.putIfAbsent(resolve(address, ts), name);
    }
  }

  private static String shortName(String host) {
    int dot = host.indexOf('.');
    return (dot > 0 ? host.substring(0, dot) : host).toUpperCase(Locale.ROOT);
  }

  /** The device behind an internal address at event time {@code ts}, or null for an external address. */
  public String resolve(String address, long ts) {
    if (address == null) {
      return null;
    }
    Binding b = byAddress.get(address);
    if (b != null) {
      if (b.until >= ts || ts == Event.NO_TIME) {
        return b.device;
      }
      if (!b.device.equals(address)) {
        byAddress.remove(address);
      } else {
        return address;
      }
    }
    int slot = address.hashCode() & (external.length - 1);
    if (address.equals(external[slot])) {
      return null;
    }
    if (!config.isInternal(address)) {
      external[slot] = address;
      return null;
    }
    byAddress.put(address, new Binding(address, Long.MAX_VALUE));
    return address;
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
    TreeMap<String, String> sortedNames = new TreeMap<>(names);
    out.writeInt(sortedNames.size());
    for (Map.Entry<String, String> e : sortedNames.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  /** Replaces the contents with a directory written by {@link #write}. */
  public void read(DataInput in) throws IOException {
    byAddress.clear();
    names.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String address = in.readUTF();
      byAddress.put(address, new Binding(in.readUTF(), in.readLong()));
    }
    int m = in.readInt();
    for (int i = 0; i < m; i++) {
      names.put(in.readUTF(), in.readUTF());
    }
  }
}
