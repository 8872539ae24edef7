package org.lanternfish.cli;

/** The process exit codes every command documents in its help. */
final class ExitCode {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int INPUT = 3;
  static final int STORE = 4;
  static final int MISSING_TOOL = 5;

  private ExitCode() {}
}
