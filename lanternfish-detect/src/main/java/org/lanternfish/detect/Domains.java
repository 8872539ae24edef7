package org.lanternfish.detect;

import java.util.List;
import java.util.Locale;

/** Registered domains ("example.co.uk" from "a.b.example.co.uk") without a public-suffix download. */
final class Domains {

  private static final List<String> SECOND_LEVEL = List.of("co", "com", "net", "org", "gov", "edu", "ac", "or", "ne",
      "go", "gv", "mil", "nic", "ltd", "plc", "gob", "nom");
  private static final List<String> LOCAL = List.of("local", "lan", "internal", "arpa", "home", "corp", "localdomain");

  private Domains() {}

  /** The registered domain of a name, lower case, or null for names that have none (local, single label). */
  static String registered(String name) {
    if (name == null) {
      return null;
    }
    String n = name.toLowerCase(Locale.ROOT);
    int end = n.endsWith(".") ? n.length() - 1 : n.length();
    int last = n.lastIndexOf('.', end - 1);
    if (last <= 0 || isOneOf(LOCAL, n, last + 1, end)) {
      return null;
    }
    int second = n.lastIndexOf('.', last - 1);
    int start = second + 1;
    if (second >= 0 && end - last - 1 == 2 && isOneOf(SECOND_LEVEL, n, second + 1, last)) {
      start = n.lastIndexOf('.', second - 1) + 1;
    }
    // Most names carry a host label, so this is the one copy made; a bare registered name is returned as it is.
    return start == 0 && end == n.length() ? n : n.substring(start, end);
  }

  /** Whether the characters of {@code s} from {@code start} to {@code end} spell one of the labels, without copying. */
  private static boolean isOneOf(List<String> labels, String s, int start, int end) {
    for (String label : labels) {
      if (label.length() == end - start && s.startsWith(label, start)) {
        return true;
      }
    }
    return false;
  }
}
