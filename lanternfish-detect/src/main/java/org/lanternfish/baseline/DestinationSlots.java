package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The few uncommon external destinations a device is talking to right now, each with its volume sent and the
 * regularity of its connection intervals and sizes: the baseline behind beaconing and data-to-rare-domain models.
 *
 * <p>Only destinations that few devices use get a slot, so eight slots are plenty; the least recently used slot is
 * reused when a ninth appears.
 */
public final class DestinationSlots {

  /** Number of slots per device. */
  public static final int SLOTS = 8;

  private static final long BURST = 1_000_000L;

  private final long[] key = new long[SLOTS];
  private final String[] name = new String[SLOTS];
  private final long[] first = new long[SLOTS];
  private final long[] last = new long[SLOTS];
  private final long[] bytes = new long[SLOTS];
  private final int[] conns = new int[SLOTS];
  private final int[] reported = new int[SLOTS];
  private final Regularity[] intervals = new Regularity[SLOTS];
  private final Regularity[] sizes = new Regularity[SLOTS];

  /** Empty slots. */
  public DestinationSlots() {
    for (int i = 0; i < SLOTS; i++) {
      intervals[i] = new Regularity();
      sizes[i] = new Regularity();
    }
  }

  /** Records one connection of {@code sent} bytes to destination {@code fp} named {@code label}; returns its slot. */
  public int observe(long fp, String label, long ts, long sent) {
    int slot = -1;
    int oldest = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (key[i] == fp && conns[i] > 0) {
        slot = i;
        break;
      }
      if (conns[i] == 0 || last[i] < last[oldest] && conns[oldest] != 0) {
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
      intervals[slot] = new Regularity();
      sizes[slot] = new Regularity();
    } else if (ts - last[slot] >= BURST) {
      // Connections within a second of each other are one burst; beacons are judged between bursts.
      intervals[slot].add(ts - last[slot]);
      last[slot] = ts;
    }
    if (label != null && !label.equals(name[slot]) && name[slot] == null) {
      name[slot] = label;
    }
    bytes[slot] += Math.max(0, sent);
    conns[slot]++;
    sizes[slot].add(Math.max(0, sent));
    return slot;
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

  /** Event time of the first connection. */
  public long first(int slot) {
    return first[slot];
  }

  /** Regularity of the intervals between bursts, 0-1. */
  public Regularity intervals(int slot) {
    return intervals[slot];
  }

  /** Regularity of the bytes sent per connection, 0-1. */
  public Regularity sizes(int slot) {
    return sizes[slot];
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
      out.writeLong(first[i]);
      out.writeLong(last[i]);
      out.writeLong(bytes[i]);
      out.writeInt(conns[i]);
      out.writeInt(reported[i]);
      for (Regularity r : new Regularity[] {intervals[i], sizes[i]}) {
        out.writeDouble(r.mean());
        out.writeDouble(r.deviation());
        out.writeInt(r.samples());
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
      s.first[i] = in.readLong();
      s.last[i] = in.readLong();
      s.bytes[i] = in.readLong();
      s.conns[i] = in.readInt();
      s.reported[i] = in.readInt();
      s.intervals[i].restore(in.readDouble(), in.readDouble(), in.readInt());
      s.sizes[i].restore(in.readDouble(), in.readDouble(), in.readInt());
    }
    return s;
  }
}
