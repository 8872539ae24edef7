package org.lanternfish.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Validates IP addresses in text and gives them one canonical form (dotted quad, RFC 5952 compressed IPv6), so
 * Zeek's {@code ::1} and Suricata's {@code 0000:...:0001} name the same device.
 */
final class IpText {
  private IpText() {}

  /** The canonical text of the address in these bytes, or null when they are not an IPv4 or IPv6 address. */
  static String canonical(byte[] b, int s, int e) {
    for (int i = s; i < e; i++) {
      if (b[i] == ':') {
        return ipv6(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
      }
    }
    return isIpv4(b, s, e) ? new String(b, s, e - s, StandardCharsets.ISO_8859_1) : null;
  }

  /** The canonical text of an address string, or null when it is not one. */
  static String canonical(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return canonical(bytes, 0, bytes.length);
  }

  private static boolean isIpv4(byte[] b, int s, int e) {
    int octets = 0;
    int value = -1;
    for (int i = s; i <= e; i++) {
      if (i == e || b[i] == '.') {
        if (value < 0 || value > 255) {
          return false;
        }
        octets++;
        value = -1;
        continue;
      }
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      value = value < 0 ? d : value * 10 + d;
      if (value > 255) {
        return false;
      }
    }
    return octets == 4;
  }

  private static String ipv6(String text) {
    int[] groups = new int[8];
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    int[] headGroups = groups(head);
    int[] tailGroups = groups(tail);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if (doubleColon < 0 ? total != 8 : total > 7) {
      return null;
    }
    System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
    return format(groups);
  }

  /** Parses colon-separated hex groups, where the last may be a dotted quad worth two groups; null when invalid. */
  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int count = pieces.length;
    boolean embeddedV4 = pieces[count - 1].indexOf('.') >= 0;
    int[] out = new int[embeddedV4 ? count + 1 : count];
    for (int i = 0; i < count; i++) {
      String piece = pieces[i];
      if (embeddedV4 && i == count - 1) {
        byte[] v4 = piece.getBytes(StandardCharsets.ISO_8859_1);
        if (!isIpv4(v4, 0, v4.length)) {
          return null;
        }
        String[] octets = piece.split("\\.");
        out[i] = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
        out[i + 1] = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
        continue;
      }
      if (piece.isEmpty() || piece.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < piece.length(); j++) {
        int d = Character.digit(piece.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        v = v << 4 | d;
      }
      out[i] = v;
    }
    return out;
  }

  private static String format(int[] g) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    boolean v4Mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    StringBuilder out = new StringBuilder(39);
    int end = v4Mapped ? 6 : 8;
    for (int i = 0; i < end; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    if (v4Mapped) {
      if (out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(g[6] >> 8).append('.').append(g[6] & 0xff).append('.').append(g[7] >> 8).append('.').append(g[7] & 0xff);
    }
    return out.toString();
  }
}
