package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The few uncommon external parties a device is talking to right now (destinations it calls, outside hosts that
 * call it, domains it looks up new names under), each with its volume sent and the rhythm of its connections: the
 * baseline behind beaconing and data-to-rare-domain models.
 *
 * <p>Only parties that few devices use get a slot, so eight slots are plenty; when a ninth appears, the slot with
 * the fewest connections for its idle time is reused, so a beacon outlives the one-off callers between its calls (an
 * internet-facing server sees scanners every few seconds). Regularity is judged twice: an exponentially weighted mean
 * and mean absolute deviation over the whole history (near 0 for human traffic, whose gaps have long tails), and the
 * spread of the last {@value #RECENT} intervals around their median (within +-50% for a jittered beacon). A slot
 * keeps the uids of its last {@value #UIDS} connections once it has a rhythm, so a breach cites the regular
 * connections themselves. Kept in flat arrays to stay small.
 */
public final class DestinationSlots {

  /** Number of slots per device. */
  public static final int SLOTS = 8;

  /** Recent intervals kept per slot for the spread test. */
  public static final int RECENT = 16;
  /** Intervals a beacon needs before its spread is judged. */
  public static final int MIN_INTERVALS = 12;
  /** Connection uids kept per slot once it has a rhythm. */
  public static final int UIDS = 4;

  private static final long BURST = 1_000_000L;
  private static final long HOUR = 3_600_000_000L;
  private static final float WEIGHT = 0.125f;
  private static final int INTERVAL = 0;
  private static final int SIZE = 1;

  // The slots' fields in a few flat arrays (fewer objects per device), indexed by slot.
  private final long[] key = new long[SLOTS];
  private final String[] name = new String[SLOTS];
  /** Per slot: first connection, last burst, bytes sent, bytes received. */
  private final long[] times = new long[SLOTS * 4];
  /**
   * Per slot: endpoint (address and port) last seen, so a connection whose name is forgotten joins its domain;
   * connections; reported signal bits; samples of the interval series (the size series has one per connection).
   */
  private final int[] counts = new int[SLOTS * 4];
  /** Per slot and series (interval, size): mean, deviation. */
  private final float[] stats = new float[SLOTS * 4];
  /**
   * Whether a newcomer replaces the newest of the parties seen once rather than the oldest: for the callers of an
   * internet-facing server, where a poller's first call must outlast the hundreds of one-off scanners before its
   * second.
   */
  private final boolean holdFirstCalls;
  /** Per slot: the last {@link #RECENT} intervals in milliseconds, a ring (allocated at the first interval). */
  private int[] recent;
  /** Per slot: the uids of its last {@link #UIDS} connections, a ring (allocated when a slot gets a rhythm). */
  private String[] uids;

  private static final int FIRST = 0;
  private static final int LAST = 1;
  private static final int BYTES = 2;
  private static final int RECEIVED = 3;
  private static final int ADDRESS = 0;
  private static final int CONNS = 1;
  private static final int REPORTED = 2;
  private static final int INTERVALS = 3;

  /** Empty slots for the destinations a device calls. */
  public DestinationSlots() {
    this(false);
  }

  /**
   * Empty slots; {@code holdFirstCalls} for the outside hosts that call a server (see {@link #holdFirstCalls}).
   */
  public DestinationSlots(boolean holdFirstCalls) {
    this.holdFirstCalls = holdFirstCalls;
  }

  private long time(int slot, int field) {
    return times[slot * 4 + field];
  }

  private void time(int slot, int field, long value) {
    times[slot * 4 + field] = value;
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

  /**
   * Records one connection (record {@code uid}) of {@code sent} bytes to {@code endpoint}, destination {@code fp}
   * named {@code label}; {@code opened} is false for a record that continues a session already counted (a
   * long-lived TCP connection that Zeek logs again after each idle spell), whose bytes count but not its timing.
   */
  public int observe(long fp, String label, int endpoint, long ts, long sent, boolean opened, String uid) {
    int slot = -1;
    int victim = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (key[i] == fp && count(i, CONNS) > 0) {
        slot = i;
        break;
      }
      double keep = keep(i, ts);
      double worst = keep(victim, ts);
      if (keep < worst || keep == worst && (holdFirstCalls && count(i, CONNS) == 1
          ? time(i, LAST) > time(victim, LAST) : time(i, LAST) < time(victim, LAST))) {
        victim = i;
      }
    }
    if (slot < 0) {
      slot = victim;
      key[slot] = fp;
      name[slot] = label;
      time(slot, FIRST, ts);
      time(slot, LAST, ts);
      time(slot, BYTES, 0);
      time(slot, RECEIVED, 0);
      java.util.Arrays.fill(counts, slot * 4, slot * 4 + 4, 0);
      java.util.Arrays.fill(stats, slot * 4, slot * 4 + 4, 0f);
      if (uids != null) {
        java.util.Arrays.fill(uids, slot * UIDS, slot * UIDS + UIDS, null);
      }
    } else if (opened && ts - time(slot, LAST) >= BURST) {
      // Connections within a second of each other are one burst; beacons are judged between bursts.
      long interval = ts - time(slot, LAST);
      int n = count(slot, INTERVALS);
      add(slot, INTERVAL, interval, n);
      if (recent == null) {
        recent = new int[SLOTS * RECENT];
      }
      recent[slot * RECENT + n % RECENT] = (int) Math.min(Integer.MAX_VALUE, interval / 1000);
      count(slot, INTERVALS, n + 1);
      time(slot, LAST, ts);
    }
    count(slot, ADDRESS, endpoint);
    add(slot, SIZE, Math.max(0, sent), count(slot, CONNS));
    time(slot, BYTES, time(slot, BYTES) + Math.max(0, sent));
    int connections = count(slot, CONNS);
    count(slot, CONNS, connections + 1);
    if (uid != null && opened && count(slot, INTERVALS) >= 4) {
      if (uids == null) {
        uids = new String[SLOTS * UIDS];
      }
      uids[slot * UIDS + connections % UIDS] = uid;
    }
    return slot;
  }

  /**
   * How much a slot is worth keeping at {@code now}: an empty slot nothing, else its connections, halved for every
   * whole hour it has been idle beyond its own rhythm (ties go to the oldest, or for held first calls the newest).
   */
  private double keep(int slot, long now) {
    int connections = count(slot, CONNS);
    if (connections == 0) {
      return -1;
    }
    long idleHours = Math.max(0, now - time(slot, LAST) - (long) Math.max(0, stats[slot * 4])) / HOUR;
    return connections / Math.pow(2, Math.min(60, idleHours));
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

  /** Adds {@code bytes} received from the slot's destination (a connection {@link #observe} just counted). */
  public void received(int slot, long bytes) {
    time(slot, RECEIVED, time(slot, RECEIVED) + Math.max(0, bytes));
  }

  /** Bytes received from the slot's destination since its first connection. */
  public long received(int slot) {
    return time(slot, RECEIVED);
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

  /**
   * The spread of the slot's last intervals (up to {@value #RECENT}, at least {@value #MIN_INTERVALS}): the range
   * between the second shortest and the second longest, over their median, so one missed call or late answer does
   * not count. About 0.7 for a beacon with +-50% jitter, 0.1 without jitter, 1.2 and more for a tunnel's or a
   * person's traffic; infinite when there are too few intervals.
   */
  public double recentSpread(int slot) {
    int n = Math.min(RECENT, count(slot, INTERVALS));
    if (n < MIN_INTERVALS || recent == null) {
      return Double.POSITIVE_INFINITY;
    }
    int[] sorted = java.util.Arrays.copyOfRange(recent, slot * RECENT, slot * RECENT + n);
    java.util.Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    return median <= 0 ? Double.POSITIVE_INFINITY : (sorted[n - 2] - sorted[1]) / median;
  }

  /** The uids of the slot's last connections since it had a rhythm, oldest first. */
  public java.util.List<String> recentUids(int slot) {
    java.util.List<String> out = new java.util.ArrayList<>(UIDS);
    if (uids == null) {
      return out;
    }
    int connections = count(slot, CONNS);
    for (int k = UIDS; k >= 1; k--) {
      String uid = uids[slot * UIDS + Math.floorMod(connections - k, UIDS)];
      if (uid != null && !out.contains(uid)) {
        out.add(uid);
      }
    }
    return out;
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
    out.writeBoolean(holdFirstCalls);
    for (int i = 0; i < SLOTS; i++) {
      out.writeLong(key[i]);
      out.writeUTF(name[i] == null ? "" : name[i]);
      out.writeInt(count(i, ADDRESS));
      out.writeLong(time(i, FIRST));
      out.writeLong(time(i, LAST));
      out.writeLong(time(i, BYTES));
      out.writeLong(time(i, RECEIVED));
      out.writeInt(count(i, CONNS));
      out.writeInt(count(i, REPORTED));
      out.writeInt(count(i, INTERVALS));
      for (int j = 0; j < 4; j++) {
        out.writeFloat(stats[i * 4 + j]);
      }
    }
    out.writeBoolean(recent != null);
    if (recent != null) {
      for (int v : recent) {
        out.writeInt(v);
      }
    }
    out.writeBoolean(uids != null);
    if (uids != null) {
      for (String uid : uids) {
        out.writeUTF(uid == null ? "" : uid);
      }
    }
  }

  /** Reads slots written by {@link #write}. */
  public static DestinationSlots read(DataInput in) throws IOException {
    DestinationSlots s = new DestinationSlots(in.readBoolean());
    for (int i = 0; i < SLOTS; i++) {
      s.key[i] = in.readLong();
      String n = in.readUTF();
      s.name[i] = n.isEmpty() ? null : n;
      s.count(i, ADDRESS, in.readInt());
      s.time(i, FIRST, in.readLong());
      s.time(i, LAST, in.readLong());
      s.time(i, BYTES, in.readLong());
      s.time(i, RECEIVED, in.readLong());
      s.count(i, CONNS, in.readInt());
      s.count(i, REPORTED, in.readInt());
      s.count(i, INTERVALS, in.readInt());
      for (int j = 0; j < 4; j++) {
        s.stats[i * 4 + j] = in.readFloat();
      }
    }
    if (in.readBoolean()) {
      s.recent = new int[SLOTS * RECENT];
      for (int j = 0; j < s.recent.length; j++) {
        s.recent[j] = in.readInt();
      }
    }
    if (in.readBoolean()) {
      s.uids = new String[SLOTS * UIDS];
      for (int j = 0; j < s.uids.length; j++) {
        String uid = in.readUTF();
        s.uids[j] = uid.isEmpty() ? null : uid;
      }
    }
    return s;
  }
}
