package org.lanternfish.device;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operator tells Lanternfish about the network: the app fills it from the configuration file.
 *
 * @param internal networks whose addresses are our devices
 * @param vpn networks handed out to remote-access VPN clients (their addresses change owner often)
 * @param names fixed names by exact address
 * @param tags tags by network in CIDR notation, such as {@code 10.1.0.0/24 -> [finance]}
 * @param roles roles set by hand by exact address (they add to the learned ones)
 * @param adminCredentials pattern of credential names that are administrative even before any admin use is seen
 */
public record DeviceConfig(
    List<Subnet> internal,
    List<Subnet> vpn,
    Map<String, String> names,
    Map<String, Set<String>> tags,
    Map<String, Role> roles,
    Pattern adminCredentials) {

  /** Makes the collections immutable. */
  public DeviceConfig {
    internal = List.copyOf(internal);
    vpn = List.copyOf(vpn);
    names = Map.copyOf(names);
    tags = Map.copyOf(tags);
    roles = Map.copyOf(roles);
  }

  /** Private address space is internal, no VPN, no names, and the usual administrative naming conventions. */
  public static DeviceConfig defaults() {
    return new DeviceConfig(
        List.of(Subnet.parse("10.0.0.0/8"), Subnet.parse("172.16.0.0/12"), Subnet.parse("192.168.0.0/16"),
            Subnet.parse("fc00::/7"), Subnet.parse("fe80::/10")),
        List.of(), Map.of(), Map.of(), Map.of(),
        Pattern.compile("(?i)(^|[^a-z])(adm|admin|administrator|da|svc|service|sa|root)([^a-z]|$)|admin"));
  }

  /** A copy with these VPN networks. */
  public DeviceConfig withVpn(String... cidrs) {
    return new DeviceConfig(internal, List.of(cidrs).stream().map(Subnet::parse).toList(), names, tags, roles,
        adminCredentials);
  }

  /** A copy with these roles by address. */
  public DeviceConfig withRoles(Map<String, Role> byAddress) {
    return new DeviceConfig(internal, vpn, names, tags, byAddress, adminCredentials);
  }

  /** True when the address belongs to one of our networks. */
  public boolean isInternal(String address) {
    if (address != null && address.indexOf(':') < 0) {
      // IPv4, the common case, without allocating.
      long mapped = Subnet.v4Mapped(address);
      return mapped >= 0 && (in(internal, mapped) || in(vpn, mapped));
    }
    long[] a = Subnet.address(address);
    if (a == null) {
      return false;
    }
    for (Subnet s : internal) {
      if (s.contains(a)) {
        return true;
      }
    }
    return inVpn(a);
  }

  /** True when the address is handed out to VPN clients. */
  public boolean isVpn(String address) {
    if (vpn.isEmpty() || address == null) {
      return false;
    }
    if (address.indexOf(':') < 0) {
      long mapped = Subnet.v4Mapped(address);
      return mapped >= 0 && in(vpn, mapped);
    }
    return inVpn(Subnet.address(address));
  }

  private static boolean in(List<Subnet> networks, long v4Mapped) {
    for (Subnet s : networks) {
      if (s.contains(0, v4Mapped)) {
        return true;
      }
    }
    return false;
  }

  private boolean inVpn(long[] a) {
    for (Subnet s : vpn) {
      if (s.contains(a)) {
        return true;
      }
    }
    return false;
  }
}
