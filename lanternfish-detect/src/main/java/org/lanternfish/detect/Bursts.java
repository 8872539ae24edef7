package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.lanternfish.baseline.DistinctCounter;

/**
 * A device's short bursts of one kind of request, each counted in a window that opens at its first request: service
 * tickets for distinct services under RC4 (Kerberoasting), secure-channel handshakes with one server (Zerologon),
 * sessions to the shares of distinct hosts (share enumeration), probes of distinct address:port targets (a port scan)
 * and of distinct ports of one host (a vertical scan). A burst that reaches its threshold is held, still
 * counting, until an epoch ends after it is over (its window closed, or no request for a minute), so its signal
 * reports the burst's whole size; each window is reported once.
 */
final class Bursts {

  private static final long MINUTE = 60_000_000L;
  /** A held burst with no request for this long before an epoch's end is over. */
  private static final long QUIET = MINUTE;

  /** The kinds of burst, one window each. */
  enum Kind {
    /** RC4 service tickets for distinct services. */
    RC4_TICKETS("ticket_burst", 10 * MINUTE),
    /** Netlogon secure-channel handshakes (challenge and authenticate calls) to one server. */
    NETLOGON_HANDSHAKES("netlogon_burst", 2 * MINUTE),
    /** Tree connects to shares of distinct hosts. */
    SHARE_HOSTS("share_sweep", 10 * MINUTE),
    /** Refused or unanswered connections to distinct address:port targets. */
    PORT_TARGETS("port_scan", 10 * MINUTE),
    /** Probes of distinct ports of one host. */
    HOST_PORTS("vertical_scan", MINUTE);

    /** The kind of signal that reports a burst. */
    final String signal;
    /** How long after its first request a window counts. */
    final long window;

    Kind(String signal, long window) {
      this.signal = signal;
      this.window = window;
    }

    /** The kind of burst a signal of {@code kind} reports, or null. */
    static Kind of(String kind) {
      for (Kind k : values()) {
        if (k.signal.equals(kind)) {
          return k;
        }
      }
      return null;
    }
  }

  private static final int KINDS = Kind.values().length;

  private final long[] start = new long[KINDS];
  /** The bits of each window's distinct items (kinds counted by {@link #distinct}). */
  private final long[] low = new long[KINDS];
  private final long[] high = new long[KINDS];
  private final int[] count = new int[KINDS];
  private final long[] target = new long[KINDS];
  private final boolean[] reported = new boolean[KINDS];
  /** The size of the burst held for judgement (0 when none is). */
  private final int[] held = new int[KINDS];
  /** The time of the held burst's last request. */
  private final long[] last = new long[KINDS];

  Bursts() {
    Arrays.fill(start, Long.MIN_VALUE);
  }

  /**
   * Counts a distinct {@code item} into the window of {@code kind} that opened within its window before {@code ts}
   * for the same {@code peer} (0 for any; else opens a new one); returns the distinct items in the window when it first reaches {@code threshold} and no
   * burst is held (the caller then holds its signal until the burst is over), else 0.
   */
  int distinct(Kind kind, long peer, long item, long ts, int threshold) {
    int k = kind.ordinal();
    open(kind, ts, peer);
    int bit = DistinctCounter.bit(item);
    if (bit < 64) {
      low[k] |= 1L << bit;
    } else {
      high[k] |= 1L << (bit - 64);
    }
    int n = DistinctCounter.estimate(low[k], high[k]);
    return report(k, n, ts, threshold);
  }

  /**
   * Counts one request to {@code peer} into the window of {@code kind} (a request to another peer opens a new
   * window); returns the requests in the window when they first reach {@code threshold} and no burst is held, else
   * 0.
   */
  int count(Kind kind, long peer, long ts, int threshold) {
    int k = kind.ordinal();
    open(kind, ts, peer);
    return report(k, ++count[k], ts, threshold);
  }

  private void open(Kind kind, long ts, long peer) {
    int k = kind.ordinal();
    if (start[k] == Long.MIN_VALUE || ts - start[k] > kind.window || ts < start[k] || target[k] != peer) {
      start[k] = ts;
      low[k] = 0;
      high[k] = 0;
      count[k] = 0;
      target[k] = peer;
      reported[k] = false;
    }
  }

  private int report(int k, int n, long ts, int threshold) {
    if (reported[k]) {
      if (held[k] > 0) {
        held[k] = Math.max(held[k], n);
        last[k] = ts;
      }
      return 0;
    }
    if (n < threshold) {
      return 0;
    }
    reported[k] = true;
    last[k] = ts;
    // A window reaching the threshold while an earlier burst is still held continues that burst.
    boolean first = held[k] == 0;
    held[k] = Math.max(held[k], n);
    return first ? n : 0;
  }

  /**
   * True when the held burst of {@code kind} may still grow at {@code end} (an epoch's end): its window is open and
   * its last request came within a minute.
   */
  boolean growing(Kind kind, long end) {
    int k = kind.ordinal();
    return held[k] > 0 && reported[k] && end - start[k] <= kind.window && end - last[k] < QUIET;
  }

  /** The size of the held burst of {@code kind}, which is no longer held. */
  int take(Kind kind) {
    int k = kind.ordinal();
    int n = held[k];
    held[k] = 0;
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
      out.writeInt(held[k]);
      out.writeLong(last[k]);
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
      b.held[k] = in.readInt();
      b.last[k] = in.readLong();
    }
    return b;
  }
}
