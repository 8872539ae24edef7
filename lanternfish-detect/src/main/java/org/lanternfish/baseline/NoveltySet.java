package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What one device has done before: first-seen, last-seen day and a frequency per item, in bounded memory.
 *
 * <p>Items are 32-bit slices of their fingerprints in an open-addressing table that grows to a cap. When the cap is
 * reached the items not seen for the longest time are forgotten first, which is also how the baseline decays:
 * something not done for months becomes new again.
 */
public final class NoveltySet {

  private static final int MIN_TABLE = 8;

  private final int maxItems;
  private int[] keys;
  private int[] seen;
  private short[] firstDay;
  private int size;

  /** An empty set that remembers at most {@code maxItems} items. */
  public NoveltySet(int maxItems) {
    this.maxItems = maxItems;
    allocate(MIN_TABLE);
  }

  private void allocate(int table) {
    keys = new int[table];
    seen = new int[table];
    firstDay = new short[table];
    size = 0;
  }

  private static int key(long fingerprint) {
    int k = (int) (fingerprint ^ (fingerprint >>> 32));
    return k == 0 ? 1 : k;
  }

  private int slot(int k) {
    int mask = keys.length - 1;
    int i = (int) Fingerprint.mix(k) & mask;
    while (keys[i] != 0 && keys[i] != k) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Records one sighting on {@code day} (days since the epoch) and returns how often it was seen before (0: new). */
  public int observe(long fingerprint, int day) {
    int k = key(fingerprint);
    int i = slot(k);
    if (keys[i] == k) {
      int count = seen[i] & 0xffff;
      seen[i] = (day << 16) | Math.min(count + 1, 0xffff);
      return count;
    }
    if (size + 1 > maxItems) {
      forgetOldest(day);
      i = slot(k);
    } else if ((size + 1) * 4 > keys.length * 3) {
      rehash(keys.length * 2);
      i = slot(k);
    }
    keys[i] = k;
    seen[i] = (day << 16) | 1;
    firstDay[i] = (short) day;
    size++;
    return 0;
  }

  /** How often the item was seen, 0 when never (or forgotten). */
  public int count(long fingerprint) {
    int k = key(fingerprint);
    int i = slot(k);
    return keys[i] == k ? seen[i] & 0xffff : 0;
  }

  /** The day the item was first seen, or -1 when it is not known. */
  public int firstDay(long fingerprint) {
    int k = key(fingerprint);
    int i = slot(k);
    return keys[i] == k ? Short.toUnsignedInt(firstDay[i]) : -1;
  }

  /** Number of items remembered. */
  public int size() {
    return size;
  }

  private void rehash(int table) {
    int[] oldKeys = keys;
    int[] oldSeen = seen;
    short[] oldFirst = firstDay;
    allocate(table);
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = slot(oldKeys[j]);
        keys[i] = oldKeys[j];
        seen[i] = oldSeen[j];
        firstDay[i] = oldFirst[j];
        size++;
      }
    }
  }

  private void forgetOldest(int day) {
    // Forget everything last seen in the older half of the remembered span, so eviction is rare and amortised.
    int oldest = day;
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] != 0) {
        oldest = Math.min(oldest, seen[j] >>> 16);
      }
    }
    int cut = oldest + Math.max(0, (day - oldest) / 2);
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] != 0 && (seen[j] >>> 16) <= cut) {
        keys[j] = 0;
      }
    }
    rehash(keys.length);
  }

  /** Writes the set in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    // Sorted by key, so equal sets give equal bytes whatever their table's history.
    long[] entries = new long[size];
    int n = 0;
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] != 0) {
        entries[n++] = ((long) keys[j] << 32) | j;
      }
    }
    java.util.Arrays.sort(entries);
    out.writeInt(size);
    for (long entry : entries) {
      int j = (int) entry;
      out.writeInt(keys[j]);
      out.writeInt(seen[j]);
      out.writeShort(firstDay[j]);
    }
  }

  /** Reads a set written by {@link #write}. */
  public static NoveltySet read(DataInput in, int maxItems) throws IOException {
    NoveltySet set = new NoveltySet(maxItems);
    int n = in.readInt();
    int table = MIN_TABLE;
    while (n * 4 > table * 3) {
      table *= 2;
    }
    set.allocate(table);
    for (int j = 0; j < n; j++) {
      int k = in.readInt();
      int i = set.slot(k);
      set.keys[i] = k;
      set.seen[i] = in.readInt();
      set.firstDay[i] = in.readShort();
      set.size++;
    }
    return set;
  }
}
