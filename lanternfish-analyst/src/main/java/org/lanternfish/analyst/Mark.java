package org.lanternfish.analyst;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;

/**
 * One thing a breach touched that another breach may share, normalised so equal things compare equal: a credential,
 * an external endpoint or its zone, a file or its folder, a user agent, an internal peer.
 */
record Mark(Kind kind, String value) {

  /**
   * How strongly a shared mark ties two breaches. An internal server everyone talks to ties nothing by being shared;
   * it is tracked to learn how busy it is, which decides how long a breach towards it links to its own breaches.
   */
  enum Kind {
    CREDENTIAL(0.8, Family.CREDENTIAL), ENDPOINT(0.9, Family.ENDPOINT), ZONE(0.7, Family.ENDPOINT),
    FILE(0.8, Family.FILE), FOLDER(0.6, Family.FILE), USER_AGENT(0.6, Family.USER_AGENT),
    INTERNAL_PEER(0, Family.INTERNAL_PEER), OTHER(0.5, Family.OTHER);

    private final double strength;
    private final Family family;

    Kind(double strength, Family family) {
      this.strength = strength;
      this.family = family;
    }

    double strength() {
      return strength;
    }

    Family family() {
      return family;
    }

  }

  /** Kinds that say the same thing twice (a file and its folder, a host and its zone) count once, at the strongest. */
  enum Family { CREDENTIAL, ENDPOINT, FILE, USER_AGENT, INTERNAL_PEER, OTHER }

  private static final Set<String> ENDPOINT_KEYS =
      Set.of("domain", "destination", "sni", "host", "server_name", "query", "ip", "endpoint", "url");
  // Numbers, and names every connection of a kind has (a share, a port, an RPC operation), identify nothing.
  // The record's other end is the peer again, and its service port is what every connection to it has.
  private static final Set<String> IGNORED_KEYS = Set.of(Node.DEVICE_IP, "bytes", "volume", "count", "duration",
      "port", "score", "peer_address", "service_port",
      "share", "service", "protocol", "proto", "method", "status", "operation", "interface", "direction");
  private static final Set<String> GENERIC_FOLDERS =
      Set.of("", "windows", "users", "programdata", "program files", "program files (x86)", "temp");
  private static final Set<String> INTERNAL_SUFFIXES =
      Set.of(".local", ".lan", ".corp", ".internal", ".intranet", ".home.arpa", ".localdomain");
  private static final Set<String> SECOND_LEVELS = Set.of("co", "com", "net", "org", "gov", "ac", "edu");

  /** Every mark of a breach; known internal devices decide whether a dotted name is a peer inside or outside. */
  static List<Mark> of(Breach breach, Set<String> knownDevices) {
    List<Mark> marks = new ArrayList<>();
    if (devicePeer(breach)) {
      marks.add(new Mark(Kind.INTERNAL_PEER, breach.peerValue().strip()));
    } else if (present(breach.peerValue())) {
      addEndpoint(marks, breach.peerValue(), knownDevices);
    }
    for (Map.Entry<String, String> entity : breach.entities().entrySet()) {
      String key = entity.getKey().toLowerCase(Locale.ROOT);
      String value = entity.getValue();
      if (!present(value) || IGNORED_KEYS.contains(key)) {
        continue;
      }
      switch (key) {
        case "credential", "user", "account" -> marks.add(new Mark(Kind.CREDENTIAL, value.strip().toLowerCase(Locale.ROOT)));
        case "file", "path", "filename" -> addFile(marks, value);
        case "user_agent" -> marks.add(new Mark(Kind.USER_AGENT, value.strip()));
        default -> {
          if (ENDPOINT_KEYS.contains(key)) {
            addEndpoint(marks, value, knownDevices);
          } else {
            marks.add(new Mark(Kind.OTHER, key + "=" + value.strip().toLowerCase(Locale.ROOT)));
          }
        }
      }
    }
    return marks.stream().distinct().toList();
  }

