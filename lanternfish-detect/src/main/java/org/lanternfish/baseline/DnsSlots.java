package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A device's DNS behaviour per registered domain over the last hour: unique subdomains, TXT share and the entropy
 * of the names, for the few domains it queries most unusually. The baseline behind DNS tunnelling.
 *
 * <p>The slots' fields live in two primitive arrays (five longs and five ints a slot) rather than one array per
 * field, because every device that resolves names holds one of these.
 */
public final class DnsSlots {

  /** Number of domains followed per device. */
  public static final int SLOTS = 4;

  private static final long WINDOW = 3_600_000_000L;
  // Per slot in longs: the domain's fingerprint, the unique-name counter's two halves, window start, last query.
  private static final int KEY = 0;
  private static final int NAMES_LOW = 1;
  private static final int NAMES_HIGH = 2;
  private static final int START = 3;
  private static final int LAST = 4;
  private static final int LONGS = 5;
  // Per slot in ints: queries, TXT queries, names measured for entropy, their entropy sum (float bits), reported.
  private static final int QUERIES = 0;
  private static final int TXT = 1;
  private static final int MEASURED = 2;
  private static final int ENTROPY = 3;
  private static final int REPORTED = 4;
  private static final int INTS = 5;

  private final long[] longs = new long[SLOTS * LONGS];
  private final int[] ints = new int[SLOTS * INTS];
  private final String[] domain = new String[SLOTS];
  /** Whether the last {@link #observe} asked for a name not asked for in its domain's window (not state). */
  private boolean lastNew;

  /** Empty slots. */
  public DnsSlots() {}

  private long l(int slot, int field) {
    return longs[slot * LONGS + field];
  }

  private int i(int slot, int field) {
    return ints[slot * INTS + field];
  }

  /**
   * Records a query for {@code name}, whose first {@code subdomainLength} characters are the subdomain under
   * {@code registered}; returns the slot that holds the domain.
   */
  public int observe(long fp, String registered, String name, int subdomainLength, boolean isTxt, long ts) {
    int slot = -1;
    for (int k = 0; k < SLOTS; k++) {
      if (l(k, KEY) == fp && i(k, QUERIES) > 0) {
        slot = k;
        break;
      }
    }
    if (slot < 0 || ts - l(slot, START) > WINDOW) {
      slot = slot < 0 ? victim() : slot;
      java.util.Arrays.fill(longs, slot * LONGS, slot * LONGS + LONGS, 0L);
      java.util.Arrays.fill(ints, slot * INTS, slot * INTS + INTS, 0);
      longs[slot * LONGS + KEY] = fp;
      longs[slot * LONGS + START] = ts;
      domain[slot] = registered;
    }
    // String.hashCode's polynomial (specified, the same on every JVM) over the subdomain, read in place in the name;
    // 32 bits are plenty to pick one of 128 bits.
    int hash = 0;
    for (int i = 0; i < subdomainLength; i++) {
      hash = 31 * hash + name.charAt(i);
    }
    int bit = DistinctCounter.bit(hash);
    int at = slot * LONGS + (bit < 64 ? NAMES_LOW : NAMES_HIGH);
    lastNew = (longs[at] & 1L << (bit & 63)) == 0;
    longs[at] |= 1L << (bit & 63);
    ints[slot * INTS + QUERIES]++;
    if (isTxt) {
      ints[slot * INTS + TXT]++;
    }
    // Entropy is measured only once a domain has many unique names: the common case pays nothing for it.
    if (uniqueNames(slot) >= 8) {
      float sum = Float.intBitsToFloat(i(slot, ENTROPY)) + (float) entropy(name, subdomainLength);
      ints[slot * INTS + ENTROPY] = Float.floatToIntBits(sum);
      ints[slot * INTS + MEASURED]++;
    }
    longs[slot * LONGS + LAST] = ts;
    return slot;
  }

