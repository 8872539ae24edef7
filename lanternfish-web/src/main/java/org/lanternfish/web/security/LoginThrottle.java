package org.lanternfish.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window} from one address or for one
 * user name, further attempts from it or for it are refused until the oldest failure leaves the window.
 */
public final class LoginThrottle {
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;

  /** A throttle allowing {@code maxFailures} failures per {@code window}, timed by {@code clock}. */
  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long {@code keys} (an address, a user name) must wait before trying again; zero when they may try now. */
  public Duration wait(String... keys) {
    Instant now = clock.instant();
    Duration longest = Duration.ZERO;
    for (String key : keys) {
      Deque<Instant> times = failures.get(key);
      if (times == null) {
        continue;
      }
      synchronized (times) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
          times.pollFirst();
        }
        if (times.size() >= maxFailures) {
          Duration wait = Duration.between(now, times.peekFirst().plus(window));
          longest = wait.compareTo(longest) > 0 ? wait : longest;
        }
      }
    }
    return longest;
  }

  /** Counts a failed login against each of {@code keys}. */
  public void failed(String... keys) {
    Instant now = clock.instant();
    for (String key : keys) {
      Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        times.addLast(now);
      }
    }
  }
}
