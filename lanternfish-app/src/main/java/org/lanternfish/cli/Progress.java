package org.lanternfish.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for long work (bytes read, files, records/s, ETA) drawn on stderr only when a person watches a
 * terminal; when output is piped or redirected it stays silent.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final long startNanos = System.nanoTime();

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** Starts a bar over {@code total} units of {@code unit} (bytes shown as MiB), or a silent one off a terminal. */
  static Progress start(String task, long total, boolean bytes) {
    if (!onTerminal()) {
      return new Progress(null);
    }
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUpdateIntervalMillis(250)
            .setMaxRenderedLength(110)
            .showSpeed();
    if (bytes) {
      builder.setUnit(" MiB", 1 << 20);
    }
    return new Progress(builder.build());
  }

  /** Moves the bar to {@code done} units and shows the record rate and a short note such as "file 3/12". */
  void update(long done, long records, String note) {
    if (bar == null) {
      return;
    }
    bar.stepTo(done);
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    bar.setExtraMessage(String.format(" %s %,.0f rec/s", note, records / seconds));
  }

  /** Elapsed time since the bar started. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /** True when stderr goes to an interactive terminal (JDK 22+ can tell exactly; 21 approximates). */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException notOnThisJdk) {
      return true;
    }
  }
}
