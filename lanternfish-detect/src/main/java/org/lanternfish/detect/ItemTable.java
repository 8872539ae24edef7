package org.lanternfish.detect;

import java.util.Arrays;
import org.lanternfish.baseline.DistinctCounter;
import org.lanternfish.baseline.Fingerprint;

/**
 * The network view's shared items (destinations, credentials, user agents to a server...) by fingerprint: how many
 * devices used each, when it was first seen and the last day it was used. An open-addressing table over parallel
 * primitive arrays, because it is read for nearly every event and holds one entry per distinct item of the network.
 */
final class ItemTable {

  private static final int EMPTY = -1;

  private long[] keys;
  /** The two halves of each item's {@link DistinctCounter} of devices. */
  private long[] low;
  private long[] high;
  private long[] firstEpoch;
  /** Last day of use, or {@link #EMPTY} for a free slot. */
  private int[] lastDay;
  private int size;

  ItemTable() {
    allocate(1024);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    low = new long[capacity];
    high = new long[capacity];
    firstEpoch = new long[capacity];
    lastDay = new int[capacity];
    Arrays.fill(lastDay, EMPTY);
    size = 0;
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int i = (int) Fingerprint.mix(key) & mask;
    while (lastDay[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The item's index, or -1 when it is not known. */
  int find(long key) {
    int i = slot(key);
    return lastDay[i] == EMPTY ? -1 : i;
  }

  /** The item's index, adding it (first seen in {@code epoch}, used on {@code day}) when it is not known. */
  int findOrAdd(long key, long epoch, int day) {
    int i = slot(key);
    if (lastDay[i] != EMPTY) {
      return i;
    }
    if ((size + 1) * 4 > keys.length * 3) {
      rehash(keys.length * 2);
      i = slot(key);
    }
    keys[i] = key;
    low[i] = 0;
    high[i] = 0;
    firstEpoch[i] = epoch;
    lastDay[i] = day;
    size++;
    return i;
  }

  /** Counts one more device (by fingerprint) as a user of the item at {@code index}, used on {@code day}. */
  void use(int index, long device, int day) {
    int bit = DistinctCounter.bit(device);
    if (bit < 64) {
      low[index] |= 1L << bit;
    } else {
      high[index] |= 1L << (bit - 64);
    }
    lastDay[index] = Math.max(lastDay[index], day);
  }

  /** The estimated number of devices that used the item at {@code index}. */
  int devices(int index) {
    return DistinctCounter.estimate(low[index], high[index]);
  }

  long firstEpoch(int index) {
    return firstEpoch[index];
  }

  /** Forgets the items last used before {@code day}. */
  void forgetBefore(int day) {
    long[] oldKeys = keys;
    long[] oldLow = low;
    long[] oldHigh = high;
    long[] oldFirst = firstEpoch;
    int[] oldLast = lastDay;
    int live = 0;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldLast[j] != EMPTY && oldLast[j] >= day) {
        live++;
      }
    }
    if (live == size) {
      return;
    }
    int capacity = 1024;
    while (live * 4 > capacity * 3) {
      capacity *= 2;
    }
    allocate(capacity);
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldLast[j] != EMPTY && oldLast[j] >= day) {
        put(oldKeys[j], oldLow[j], oldHigh[j], oldFirst[j], oldLast[j]);
      }
    }
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    long[] oldLow = low;
    long[] oldHigh = high;
    long[] oldFirst = firstEpoch;
    int[] oldLast = lastDay;
    allocate(capacity);
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldLast[j] != EMPTY) {
        put(oldKeys[j], oldLow[j], oldHigh[j], oldFirst[j], oldLast[j]);
      }
    }
  }

  /** Adds an item with all its fields (snapshots, rehashing). */
  void put(long key, long lowBits, long highBits, long first, int last) {
    int i = findOrAdd(key, first, last);
    low[i] = lowBits;
    high[i] = highBits;
    firstEpoch[i] = first;
    lastDay[i] = last;
  }

  /** The indexes of all items in ascending key order, so snapshots of equal tables are equal bytes. */
  int[] sortedIndexes() {
    long[] sorted = new long[size];
    int n = 0;
    for (int j = 0; j < keys.length; j++) {
      if (lastDay[j] != EMPTY) {
        sorted[n++] = keys[j];
      }
    }
    Arrays.sort(sorted);
    int[] indexes = new int[n];
    for (int k = 0; k < n; k++) {
      indexes[k] = find(sorted[k]);
    }
    return indexes;
  }

  long key(int index) {
    return keys[index];
  }

  long low(int index) {
    return low[index];
  }

  long high(int index) {
    return high[index];
  }

  int lastDay(int index) {
    return lastDay[index];
  }

  void clear() {
    allocate(1024);
  }
}
