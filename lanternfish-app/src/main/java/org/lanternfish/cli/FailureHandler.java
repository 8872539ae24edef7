package org.lanternfish.cli;

import org.lanternfish.ingest.pcap.PcapException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into one readable line on stderr and the documented exit code. */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    if (exception instanceof CommandFailure failure) {
      commandLine.getErr().println("lanternfish: " + failure.getMessage());
      return failure.exitCode();
    }
    if (exception instanceof PcapException capture) {
      commandLine.getErr().println("lanternfish: " + capture.getMessage());
      return capture.getMessage().contains("was not found or cannot run") ? ExitCode.MISSING_TOOL : ExitCode.INPUT;
    }
    commandLine.getErr().println("lanternfish: internal error: " + exception);
    exception.printStackTrace(commandLine.getErr());
    return ExitCode.INTERNAL;
  }
}
