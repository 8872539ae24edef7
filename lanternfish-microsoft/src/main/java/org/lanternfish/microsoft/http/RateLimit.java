package org.lanternfish.microsoft.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A documented API rate limit, such as Defender's 100 calls a minute and 1,500 an hour: {@link #acquire()} waits
 * until one more call stays within every window, so Lanternfish never earns a 429 by its own pace.
 */
public final class RateLimit {
  private final int perMinute;
  private final int perHour;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Instant> calls = new ArrayDeque<>();

  /** At most {@code perMinute} calls in any minute and {@code perHour} in any hour. */
  public RateLimit(int perMinute, int perHour, Clock clock, Sleeper sleeper) {
    this.perMinute = perMinute;
    this.perHour = perHour;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Defender for Endpoint's limit of most APIs: 100 calls a minute, 1,500 an hour. */
  public static RateLimit defender(Clock clock, Sleeper sleeper) {
    return new RateLimit(100, 1_500, clock, sleeper);
  }

  /**
   * Defender's limit as this process keeps it, by the system clock: the limit is the application's, so the
   * inventory, isolation and any command of one process share one count.
   */
  public static RateLimit defender() {
    return ProcessWide.DEFENDER;
  }

  private static final class ProcessWide {
    static final RateLimit DEFENDER = defender(Clock.systemUTC(), Sleeper.THREAD);
  }

  /** Waits until a call is allowed, then counts it. */
  public synchronized void acquire() throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(Duration.ofHours(1)))) {
        calls.pollFirst();
      }
      Duration wait = Duration.ZERO;
      if (calls.size() >= perHour) {
        wait = Duration.between(now, calls.peekFirst().plus(Duration.ofHours(1)));
      }
      Instant minuteAgo = now.minus(Duration.ofMinutes(1));
      long inMinute = calls.stream().filter(t -> t.isAfter(minuteAgo)).count();
      if (inMinute >= perMinute) {
        Instant oldestInMinute = calls.stream().filter(t -> t.isAfter(minuteAgo)).findFirst().orElseThrow();
        Duration minuteWait = Duration.between(now, oldestInMinute.plus(Duration.ofMinutes(1)));
        wait = minuteWait.compareTo(wait) > 0 ? minuteWait : wait;
      }
      if (wait.isZero() || wait.isNegative()) {
        calls.addLast(now);
        return;
      }
      sleeper.sleep(wait);
    }
  }
}
