package org.lanternfish.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, lossy cache from byte ranges to strings, so repeated values (addresses, protocols, states) share one
 * String instead of allocating one per line. A collision simply replaces the slot: this is a cache, not a set.
 */
final class InternTable {
  private final byte[][] keys;
  private final String[] values;
  private final int mask;

  InternTable(int slotsPowerOfTwo) {
    keys = new byte[slotsPowerOfTwo][];
    values = new String[slotsPowerOfTwo];
    mask = slotsPowerOfTwo - 1;
  }

  /** The cached string for these bytes, or null when they are not cached. */
  String get(byte[] buf, int start, int end) {
    int slot = hash(buf, start, end) & mask;
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, buf, start, end)) {
      return values[slot];
    }
    return null;
  }

  /** Stores {@code value} for these bytes and returns it. */
  String put(byte[] buf, int start, int end, String value) {
    int slot = hash(buf, start, end) & mask;
    keys[slot] = Arrays.copyOfRange(buf, start, end);
    values[slot] = value;
    return value;
  }

  /** The cached string for these bytes, decoding and caching them as UTF-8 on a miss. */
  String intern(byte[] buf, int start, int end) {
    String hit = get(buf, start, end);
    return hit != null ? hit : put(buf, start, end, new String(buf, start, end - start, StandardCharsets.UTF_8));
  }

  private static int hash(byte[] buf, int start, int end) {
    int h = end - start;
    for (int i = start; i < end; i++) {
      h = 31 * h + buf[i];
    }
    return h ^ (h >>> 15);
  }
}
