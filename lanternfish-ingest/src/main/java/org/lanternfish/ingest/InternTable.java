package org.lanternfish.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small, lossy cache from byte ranges to strings, so repeated values (addresses, protocols, states) share one
 * String instead of allocating one per line. Keys of up to 16 bytes (IPv4 addresses, protocols, states) are kept
 * packed in two longs, so a hit costs no pointer chase; longer keys (IPv6) keep their bytes. Two-way set
 * associative: a value may sit in its slot or the next one, and the older of the two is replaced. A cache, not a set.
 */
final class InternTable {
  /** Tables start this small and grow, so a thread that reads a few lines does not zero a large one. */
  private static final int INITIAL_SLOTS = 256;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int maxSlots;
  /** Each slot's key bytes packed in two longs side by side, so checking a slot touches one cache line. */
  private long[] packed;
  /** Each slot's key length, -1 for a free slot. */
  private int[] lengths;
  private byte[][] longKeys;
  private String[] values;
  private int mask;
  private boolean evictSecond;
  /** Values stored since the table last grew: once they outnumber its slots it doubles (starting empty). */
  private int stored;

  // The packed form of the last key looked up, reused by put().
  private long lastLow;
  private long lastHigh;
  private int lastHash;

  /** A table that grows up to {@code slotsPowerOfTwo} slots as distinct values keep arriving. */
  InternTable(int slotsPowerOfTwo) {
    maxSlots = slotsPowerOfTwo;
    allocate(Math.min(INITIAL_SLOTS, slotsPowerOfTwo));
  }

  private void allocate(int slots) {
    packed = new long[2 * slots];
    lengths = new int[slots];
    Arrays.fill(lengths, -1);
    longKeys = new byte[slots][];
    values = new String[slots];
    mask = slots - 1;
    stored = 0;
  }

  /** The cached string for these bytes, or null when they are not cached. */
  String get(byte[] buf, int start, int end) {
    int length = end - start;
    long lo;
    long hi;
    if (start + 16 <= buf.length) {
      // Two little-endian words, keeping only the key's own bytes (an address is 7 to 15 of them).
      lo = (long) LONGS.get(buf, start);
      hi = (long) LONGS.get(buf, start + 8);
      if (length < 8) {
        lo &= (1L << (length << 3)) - 1;
        hi = 0;
      } else if (length < 16) {
        hi &= (1L << ((length - 8) << 3)) - 1;
      }
    } else {
      lo = 0;
      hi = 0;
      int n = Math.min(length, 16);
      for (int i = 0; i < n; i++) {
        long b = buf[start + i] & 0xffL;
        if (i < 8) {
          lo |= b << (i << 3);
        } else {
          hi |= b << ((i - 8) << 3);
        }
      }
    }
    if (length < 16) {
      // A key shorter than 16 bytes leaves the top byte of its second word free: it holds the length, so the two words
      // alone tell keys apart, whatever bytes they hold.
      hi |= (long) length << 56;
    }
    long mixed = (lo * 0x9E3779B97F4A7C15L) ^ (hi * 0xC2B2AE3D27D4EB4FL) ^ length;
    if (length > 16) {
      for (int i = start + 16; i < end; i++) {
        mixed = mixed * 31 + buf[i];
      }
    }
    int hash = (int) (mixed ^ (mixed >>> 29) ^ (mixed >>> 47));
    lastLow = lo;
    lastHigh = hi;
    lastHash = hash;
    int slot = hash & mask;
    if (matches(slot, lo, hi, length, buf, start, end)) {
      return values[slot];
    }
    slot ^= 1;
    return matches(slot, lo, hi, length, buf, start, end) ? values[slot] : null;
  }

  private boolean matches(int slot, long lo, long hi, int length, byte[] buf, int start, int end) {
    if (packed[2 * slot] != lo || packed[2 * slot + 1] != hi) {
      return false;
    }
    // Below 16 bytes the words carry the length; a free slot reads as the empty key with a null value: a miss.
    return length < 16 || lengths[slot] == length
        && (length == 16 || Arrays.equals(longKeys[slot], 0, length, buf, start, end));
  }

  /** Stores {@code value} for the bytes of the last {@link #get} that missed, and returns it. */
  String put(byte[] buf, int start, int end, String value) {
    if (++stored > values.length && values.length < maxSlots) {
      allocate(values.length * 2);
    }
    int slot = lastHash & mask;
    if (lengths[slot] >= 0 && (lengths[slot ^ 1] < 0 || evictSecond)) {
      slot ^= 1;
    }
    evictSecond = !evictSecond;
    int length = end - start;
    packed[2 * slot] = lastLow;
    packed[2 * slot + 1] = lastHigh;
    lengths[slot] = length;
    longKeys[slot] = length > 16 ? Arrays.copyOfRange(buf, start, end) : null;
    values[slot] = value;
    return value;
  }
}
