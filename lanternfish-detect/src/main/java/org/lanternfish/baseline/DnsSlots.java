package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A device's DNS behaviour per registered domain over the last hour: unique subdomains, TXT share and the entropy
 * of the names, for the few domains it queries most unusually. The baseline behind DNS tunnelling.
 */
public final class DnsSlots {

  /** Number of domains followed per device. */
  public static final int SLOTS = 4;

  private static final long WINDOW = 3_600_000_000L;

  private final long[] key = new long[SLOTS];
  private final String[] domain = new String[SLOTS];
  private final DistinctCounter[] names = new DistinctCounter[SLOTS];
  private final long[] start = new long[SLOTS];
  private final long[] last = new long[SLOTS];
  private final int[] queries = new int[SLOTS];
  private final int[] txt = new int[SLOTS];
  private final float[] entropy = new float[SLOTS];
  private final int[] measured = new int[SLOTS];
  private final boolean[] reported = new boolean[SLOTS];

  /** Empty slots. */
  public DnsSlots() {
    for (int i = 0; i < SLOTS; i++) {
      names[i] = new DistinctCounter();
    }
  }

  /** Records a query for {@code subdomain} under {@code registered}; returns the slot that holds the domain. */
  public int observe(long fp, String registered, String subdomain, boolean isTxt, long ts) {
    int slot = -1;
    for (int i = 0; i < SLOTS; i++) {
      if (key[i] == fp && queries[i] > 0) {
        slot = i;
        break;
      }
    }
    if (slot < 0 || ts - start[slot] > WINDOW) {
      slot = slot < 0 ? victim() : slot;
      key[slot] = fp;
      domain[slot] = registered;
      names[slot] = new DistinctCounter();
      start[slot] = ts;
      queries[slot] = 0;
      txt[slot] = 0;
      entropy[slot] = 0;
      measured[slot] = 0;
      reported[slot] = false;
    }
    names[slot].add(Fingerprint.of(subdomain));
    queries[slot]++;
    if (isTxt) {
      txt[slot]++;
    }
    // Entropy is measured only once a domain has many unique names: the common case pays nothing for it.
    if (names[slot].estimate() >= 8) {
      entropy[slot] += (float) entropy(subdomain);
      measured[slot]++;
    }
    last[slot] = ts;
    return slot;
  }

  /** The slot to reuse: the one with the fewest unique names, so a tunnel's slot is the last to go. */
  private int victim() {
    int victim = 0;
    for (int i = 1; i < SLOTS; i++) {
      if (score(i) < score(victim)) {
        victim = i;
      }
    }
    return victim;
  }

  private int score(int i) {
    return queries[i] == 0 ? -1 : names[i].estimate();
  }

  /** Shannon entropy in bits per character of a name. */
  public static double entropy(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    for (int i = 0; i < s.length(); i++) {
      counts[s.charAt(i) & 127]++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / s.length();
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }

  /** The registered domain in the slot. */
  public String domain(int slot) {
    return domain[slot];
  }

  /** Estimated unique subdomains queried in the window. */
  public int uniqueNames(int slot) {
    return names[slot].estimate();
  }

  /** Queries in the window. */
  public int queries(int slot) {
    return queries[slot];
  }

  /** Share of TXT queries in the window. */
  public double txtRatio(int slot) {
    return queries[slot] == 0 ? 0 : (double) txt[slot] / queries[slot];
  }

  /** Mean entropy of the subdomains queried since the domain had several unique names. */
  public double meanEntropy(int slot) {
    return measured[slot] == 0 ? 0 : entropy[slot] / measured[slot];
  }

  /** Marks the slot reported for this window; returns false if it already was. */
  public boolean report(int slot) {
    if (reported[slot]) {
      return false;
    }
    reported[slot] = true;
    return true;
  }

  /** Writes the slots in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    for (int i = 0; i < SLOTS; i++) {
      out.writeLong(key[i]);
      out.writeUTF(domain[i] == null ? "" : domain[i]);
      out.writeLong(names[i].low());
      out.writeLong(names[i].high());
      out.writeLong(start[i]);
      out.writeLong(last[i]);
      out.writeInt(queries[i]);
      out.writeInt(txt[i]);
      out.writeFloat(entropy[i]);
      out.writeInt(measured[i]);
      out.writeBoolean(reported[i]);
    }
  }

  /** Reads slots written by {@link #write}. */
  public static DnsSlots read(DataInput in) throws IOException {
    DnsSlots s = new DnsSlots();
    for (int i = 0; i < SLOTS; i++) {
      s.key[i] = in.readLong();
      String d = in.readUTF();
      s.domain[i] = d.isEmpty() ? null : d;
      s.names[i] = new DistinctCounter(in.readLong(), in.readLong());
      s.start[i] = in.readLong();
      s.last[i] = in.readLong();
      s.queries[i] = in.readInt();
      s.txt[i] = in.readInt();
      s.entropy[i] = in.readFloat();
      s.measured[i] = in.readInt();
      s.reported[i] = in.readBoolean();
    }
    return s;
  }
}
