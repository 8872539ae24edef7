package org.lanternfish.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One run of the {@code lanternfish} command line in this JVM, as a user meets it: its exit code, what it printed
 * and what it reported on standard error.
 */
record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code args} with standard output captured. */
  static CommandRun of(String... args) {
    StringWriter err = new StringWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine commandLine = LanternfishCommand.newCommandLine();
      commandLine.setErr(new PrintWriter(err, true));
      code = commandLine.execute(args);
    } finally {
      System.setOut(original);
    }
    return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}
