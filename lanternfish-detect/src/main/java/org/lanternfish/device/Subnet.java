package org.lanternfish.device;

import java.util.Locale;

/**
 * An IPv4 or IPv6 network in CIDR notation such as {@code 10.8.0.0/16}, matched against Zeek's text addresses
 * without any name resolution.
 *
 * @param high upper 64 bits of the network (IPv4 maps into the IPv4-mapped IPv6 range)
 * @param low lower 64 bits
 * @param bits prefix length on the 128-bit scale
 * @param text the notation it was parsed from
 */
public record Subnet(long high, long low, int bits, String text) {

  /** Parses {@code ADDRESS/BITS} (or a single address); throws IllegalArgumentException when malformed. */
  public static Subnet parse(String cidr) {
    String t = cidr.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    long[] a = address(addr);
    if (a == null) {
      throw new IllegalArgumentException("not an IP network: '" + cidr + "'");
    }
    boolean v4 = addr.indexOf(':') < 0;
    int bits;
    try {
      bits = slash < 0 ? 128 : Integer.parseInt(t.substring(slash + 1)) + (v4 ? 96 : 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IP network: '" + cidr + "'");
    }
    if (bits < 0 || bits > 128 || (v4 && bits < 96)) {
      throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
    }
    return new Subnet(a[0] & mask(bits, 0), a[1] & mask(bits, 1), bits, t);
  }

  private static long mask(int bits, int half) {
    int b = Math.max(0, Math.min(64, bits - half * 64));
    return b == 0 ? 0 : -1L << (64 - b);
  }

  /** True when the address (Zeek text form) lies in this network; false for anything that is not an address. */
  public boolean contains(String address) {
    return contains(address(address));
  }

  /** True when the address, as parsed by {@link #address}, lies in this network. */
  boolean contains(long[] a) {
    return a != null && contains(a[0], a[1]);
  }

  /** True when the address given as its two 64-bit halves lies in this network. */
  boolean contains(long addressHigh, long addressLow) {
    return (addressHigh & mask(bits, 0)) == high && (addressLow & mask(bits, 1)) == low;
  }

  /** The low half of an IPv4 address in the IPv4-mapped range (the high half is 0), or -1 when not IPv4. */
  static long v4Mapped(String s) {
    long v = 0;
    int part = 0;
    int octets = 0;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part > 255) {
          return -1;
        }
        v = (v << 8) | part;
        octets++;
        part = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        part = part * 10 + (c - '0');
        digits++;
      } else {
        return -1;
      }
    }
    return octets == 4 ? 0xffff00000000L | v : -1;
  }

  /** The address as two longs, or null when it is not an IPv4 or IPv6 literal. */
  static long[] address(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    return s.indexOf(':') < 0 ? v4(s) : v6(s.toLowerCase(Locale.ROOT));
  }

  private static long[] v4(String s) {
    long mapped = v4Mapped(s);
    return mapped < 0 ? null : new long[] {0, mapped};
  }

  private static long[] v6(String s) {
    int zone = s.indexOf('%');
    String t = zone < 0 ? s : s.substring(0, zone);
    int gap = t.indexOf("::");
    String[] head = gap < 0 ? t.split(":", -1) : t.substring(0, gap).isEmpty() ? new String[0]
        : t.substring(0, gap).split(":", -1);
    String[] tail = gap < 0 ? new String[0] : t.substring(gap + 2).isEmpty() ? new String[0]
        : t.substring(gap + 2).split(":", -1);
    int[] groups = new int[8];
    int n = head.length + tail.length;
    if (gap < 0 && n != 8 || gap >= 0 && n > 7) {
      return null;
    }
    for (int i = 0; i < head.length; i++) {
      groups[i] = group(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = group(tail[i]);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      if (groups[i] < 0) {
        return null;
      }
      if (i < 4) {
        hi = (hi << 16) | groups[i];
      } else {
        lo = (lo << 16) | groups[i];
      }
    }
    return new long[] {hi, lo};
  }

  private static int group(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    try {
      return Integer.parseInt(g, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
