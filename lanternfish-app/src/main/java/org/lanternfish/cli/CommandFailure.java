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

  int exitCode() {
    return exitCode;
  }
}
