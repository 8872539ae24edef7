package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.lanternfish.baseline.DistinctCounter;

/**
 * A device's short bursts of one kind of request, each counted in a window that opens at its first request: service
 * tickets for distinct services under RC4 (Kerberoasting), secure-channel handshakes with one server (Zerologon),
 * sessions to the shares of distinct hosts (share enumeration). Each burst is reported once per window.
 */
final class Bursts {

  /** The kinds of burst, one window each. */
  enum Kind {
    /** RC4 service tickets for distinct services. */
    RC4_TICKETS,
    /** Netlogon secure-channel handshakes (challenge and authenticate calls) to one server. */
    NETLOGON_HANDSHAKES,
    /** Tree connects to shares of distinct hosts. */
    SHARE_HOSTS
  }

  private static final int KINDS = Kind.values().length;

  private final long[] start = new long[KINDS];
  /** The bits of each window's distinct items (kinds counted by {@link #distinct}). */
  private final long[] low = new long[KINDS];
  private final long[] high = new long[KINDS];
  private final int[] count = new int[KINDS];
  private final long[] target = new long[KINDS];
  private final boolean[] reported = new boolean[KINDS];

  Bursts() {
    Arrays.fill(start, Long.MIN_VALUE);
  }

  /**
   * Counts a distinct {@code item} into the window of {@code kind} that opened within {@code window} microseconds
   * before {@code ts} (else opens a new one); returns the distinct items in the window when it first reaches
   * {@code threshold}, else 0.
   */
  int distinct(Kind kind, long item, long ts, long window, int threshold) {
    int k = kind.ordinal();
    open(k, ts, window, 0);
    int bit = DistinctCounter.bit(item);
    if (bit < 64) {
      low[k] |= 1L << bit;
    } else {
      high[k] |= 1L << (bit - 64);
    }
    int n = DistinctCounter.estimate(low[k], high[k]);
    return report(k, n, threshold);
  }

  /**
   * Counts one request to {@code peer} into the window of {@code kind} (a request to another peer opens a new
   * window); returns the requests in the window when they first reach {@code threshold}, else 0.
   */
  int count(Kind kind, long peer, long ts, long window, int threshold) {
    int k = kind.ordinal();
    open(k, ts, window, peer);
    return report(k, ++count[k], threshold);
  }

  private void open(int k, long ts, long window, long peer) {
    if (start[k] == Long.MIN_VALUE || ts - start[k] > window || ts < start[k] || target[k] != peer) {
      start[k] = ts;
      low[k] = 0;
      high[k] = 0;
      count[k] = 0;
      target[k] = peer;
      reported[k] = false;
    }
  }

  private int report(int k, int n, int threshold) {
    if (n < threshold || reported[k]) {
      return 0;
    }
    reported[k] = true;
    return n;
  }

  /** Writes the windows in the snapshot format. */
  void write(DataOutput out) throws IOException {
    for (int k = 0; k < KINDS; k++) {
      out.writeLong(start[k]);
      out.writeLong(low[k]);
      out.writeLong(high[k]);
      out.writeInt(count[k]);
      out.writeLong(target[k]);
      out.writeBoolean(reported[k]);
    }
  }

  /** Reads windows written by {@link #write}. */
  static Bursts read(DataInput in) throws IOException {
    Bursts b = new Bursts();
    for (int k = 0; k < KINDS; k++) {
      b.start[k] = in.readLong();
      b.low[k] = in.readLong();
      b.high[k] = in.readLong();
      b.count[k] = in.readInt();
      b.target[k] = in.readLong();
      b.reported[k] = in.readBoolean();
    }
    return b;
  }
}
