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

  private final long[] key = new long[SLOTS];
  private final String[] name = new String[SLOTS];
  /** Endpoint (address and port) last seen per slot, so a connection whose name is forgotten joins its domain. */
  private final int[] address = new int[SLOTS];
  private final long[] first = new long[SLOTS];
  private final long[] last = new long[SLOTS];
  private final long[] bytes = new long[SLOTS];
  private final int[] conns = new int[SLOTS];
  private final int[] reported = new int[SLOTS];
  /** Per slot and series (interval, size): mean, deviation. */
  private final float[] stats = new float[SLOTS * 4];
  /** Per slot: samples of the interval series (the size series has one per connection). */
  private final int[] intervals = new int[SLOTS];

  /**
   * The name of the destination last reached at {@code endpoint} (see {@link #endpoint}), or null: a device's DNS answers and server names are
   * forgotten quickly on busy devices, and without this a beacon would split between its domain and its address.
   */
  public String nameAt(int endpoint) {
    for (int i = 0; i < SLOTS; i++) {
      if (conns[i] > 0 && address[i] == endpoint) {
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
      if (key[i] == fp && conns[i] > 0) {
        slot = i;
        break;
      }
      if (conns[i] == 0 || conns[oldest] != 0 && last[i] < last[oldest]) {
        oldest = i;
      }
    }
    if (slot < 0) {
      slot = oldest;
      key[slot] = fp;
      name[slot] = label;
      first[slot] = ts;
      last[slot] = ts;
      bytes[slot] = 0;
      conns[slot] = 0;
      reported[slot] = 0;
      intervals[slot] = 0;
      java.util.Arrays.fill(stats, slot * 4, slot * 4 + 4, 0f);
    } else if (ts - last[slot] >= BURST) {
      // Connections within a second of each other are one burst; beacons are judged between bursts.
      add(slot, INTERVAL, ts - last[slot], intervals[slot]);
      intervals[slot]++;
      last[slot] = ts;
    }
    address[slot] = endpoint;
    add(slot, SIZE, Math.max(0, sent), conns[slot]);
    bytes[slot] += Math.max(0, sent);
    conns[slot]++;
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
    return bytes[slot];
  }

  /** Connections to it. */
  public int connections(int slot) {
    return conns[slot];
  }

  /** Intervals measured between bursts of connections to it. */
  public int intervals(int slot) {
    return intervals[slot];
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
    if ((reported[slot] & what) != 0) {
      return false;
    }
    reported[slot] |= what;
    return true;
  }

  /** Writes the slots in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    for (int i = 0; i < SLOTS; i++) {
      out.writeLong(key[i]);
      out.writeUTF(name[i] == null ? "" : name[i]);
      out.writeInt(address[i]);
      out.writeLong(first[i]);
      out.writeLong(last[i]);
      out.writeLong(bytes[i]);
      out.writeInt(conns[i]);
      out.writeInt(reported[i]);
      out.writeInt(intervals[i]);
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
      s.address[i] = in.readInt();
      s.first[i] = in.readLong();
      s.last[i] = in.readLong();
      s.bytes[i] = in.readLong();
      s.conns[i] = in.readInt();
      s.reported[i] = in.readInt();
      s.intervals[i] = in.readInt();
      for (int j = 0; j < 4; j++) {
        s.stats[i * 4 + j] = in.readFloat();
      }
    }
    return s;
  }
}
