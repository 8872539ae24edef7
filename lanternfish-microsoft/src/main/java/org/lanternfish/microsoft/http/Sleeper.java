package org.lanternfish.microsoft.http;

import java.time.Duration;

/** Waits between retries; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** The real wait. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  /** Waits {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
