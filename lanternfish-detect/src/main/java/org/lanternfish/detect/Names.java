package org.lanternfish.detect;

/**
 * Shared instances of names (domains, credentials) so thousands of devices naming one domain hold it once: a
 * direct-mapped table, bounded, where a name only displaces the one that hashes to the same place.
 *
 * <p>All shards of a runner may share one table without locking. That is safe because strings are immutable and
 * safely published; a race between two shards only costs a missed sharing, and which instance a device holds never
 * changes what it detects.
 */
public final class Names {

  private final String[] table = new String[1 << 16];

  /** An empty table. */
  public Names() {}

  /** An instance equal to {@code name}, shared with earlier callers where possible; null for null. */
  public String canonical(String name) {
    if (name == null) {
      return null;
    }
    int slot = name.hashCode() & (table.length - 1);
    String known = table[slot];
    if (name.equals(known)) {
      return known;
    }
    table[slot] = name;
    return name;
  }
}
