package org.lanternfish.detect;

/**
 * Event time of the core, cut into epochs: network-wide knowledge is merged and the signals that waited for it are
 * judged when an epoch closes. An epoch closes on the watermark, the newest event time seen minus the allowed
 * lateness, so a source whose records arrive late (conn.log is written when a connection ends, a capture's flow when
 * it times out) still counts in the epoch it belongs to; every runner that sees the records in the same order
 * closes the same epochs at the same records. Plain state: two longs, saved by the runner's snapshot.
 */
public final class EpochClock {

  /** Returned by {@link #advance} when no epoch closes. */
  public static final long NONE = Long.MIN_VALUE;

  private final long epochMicros;
  private final long latenessMicros;
  private long open = NONE;
  private long newest = Long.MIN_VALUE;
  /** Event time at which the open epoch closes: its end plus the allowed lateness. */
  private long closesAt = Long.MIN_VALUE;

  /** A clock with epochs of {@code epochMicros} that close {@code latenessMicros} after their end. */
  public EpochClock(long epochMicros, long latenessMicros) {
    this.epochMicros = epochMicros;
    this.latenessMicros = latenessMicros;
  }

  /** A clock with the configuration's epochs and lateness. */
  public EpochClock(DetectConfig config) {
    this(config.epochMicros(), config.allowedLatenessMicros());
  }

  /**
   * Takes an event time (or a heartbeat's) and returns the epoch that closes at it, or {@link #NONE}. When time
   * jumps over several epochs only the open one closes: the epochs in between saw no events, and the next epoch
   * opened is the one the watermark is in.
   */
  public long advance(long ts) {
    // Most events neither move time forward nor close the epoch: settle that with two comparisons.
    if (ts <= newest || ts < closesAt) {
      newest = Math.max(newest, ts);
      return NONE;
    }
    newest = ts;
    long e = Math.floorDiv(ts - latenessMicros, epochMicros);
    if (open == NONE) {
      open(Math.floorDiv(ts, epochMicros));
      return NONE;
    }
    if (e <= open) {
      return NONE;
    }
    long closed = open;
    open(e);
    return closed;
  }

  private void open(long e) {
    open = e;
    closesAt = (e + 1) * epochMicros + latenessMicros;
  }

  /** The epoch events are counted in now, or {@link #NONE} before the first event. */
  public long openEpoch() {
    return open;
  }

  /** The newest event time seen, or {@link Long#MIN_VALUE} before the first. */
  public long newest() {
    return newest;
  }

  /** Where epoch {@code e} ends (exclusive), in microseconds of event time. */
  public long endOf(long e) {
    return (e + 1) * epochMicros;
  }

  /** Restores the state of a clock saved as its {@link #openEpoch} and {@link #newest}. */
  public void restore(long openEpoch, long newestTs) {
    newest = newestTs;
    if (openEpoch == NONE) {
      open = NONE;
      closesAt = Long.MIN_VALUE;
    } else {
      open(openEpoch);
    }
  }
}
