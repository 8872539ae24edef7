package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What one device has done before: first-seen, last-seen day and a frequency per item, in bounded memory.
 *
 * <p>Each item is one {@code long} in an open-addressing table that grows to a cap: 32 bits of its fingerprint, a
 * count saturating at {@value #MAX_COUNT}, and its last-seen and first-seen days as 12-bit offsets from the set's
 * base day (about eleven years of range; the base moves forward when time outgrows it). When the cap is reached a
 * quarter of the items is forgotten, those not seen for the longest time and, among equals, the rarest; that is also
 * how the baseline decays: something not done for months becomes new again.
 */
public final class NoveltySet {

  /** Sightings are counted up to this number. */
  public static final int MAX_COUNT = 255;
  private static final int MIN_TABLE = 8;
  private static final int DAY_RANGE = 1 << 12;

  private final int maxItems;
  /** key (32) | count (8) | last day offset (12) | first day offset (12); 0 marks a free slot. */
  private long[] entries;
  private int base = -1;
  private int size;

  /** An empty set that remembers at most {@code maxItems} items. */
  public NoveltySet(int maxItems) {
    this.maxItems = maxItems;
    entries = new long[MIN_TABLE];
  }

  private static int key(long fingerprint) {
    int k = (int) (fingerprint ^ (fingerprint >>> 32));
    return k == 0 ? 1 : k;
  }

  private static int keyOf(long entry) {
    return (int) (entry >>> 32);
  }

  private static int countOf(long entry) {
    return (int) (entry >>> 24) & 0xff;
  }

  private static int lastOf(long entry) {
    return (int) (entry >>> 12) & 0xfff;
  }

  private static int firstOf(long entry) {
    return (int) entry & 0xfff;
  }

  private static long entry(int key, int count, int last, int first) {
    return ((long) key << 32) | ((long) count << 24) | ((long) last << 12) | first;
  }

  private int slot(int k) {
    int mask = entries.length - 1;
    int i = (int) Fingerprint.mix(k) & mask;
    while (entries[i] != 0 && keyOf(entries[i]) != k) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The day as an offset from the base, moving the base forward (and forgetting what falls off) when needed. */
  private int offset(int day) {
    if (base < 0) {
      base = day;
    }
    if (day - base >= DAY_RANGE) {
      rebase(day - DAY_RANGE / 2);
    }
    return Math.max(0, day - base);
  }

  private void rebase(int newBase) {
    int shift = newBase - base;
    long[] old = entries;
    entries = new long[old.length];
    size = 0;
    base = newBase;
    for (long e : old) {
      if (e != 0 && lastOf(e) >= shift) {
        insert(entry(keyOf(e), countOf(e), lastOf(e) - shift, Math.max(0, firstOf(e) - shift)));
      }
    }
  }

  private void insert(long e) {
    entries[slot(keyOf(e))] = e;
    size++;
  }

  /** Records one sighting on {@code day} (days since the epoch) and returns how often it was seen before (0: new). */
  public int observe(long fingerprint, int day) {
    int k = key(fingerprint);
    int d = offset(day);
    int i = slot(k);
    long e = entries[i];
    if (e != 0) {
      int count = countOf(e);
      entries[i] = entry(k, Math.min(count + 1, MAX_COUNT), Math.max(d, lastOf(e)), firstOf(e));
      return count;
    }
    if (size + 1 > maxItems) {
      forgetOldest(d);
      i = slot(k);
    } else if ((size + 1) * 4 > entries.length * 3) {
      rehash(entries.length * 2);
      i = slot(k);
    }
    entries[i] = entry(k, 1, d, d);
    size++;
    return 0;
  }

  /** How often the item was seen (saturating at {@value #MAX_COUNT}), 0 when never (or forgotten). */
  public int count(long fingerprint) {
    long e = entries[slot(key(fingerprint))];
    return e == 0 ? 0 : countOf(e);
  }

  /** The day the item was first seen, or -1 when it is not known. */
  public int firstDay(long fingerprint) {
    long e = entries[slot(key(fingerprint))];
    return e == 0 ? -1 : base + firstOf(e);
  }

  /** The day the item was last seen, or -1 when it is not known. */
  public int lastDay(long fingerprint) {
    long e = entries[slot(key(fingerprint))];
    return e == 0 ? -1 : base + lastOf(e);
  }

  /** Number of items remembered. */
  public int size() {
    return size;
  }

  private void rehash(int table) {
    long[] old = entries;
    entries = new long[table];
    size = 0;
    for (long e : old) {
      if (e != 0) {
        insert(e);
      }
    }
  }

  private void forgetOldest(int today) {
    // Forget the least valuable quarter: last seen longest ago, and among those seen on the same day the least
    // often, so a busy day of one-off items never pushes out what the device does every day (its credentials).
    long[] value = new long[size];
    int n = 0;
    for (long e : entries) {
      if (e != 0) {
        value[n++] = (long) lastOf(e) << 8 | countOf(e);
      }
    }
    java.util.Arrays.sort(value, 0, n);
    long cut = value[Math.max(0, n / 4 - 1)];
    for (int j = 0; j < entries.length; j++) {
      if (entries[j] != 0 && ((long) lastOf(entries[j]) << 8 | countOf(entries[j])) <= cut) {
        entries[j] = 0;
      }
    }
    rehash(entries.length);
  }

  /** Writes the set in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    // Sorted, so equal sets give equal bytes whatever their table's history (keys are unique, so entries sort by key).
    long[] sorted = new long[size];
    int n = 0;
    for (long e : entries) {
      if (e != 0) {
        sorted[n++] = e;
      }
    }
    java.util.Arrays.sort(sorted);
    out.writeInt(base);
    out.writeInt(size);
    for (long e : sorted) {
      out.writeLong(e);
    }
  }

  /** Reads a set written by {@link #write}. */
  public static NoveltySet read(DataInput in, int maxItems) throws IOException {
    NoveltySet set = new NoveltySet(maxItems);
    set.base = in.readInt();
    int n = in.readInt();
    int table = MIN_TABLE;
    while (n * 4 > table * 3) {
      table *= 2;
    }
    set.entries = new long[table];
    for (int j = 0; j < n; j++) {
      set.insert(in.readLong());
    }
    return set;
  }
}