  /**
   * Whether detection named the breach's peer as one of the network's devices: inside, whatever its id looks like
   * (a device named by its network card, such as mac:00:50:56:3f:47:3b, that never breached itself).
   */
  static boolean devicePeer(Breach breach) {
    return breach.peer() != null && breach.peer().kind() == Peer.Kind.DEVICE;
  }

  /** Whether a peer name is a device inside the network rather than an external endpoint. */
  static boolean internal(String name, Set<String> knownDevices) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (knownDevices.contains(name) || n.indexOf('.') < 0 && n.indexOf(':') < 0) {
      return true;
    }
    for (String suffix : INTERNAL_SUFFIXES) {
      if (n.endsWith(suffix)) {
        return true;
      }
    }
    int[] ip = ipv4(n);
    if (ip != null) {
      return ip[0] == 10 || ip[0] == 127 || ip[0] == 172 && ip[1] >= 16 && ip[1] <= 31
          || ip[0] == 192 && ip[1] == 168 || ip[0] == 169 && ip[1] == 254;
    }
    boolean ipv6 = n.indexOf(':') >= 0;
    return ipv6 && (n.startsWith("fe80:") || n.startsWith("fc") || n.startsWith("fd") || n.equals("::1"));
  }

  /** A Windows or UNC path reduced to its path on the volume, lower case, such as perflogs\log.dll. */
  static String normalisePath(String path) {
    String p = path.strip().replace('/', '\\').toLowerCase(Locale.ROOT);
    if (p.startsWith("\\\\")) {
      // \\host\share\rest: the host and the share say where, not what.
      int host = p.indexOf('\\', 2);
      int share = host < 0 ? -1 : p.indexOf('\\', host + 1);
      p = share < 0 ? "" : p.substring(share + 1);
    }
    if (p.length() >= 2 && p.charAt(1) == ':' || p.startsWith("c$") || p.startsWith("admin$")) {
      p = p.substring(p.indexOf(p.charAt(1) == ':' ? ':' : '$') + 1);
    }
    while (p.startsWith("\\")) {
      p = p.substring(1);
    }
    return p;
  }

  /** The registered domain of a host name (example.co.uk for a.b.example.co.uk), or null for an IP literal. */
  static String zone(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (ipv4(h) != null || h.indexOf(':') >= 0) {
      return null;
    }
    String[] labels = h.split("\\.");
    if (labels.length < 2) {
      return null;
    }
    int keep = labels.length >= 3 && labels[labels.length - 1].length() == 2
        && SECOND_LEVELS.contains(labels[labels.length - 2]) ? 3 : 2;
    return String.join(".", Arrays.copyOfRange(labels, labels.length - keep, labels.length));
  }

  private static void addEndpoint(List<Mark> marks, String raw, Set<String> knownDevices) {
    String value = hostOf(raw.strip());
    if (internal(value, knownDevices)) {
      marks.add(new Mark(Kind.INTERNAL_PEER, value));
      return;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    marks.add(new Mark(Kind.ENDPOINT, lower));
    String zone = zone(lower);
    if (zone != null && !zone.equals(lower)) {
      marks.add(new Mark(Kind.ZONE, zone));
    }
  }

  private static void addFile(List<Mark> marks, String raw) {
    String path = normalisePath(raw);
    if (path.isEmpty()) {
      return;
    }
    marks.add(new Mark(Kind.FILE, path));
    int slash = path.lastIndexOf('\\');
    String folder = slash < 0 ? "" : path.substring(0, slash);
    if (!GENERIC_FOLDERS.contains(folder)) {
      marks.add(new Mark(Kind.FOLDER, folder));
    }
  }

  private static String hostOf(String value) {
    int scheme = value.indexOf("://");
    String v = scheme < 0 ? value : value.substring(scheme + 3);
    int slash = v.indexOf('/');
    return slash < 0 ? v : v.substring(0, slash);
  }

  private static int[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      octets[i] = Integer.parseInt(parts[i]);
      if (octets[i] > 255) {
        return null;
      }
    }
    return octets;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank() && !value.equals("-");
  }
}
