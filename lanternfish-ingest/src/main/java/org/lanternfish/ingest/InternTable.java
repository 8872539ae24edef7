package org.lanternfish.ingest;

import java.util.Arrays;

/**
 * A small, lossy cache from byte ranges to strings, so repeated values (addresses, protocols, states) share one
 * String instead of allocating one per line. Two-way set associative: a value may sit in its slot or the next one;
 * when both are taken the older is replaced. This is a cache, not a set.
 */
final class InternTable {
  private final byte[][] keys;
  private final String[] values;
  private final int mask;
  private boolean evictSecond;

  InternTable(int slotsPowerOfTwo) {
    keys = new byte[slotsPowerOfTwo][];
    values = new String[slotsPowerOfTwo];
    mask = slotsPowerOfTwo - 1;
  }

  /** The cached string for these bytes, or null when they are not cached. */
  String get(byte[] buf, int start, int end) {
    int slot = hash(buf, start, end) & mask;
    if (same(keys[slot], buf, start, end)) {
      return values[slot];
    }
    int other = slot ^ 1;
    return same(keys[other], buf, start, end) ? values[other] : null;
  }

  /** Stores {@code value} for these bytes and returns it. */
  String put(byte[] buf, int start, int end, String value) {
    int slot = hash(buf, start, end) & mask;
    if (keys[slot] != null && (keys[slot ^ 1] == null || evictSecond)) {
      slot ^= 1;
    }
    evictSecond = !evictSecond;
    keys[slot] = Arrays.copyOfRange(buf, start, end);
    values[slot] = value;
    return value;
  }

  /** A plain loop: keys are short, and the vectorised library compare costs more than it saves on them. */
  private static boolean same(byte[] key, byte[] buf, int start, int end) {
    if (key == null || key.length != end - start) {
      return false;
    }
    for (int i = 0; i < key.length; i++) {
      if (key[i] != buf[start + i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(byte[] buf, int start, int end) {
    int h = end - start;
    for (int i = start; i < end; i++) {
      h = 31 * h + buf[i];
    }
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
