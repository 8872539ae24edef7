package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The few uncommon external destinations a device is talking to right now, each with its volume sent and the
 * regularity of its connection intervals and sizes: the baseline behind beaconing and data-to-rare-domain models.
 *
 * <p>Only destinations that few devices use get a slot, so eight slots are plenty; the least recently used slot is
 * reused when a ninth appears. Regularity is an exponentially weighted mean and mean absolute deviation, whose
 * ratio is near 0 for a beacon and near 1 for human traffic; it is kept in flat arrays to stay small.
 */
public final class DestinationSlots {

  /** Number of slots per device. */
  public static final int SLOTS = 8;

  private static final long BURST = 1_000_000L;
  private static final float WEIGHT = 0.125f;
  private static final int INTERVAL = 0;
  private static final int SIZE = 1;

  // The slots' fields in a few flat arrays (fewer objects per device), indexed by slot.
  private final long[] key = new long[SLOTS];
  private final String[] name = new String[SLOTS];
  /** Per slot: first connection, last burst, bytes sent. */
  private final long[] times = new long[SLOTS * 3];
  /**
   * Per slot: endpoint (address and port) last seen, so a connection whose name is forgotten joins its domain;
   * connections; reported signal bits; samples of the interval series (the size series has one per connection).
   */
  private final int[] counts = new int[SLOTS * 4];
  /** Per slot and series (interval, size): mean, deviation. */
  private final float[] stats = new float[SLOTS * 4];

  private static final int FIRST = 0;
  private static final int LAST = 1;
  private static final int BYTES = 2;
  private static final int ADDRESS = 0;
  private static final int CONNS = 1;
  private static final int REPORTED = 2;
  private static final int INTERVALS = 3;

  private long time(int slot, int field) {
    return times[slot * 3 + field];
  }

  private void time(int slot, int field, long value) {
    times[slot * 3 + field] = value;
  }

  private int count(int slot, int field) {
    return counts[slot * 4 + field];
  }

  private void count(int slot, int field, int value) {
    counts[slot * 4 + field] = value;
  }

  /**
   * The name of the destination last reached at {@code endpoint} (see {@link #endpoint}), or null: a device's DNS answers and server names are
   * forgotten quickly on busy devices, and without this a beacon would split between its domain and its address.
   */
  public String nameAt(int endpoint) {
    for (int i = 0; i < SLOTS; i++) {
      if (count(i, CONNS) > 0 && count(i, ADDRESS) == endpoint) {
        return name[i];
      }
    }
    return null;
  }

  /** The endpoint key of an address and port: a C2 server's DNS port is not its HTTPS beacon. */
  public static int endpoint(String ip, int port) {
    return ip.hashCode() * 31 + port;
  }

  /** Replaces the name of a slot's destination by an equal string (a shared instance). */
  public void rename(int slot, String label) {
    name[slot] = label;
  }