  /** The slot to reuse: the one with the fewest unique names, so a tunnel's slot is the last to go. */
  private int victim() {
    int victim = 0;
    for (int k = 1; k < SLOTS; k++) {
      if (score(k) < score(victim)) {
        victim = k;
      }
    }
    return victim;
  }

  private int score(int slot) {
    return i(slot, QUERIES) == 0 ? -1 : uniqueNames(slot);
  }

  /** Shannon entropy in bits per character of a name. */
  public static double entropy(String s) {
    return entropy(s, s.length());
  }

  /** Shannon entropy in bits per character of the first {@code length} characters of a name. */
  static double entropy(String s, int length) {
    if (length == 0) {
      return 0;
    }
    int[] counts = new int[128];
    for (int i = 0; i < length; i++) {
      counts[s.charAt(i) & 127]++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / length;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }

  /**
   * True when the last {@link #observe} asked for a name its domain's window had not seen (as far as the window's
   * 128-bit counter can tell): a DNS channel asks for a new name on every call, a cache asks again for the same.
   */
  public boolean lastWasNew() {
    return lastNew;
  }

  /** The registered domain in the slot. */
  public String domain(int slot) {
    return domain[slot];
  }

  /** Estimated unique subdomains queried in the window. */
  public int uniqueNames(int slot) {
    return DistinctCounter.estimate(l(slot, NAMES_LOW), l(slot, NAMES_HIGH));
  }

  /** Queries in the window. */
  public int queries(int slot) {
    return i(slot, QUERIES);
  }

  /** Share of TXT queries in the window. */
  public double txtRatio(int slot) {
    return queries(slot) == 0 ? 0 : (double) i(slot, TXT) / queries(slot);
  }

  /** Mean entropy of the subdomains queried since the domain had several unique names. */
  public double meanEntropy(int slot) {
    return i(slot, MEASURED) == 0 ? 0 : Float.intBitsToFloat(i(slot, ENTROPY)) / i(slot, MEASURED);
  }

  /** Marks the slot reported for this window; returns false if it already was. */
  public boolean report(int slot) {
    if (i(slot, REPORTED) != 0) {
      return false;
    }
    ints[slot * INTS + REPORTED] = 1;
    return true;
  }

  /** Writes the slots in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    for (int k = 0; k < SLOTS; k++) {
      out.writeLong(l(k, KEY));
      out.writeUTF(domain[k] == null ? "" : domain[k]);
      out.writeLong(l(k, NAMES_LOW));
      out.writeLong(l(k, NAMES_HIGH));
      out.writeLong(l(k, START));
      out.writeLong(l(k, LAST));
      out.writeInt(i(k, QUERIES));
      out.writeInt(i(k, TXT));
      out.writeFloat(Float.intBitsToFloat(i(k, ENTROPY)));
      out.writeInt(i(k, MEASURED));
      out.writeBoolean(i(k, REPORTED) != 0);
    }
  }

  /** Reads slots written by {@link #write}. */
  public static DnsSlots read(DataInput in) throws IOException {
    DnsSlots s = new DnsSlots();
    for (int k = 0; k < SLOTS; k++) {
      int l = k * LONGS;
      int n = k * INTS;
      s.longs[l + KEY] = in.readLong();
      String d = in.readUTF();
      s.domain[k] = d.isEmpty() ? null : d;
      s.longs[l + NAMES_LOW] = in.readLong();
      s.longs[l + NAMES_HIGH] = in.readLong();
      s.longs[l + START] = in.readLong();
      s.longs[l + LAST] = in.readLong();
      s.ints[n + QUERIES] = in.readInt();
      s.ints[n + TXT] = in.readInt();
      s.ints[n + ENTROPY] = Float.floatToIntBits(in.readFloat());
      s.ints[n + MEASURED] = in.readInt();
      s.ints[n + REPORTED] = in.readBoolean() ? 1 : 0;
    }
    return s;
  }
}
