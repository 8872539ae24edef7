package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What a device has made a habit of: how often each model fired for it with each peer, remembered for a month after
 * the last time. A directory-sync server replicating every half hour, an admin workstation creating services on the
 * same servers every week, a backup agent reading the same shares every night: the first firings breach, so an
 * analyst sees them, and the repeats that follow are the device's routine. Anything that changes (another peer,
 * another model) is not the routine. A small table, least recently fired evicted first.
 */
final class Routines {

  /** Firings of one model with one peer that breach before the rest count as routine. */
  static final int BREACHING_FIRINGS = 2;
  /** A habit is forgotten when it has not recurred for this long. */
  static final long MEMORY_MICROS = 30 * DeviceShard.DAY;
  private static final int SIZE = 8;

  private final long[] keys = new long[SIZE];
  private final int[] firings = new int[SIZE];
  private final long[] last = new long[SIZE];
  private int size;

  /** Records that the habit {@code key} fired at {@code ts}; returns how many times it fired before, recently. */
  int fire(long key, long ts) {
    // Evicted first: the stalest one-off; an established habit only when every entry is one. A push to fifty
    // clients in an evening is fifty one-offs, and must not make the sync server's replication news again.
    int victim = -1;
    boolean victimHabit = true;
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        int before = ts - last[i] > MEMORY_MICROS ? 0 : firings[i];
        firings[i] = before + 1;
        last[i] = Math.max(last[i], ts);
        return before;
      }
      boolean habit = firings[i] >= BREACHING_FIRINGS && ts - last[i] <= MEMORY_MICROS;
      if (victim < 0 || (victimHabit && !habit) || (victimHabit == habit && last[i] < last[victim])) {
        victim = i;
        victimHabit = habit;
      }
    }
    int slot = size < SIZE ? size++ : victim;
    keys[slot] = key;
    firings[slot] = 1;
    last[slot] = ts;
    return 0;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(keys[i]);
      out.writeInt(firings[i]);
      out.writeLong(last[i]);
    }
  }

  static Routines read(DataInput in) throws IOException {
    Routines r = new Routines();
    r.size = in.readByte();
    for (int i = 0; i < r.size; i++) {
      r.keys[i] = in.readLong();
      r.firings[i] = in.readInt();
      r.last[i] = in.readLong();
    }
    return r;
  }
}
