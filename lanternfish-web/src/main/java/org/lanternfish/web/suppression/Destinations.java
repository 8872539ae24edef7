package org.lanternfish.web.suppression;

import java.util.Locale;
import java.util.regex.Pattern;

/** How a trusted destination is written and matched: an address, an IPv4 network, or a domain with its subdomains. */
final class Destinations {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62}\\.)*[a-z0-9_-]{1,63}\\.?");
  private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:]*:[0-9a-f:.]*");

  private Destinations() {}

  /** {@code text} made canonical, or an {@link IllegalArgumentException} saying what a destination may be. */
  static String parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    int slash = value.indexOf('/');
    if (slash > 0 && ipv4(value.substring(0, slash)) >= 0) {
      try {
        int bits = Integer.parseInt(value.substring(slash + 1));
        if (bits >= 0 && bits <= 32) {
          return value;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
    } else if (slash < 0 && (ipv4(value) >= 0 || IPV6.matcher(value).matches()
        || DOMAIN.matcher(value).matches() && value.length() <= 253)) {
      return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
    throw new IllegalArgumentException("destination must be an address, an IPv4 network such as 203.0.113.0/24 or"
        + " a domain, not '" + text + "'");
  }

  /** Whether the breach peer {@code peer} is {@code destination}, inside its network, or a subdomain of it. */
  static boolean matches(String destination, String peer) {
    String value = peer.toLowerCase(Locale.ROOT);
    int slash = destination.indexOf('/');
    if (slash > 0) {
      long address = ipv4(value);
      int bits = Integer.parseInt(destination.substring(slash + 1));
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return address >= 0 && (address & mask) == (ipv4(destination.substring(0, slash)) & mask);
    }
    return value.equals(destination) || value.endsWith("." + destination);
  }

  /** The IPv4 address as an unsigned 32-bit number, or -1 when {@code text} is not one. */
  private static long ipv4(String text) {
    var m = IPV4.matcher(text);
    if (!m.matches()) {
      return -1;
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return -1;
      }
      address = address << 8 | octet;
    }
    return address;
  }
}
