package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.lanternfish.baseline.Fingerprint;

/**
 * When each device was last seen, by device fingerprint, in one open-addressed pair of arrays: the network view
 * updates every active device at every epoch's end, so no boxed keys or entry objects. Zero, the empty slot's mark,
 * is kept aside.
 */
final class LastSeen {
  private long[] keys = new long[1024];
  private long[] values = new long[1024];
  private boolean hasZero;
  private long zeroValue;
  private int size;

  /** Records that {@code device} was last seen at {@code ts}; true when the device was not known before. */
  boolean put(long device, long ts) {
    if (device == 0) {
      boolean added = !hasZero;
      hasZero = true;
      zeroValue = ts;
      size += added ? 1 : 0;
      return added;
    }
    int mask = keys.length - 1;
    for (int i = (int) Fingerprint.mix(device) & mask; ; i = (i + 1) & mask) {
      if (keys[i] == device) {
        values[i] = ts;
        return false;
      }
      if (keys[i] == 0) {
        keys[i] = device;
        values[i] = ts;
        if (++size * 2 > keys.length) {
          grow();
        }
        return true;
      }
    }
  }

  /** Devices last seen at or after {@code since}. */
  int countSince(long since) {
    int n = hasZero && zeroValue >= since ? 1 : 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0 && values[i] >= since) {
        n++;
      }
    }
    return n;
  }

  void clear() {
    Arrays.fill(keys, 0);
    hasZero = false;
    size = 0;
  }

  /** Writes the entries sorted by device, so equal tables give equal bytes. */
  void write(DataOutput out) throws IOException {
    long[][] entries = new long[size][];
    int n = 0;
    if (hasZero) {
      entries[n++] = new long[] {0, zeroValue};
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        entries[n++] = new long[] {keys[i], values[i]};
      }
    }
    Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
    out.writeInt(size);
    for (long[] e : entries) {
      out.writeLong(e[0]);
      out.writeLong(e[1]);
    }
  }

  /** Replaces the entries with those written by {@link #write}. */
  void read(DataInput in) throws IOException {
    clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      put(in.readLong(), in.readLong());
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != 0) {
        int i = (int) Fingerprint.mix(oldKeys[j]) & mask;
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }
}
