package org.lanternfish.detect;

import java.util.Arrays;
import org.lanternfish.baseline.Fingerprint;

/**
 * A set of longs in one open-addressed array: per-epoch bookkeeping that every event touches, so no boxed keys or
 * entry objects. Zero, the empty slot's mark, is kept aside.
 */
final class LongSet {
  private long[] slots = new long[256];
  private boolean hasZero;
  private int size;

  /** Adds the value; true when it was not in the set. */
  boolean add(long value) {
    if (value == 0) {
      boolean added = !hasZero;
      hasZero = true;
      size += added ? 1 : 0;
      return added;
    }
    int mask = slots.length - 1;
    for (int i = (int) Fingerprint.mix(value) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == value) {
        return false;
      }
      if (slot == 0) {
        slots[i] = value;
        if (++size * 2 > slots.length) {
          grow();
        }
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  void clear() {
    if (size > 0) {
      Arrays.fill(slots, 0);
      hasZero = false;
      size = 0;
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long value : old) {
      if (value != 0) {
        int i = (int) Fingerprint.mix(value) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = value;
      }
    }
  }
}