  /** Records one connection of {@code sent} bytes to {@code endpoint}, destination {@code fp} named {@code label}. */
  public int observe(long fp, String label, int endpoint, long ts, long sent) {
    int slot = -1;
    int oldest = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (key[i] == fp && count(i, CONNS) > 0) {
        slot = i;
        break;
      }
      if (count(i, CONNS) == 0 || count(oldest, CONNS) != 0 && time(i, LAST) < time(oldest, LAST)) {
        oldest = i;
      }
    }
    if (slot < 0) {
      slot = oldest;
      key[slot] = fp;
      name[slot] = label;
      time(slot, FIRST, ts);
      time(slot, LAST, ts);
      time(slot, BYTES, 0);
      java.util.Arrays.fill(counts, slot * 4, slot * 4 + 4, 0);
      java.util.Arrays.fill(stats, slot * 4, slot * 4 + 4, 0f);
    } else if (ts - time(slot, LAST) >= BURST) {
      // Connections within a second of each other are one burst; beacons are judged between bursts.
      add(slot, INTERVAL, ts - time(slot, LAST), count(slot, INTERVALS));
      count(slot, INTERVALS, count(slot, INTERVALS) + 1);
      time(slot, LAST, ts);
    }
    count(slot, ADDRESS, endpoint);
    add(slot, SIZE, Math.max(0, sent), count(slot, CONNS));
    time(slot, BYTES, time(slot, BYTES) + Math.max(0, sent));
    count(slot, CONNS, count(slot, CONNS) + 1);
    return slot;
  }

  private void add(int slot, int series, double value, int samples) {
    int at = slot * 4 + series * 2;
    if (samples == 0) {
      stats[at] = (float) value;
      stats[at + 1] = 0;
    } else {
      stats[at + 1] += WEIGHT * (float) (Math.abs(value - stats[at]) - stats[at + 1]);
      stats[at] += WEIGHT * (float) (value - stats[at]);
    }
  }

  private double regularity(int slot, int series) {
    float mean = stats[slot * 4 + series * 2];
    return mean <= 0 ? 0 : Math.max(0, 1 - stats[slot * 4 + series * 2 + 1] / mean);
  }

  /** The destination's name (domain if known, else address). */
  public String name(int slot) {
    return name[slot];
  }

  /** Bytes sent to the slot's destination since its first connection. */
  public long bytes(int slot) {
    return time(slot, BYTES);
  }

  /** Connections to it. */
  public int connections(int slot) {
    return count(slot, CONNS);
  }

  /** Intervals measured between bursts of connections to it. */
  public int intervals(int slot) {
    return count(slot, INTERVALS);
  }

  /** The weighted mean interval between bursts, in microseconds. */
  public double meanInterval(int slot) {
    return stats[slot * 4];
  }

  /** Regularity of the intervals between bursts: 1 for a perfect beacon, towards 0 for human traffic. */
  public double intervalRegularity(int slot) {
    return regularity(slot, INTERVAL);
  }

  /** Regularity of the bytes sent per connection, 0-1. */
  public double sizeRegularity(int slot) {
    return regularity(slot, SIZE);
  }

  /** Marks that a signal of bit {@code what} was raised for this slot; returns false if it already was. */
  public boolean report(int slot, int what) {
    if ((count(slot, REPORTED) & what) != 0) {
      return false;
    }
    count(slot, REPORTED, count(slot, REPORTED) | what);
    return true;
  }

  /** Writes the slots in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    for (int i = 0; i < SLOTS; i++) {
      out.writeLong(key[i]);
      out.writeUTF(name[i] == null ? "" : name[i]);
      out.writeInt(count(i, ADDRESS));
      out.writeLong(time(i, FIRST));
      out.writeLong(time(i, LAST));
      out.writeLong(time(i, BYTES));
      out.writeInt(count(i, CONNS));
      out.writeInt(count(i, REPORTED));
      out.writeInt(count(i, INTERVALS));
      for (int j = 0; j < 4; j++) {
        out.writeFloat(stats[i * 4 + j]);
      }
    }
  }

  /** Reads slots written by {@link #write}. */
  public static DestinationSlots read(DataInput in) throws IOException {
    DestinationSlots s = new DestinationSlots();
    for (int i = 0; i < SLOTS; i++) {
      s.key[i] = in.readLong();
      String n = in.readUTF();
      s.name[i] = n.isEmpty() ? null : n;
      s.count(i, ADDRESS, in.readInt());
      s.time(i, FIRST, in.readLong());
      s.time(i, LAST, in.readLong());
      s.time(i, BYTES, in.readLong());
      s.count(i, CONNS, in.readInt());
      s.count(i, REPORTED, in.readInt());
      s.count(i, INTERVALS, in.readInt());
      for (int j = 0; j < 4; j++) {
        s.stats[i * 4 + j] = in.readFloat();
      }
    }
    return s;
  }
}
