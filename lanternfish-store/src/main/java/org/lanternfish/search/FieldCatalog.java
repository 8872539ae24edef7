package org.lanternfish.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lanternfish.event.LogType;
import org.lanternfish.store.EventColumn;
import org.lanternfish.store.EventTable;

/**
 * The whitelist of searchable fields: Zeek names per log type, friendly aliases, and type-qualified names such as
 * {@code dns.query}. Only names found here ever reach SQL, and then only as the store's own column names.
 */
final class FieldCatalog {
  /** The pseudo-field that selects log types. */
  static final String TYPE = "type";

  /** Friendly names an analyst types instead of Zeek's. */
  static final Map<String, String> ALIASES = Map.of(
      "src", "id.orig_h",
      "dst", "id.resp_h",
      "sport", "id.orig_p",
      "src_port", "id.orig_p",
      "dport", "id.resp_p",
      "dst_port", "id.resp_p",
      "port", "id.resp_p");

  private FieldCatalog() {}

  /** The column {@code field} names in {@code table}, or null when the table has no such field. */
  static EventColumn column(EventTable table, String field) {
    String name = ALIASES.getOrDefault(field.toLowerCase(Locale.ROOT), field);
    LogType qualifier = qualifier(name);
    if (qualifier != null) {
      return qualifier == table.logType() ? table.column(name.substring(name.indexOf('.') + 1)) : null;
    }
    return table.column(name);
  }

  /** The log type a name like {@code dns.query} is qualified with, or null for an unqualified name. */
  static LogType qualifier(String field) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      return null;
    }
    LogType type = LogType.fromLogName(field.substring(0, dot).toLowerCase(Locale.ROOT));
    return type != null && EventTable.of(type).column(field.substring(dot + 1)) != null ? type : null;
  }

  /** Whether some log type has {@code field}. */
  static boolean known(String field) {
    if (field.equalsIgnoreCase(TYPE)) {
      return true;
    }
    for (EventTable table : EventTable.all()) {
      if (column(table, field) != null) {
        return true;
      }
    }
    return false;
  }

  /** The known field name closest to the misspelt {@code field}, or null when nothing is close. */
  static String suggestion(String field) {
    String wanted = field.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Math.max(2, wanted.length() / 3) + 1;
    for (String candidate : names()) {
      String lower = candidate.toLowerCase(Locale.ROOT);
      int distance = Math.min(distance(wanted, lower), distance(wanted, lower.substring(lower.lastIndexOf('.') + 1)));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return best;
  }

  private static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    names.add(TYPE);
    for (EventTable table : EventTable.all()) {
      for (EventColumn column : table.columns()) {
        names.addAll(column.fields());
      }
    }
    names.addAll(ALIASES.keySet());
    return names;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
