package org.lanternfish.embedded;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An outbox consumer that sends what the store committed to a system outside (Sentinel, a syslog SIEM), run every
 * few seconds on a thread of its own; a failed run is told and tried again, resuming from the consumer's position.
 */
public final class OutboxExport implements AutoCloseable {
  /** How often the outbox is read for new entries. */
  static final Duration EVERY = Duration.ofSeconds(5);

  /** One run: send every entry after the position, advancing it as sends succeed. */
  @FunctionalInterface
  public interface Run {
    /** Sends what is new; returns how many entries it passed. */
    long exportAvailable() throws Exception;
  }

  private final Thread thread;

  private OutboxExport(String name, Run run, Consumer<String> problems) {
    thread = new Thread(() -> {
      try {
        while (true) {
          try {
            run.exportAvailable();
          } catch (InterruptedException e) {
            throw e;
          } catch (Exception e) {
            problems.accept(name + " paused: " + e.getMessage() + "; trying again in " + EVERY.toSeconds() + " s");
          }
          Thread.sleep(EVERY.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lanternfish-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
    thread.setDaemon(true);
  }

  /** Starts running {@code run} (named {@code name} in what is told to {@code problems}). */
  public static OutboxExport start(String name, Run run, Consumer<String> problems) {
    OutboxExport export = new OutboxExport(name, run, problems);
    export.thread.start();
    return export;
  }

  /** Stops the thread; what was not sent is sent by the next start. */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
