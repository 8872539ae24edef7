package org.lanternfish.detect;

import java.util.Locale;
import java.util.Set;

/** Registered domains ("example.co.uk" from "a.b.example.co.uk") without a public-suffix download. */
final class Domains {

  private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "gov", "edu", "ac", "or", "ne",
      "go", "gv", "mil", "nic", "ltd", "plc", "gob", "nom");
  private static final Set<String> LOCAL = Set.of("local", "lan", "internal", "arpa", "home", "corp", "localdomain");

  private Domains() {}

  /** The registered domain of a name, lower case, or null for names that have none (local, single label). */
  static String registered(String name) {
    if (name == null) {
      return null;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    int last = n.lastIndexOf('.');
    if (last <= 0 || LOCAL.contains(n.substring(last + 1))) {
      return null;
    }
    int second = n.lastIndexOf('.', last - 1);
    if (second < 0) {
      return n;
    }
    String sld = n.substring(second + 1, last);
    if (n.length() - last - 1 == 2 && SECOND_LEVEL.contains(sld)) {
      int third = n.lastIndexOf('.', second - 1);
      return n.substring(third + 1);
    }
    return n.substring(second + 1);
  }
}
