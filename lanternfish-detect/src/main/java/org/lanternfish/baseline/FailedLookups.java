package org.lanternfish.baseline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A device's failed name lookups (NXDOMAIN) over the last ten minutes: how many different registered domains failed,
 * how random their names look, and a few examples. Malware that finds its server through a domain generation
 * algorithm tries many random-looking domains that do not exist; a mistyped name or a stale configuration fails
 * again and again for the same few.
 */
public final class FailedLookups {

  private static final long WINDOW = 600_000_000L;
  private static final int EXAMPLES = 3;

  private long windowStart = Long.MIN_VALUE;
  private long low;
  private long high;
  private float entropySum;
  private int failures;
  private boolean reported;
  private final String[] examples = new String[EXAMPLES];

  /** Records a failed lookup of {@code registered} (a registered domain) at {@code ts}. */
  public void observe(String registered, long ts) {
    if (windowStart == Long.MIN_VALUE || ts - windowStart > WINDOW) {
      windowStart = ts;
      low = 0;
      high = 0;
      entropySum = 0;
      failures = 0;
      reported = false;
      java.util.Arrays.fill(examples, null);
    }
    int bit = DistinctCounter.bit(Fingerprint.of(registered));
    long before = bit < 64 ? low : high;
    if (bit < 64) {
      low |= 1L << bit;
    } else {
      high |= 1L << (bit - 64);
    }
    if (before != (bit < 64 ? low : high)) {
      int dot = registered.indexOf('.');
      entropySum += (float) DnsSlots.entropy(dot > 0 ? registered.substring(0, dot) : registered);
      if (failures < EXAMPLES) {
        examples[failures] = registered;
      }
      failures++;
    }
  }

  /** Estimated different registered domains that failed in the window. */
  public int domains() {
    return DistinctCounter.estimate(low, high);
  }

  /** Mean entropy, in bits per character, of the failed domains' names (without their suffix). */
  public double meanEntropy() {
    return failures == 0 ? 0 : entropySum / failures;
  }

  /** The first few domains that failed in the window. */
  public String examples() {
    StringBuilder out = new StringBuilder();
    for (String e : examples) {
      if (e != null) {
        out.append(out.isEmpty() ? "" : ", ").append(e);
      }
    }
    return out.toString();
  }

  /** Marks the window reported; returns false if it already was. */
  public boolean report() {
    if (reported) {
      return false;
    }
    reported = true;
    return true;
  }

  /** Writes the window in the snapshot format. */
  public void write(DataOutput out) throws IOException {
    out.writeLong(windowStart);
    out.writeLong(low);
    out.writeLong(high);
    out.writeFloat(entropySum);
    out.writeInt(failures);
    out.writeBoolean(reported);
    for (String e : examples) {
      out.writeUTF(e == null ? "" : e);
    }
  }

  /** Reads a window written by {@link #write}. */
  public static FailedLookups read(DataInput in) throws IOException {
    FailedLookups f = new FailedLookups();
    f.windowStart = in.readLong();
    f.low = in.readLong();
    f.high = in.readLong();
    f.entropySum = in.readFloat();
    f.failures = in.readInt();
    f.reported = in.readBoolean();
    for (int i = 0; i < EXAMPLES; i++) {
      String e = in.readUTF();
      f.examples[i] = e.isEmpty() ? null : e;
    }
    return f;
  }
}
