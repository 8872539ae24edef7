package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the command line in a JVM of its own, as a user runs it, for tests that kill it or need it as a separate
 * process; its output goes to {@code output}.
 *
 * <p>The child's temporary directory is one next to {@code output}, inside the test's: DuckDB's driver copies its
 * 60 MB native library into the temporary directory on every start and deletes it only when the JVM exits normally,
 * so each child a test killed left one in {@code /tmp} (781 of them, 44 GB, on a developer machine in one day).
 */
final class LanternfishProcess {
  private LanternfishProcess() {
  }

  static Process start(Path output, List<String> arguments) throws IOException {
    Path tmp = Files.createDirectories(output.resolveSibling(output.getFileName() + ".tmp"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"),
        LanternfishCommand.class.getName()));
    command.addAll(arguments);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
  }
}
