package org.lanternfish.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A failure a command reports to the user as one clear line and an exit code, without a stack trace. */
final class CommandFailure extends RuntimeException {
  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CommandFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Fails with an input error naming the first path that does not exist. */
  static void requireExisting(List<Path> paths) {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new CommandFailure(ExitCode.INPUT, "no such file or directory: " + path);
      }
    }
  }

  /**
   * Fails with a usage error unless {@code value} lies in {@code [min, max]}: every numeric option has bounds, so a
   * typo cannot ask for a hundred thousand threads or a negative wait.
   */
  static void requireWithin(String option, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new CommandFailure(ExitCode.USAGE, String.format("%s must be between %s and %s, not %s", option,
          number(min), number(max), number(value)));
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  int exitCode() {
    return exitCode;
  }
}
