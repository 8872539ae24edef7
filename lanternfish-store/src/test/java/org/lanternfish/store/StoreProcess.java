package org.lanternfish.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lanternfish.event.Event;

/**
 * A second JVM that owns a store, for tests of what another process sees: {@code hold DIR} keeps the store open until
 * its stdin closes; {@code tail DIR} appends checkpointed batches until it is killed; {@code follow DIR} does so a few
 * times a second, releasing the file between batches as {@code ingest --follow} does.
 */
final class StoreProcess {
  static final int BATCH = 500;

  private StoreProcess() {}

  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[1]);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      System.out.println("ready");
      System.out.flush();
      if (args[0].equals("hold")) {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return;
      }
      long line = store.checkpoint("conn.log").map(IngestCheckpoint::lineNumber).orElse(0L);
      while (true) {
        List<Event> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
          line++;
          batch.add(SampleEvents.conn(SampleEvents.DAY_ONE + line, "C" + line, "10.0.0.1", 1, "10.0.0.2", 2, null,
              line));
        }
        store.commit(Commit.of(batch, List.of(new IngestCheckpoint("conn.log", "1:1", 0, line * 100, line)),
            Map.of()));
        if (args[0].equals("follow")) {
          store.release();
          sleep(100);
        }
        System.out.println("batch " + line);
        System.out.flush();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts {@code mode} on {@code directory} in a new JVM and waits until it holds the store. The JVM's temporary
   * directory is inside {@code directory}: DuckDB's driver copies its 60 MB native library there at every start and
   * deletes it only on a normal exit, so a killed child would otherwise leave one in the machine's /tmp.
   */
  static Process start(String mode, Path directory) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path temporary = Files.createDirectories(directory.resolve("java-tmp"));
    Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + temporary,
        "-cp", System.getProperty("java.class.path"), StoreProcess.class.getName(), mode, directory.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    awaitLine(process, "ready");
    return process;
  }

  /** Reads the process's output until a line starting with {@code prefix}. */
  static String awaitLine(Process process, String prefix) throws IOException {
    BufferedReader output = process.inputReader(StandardCharsets.UTF_8);
    String line;
    while ((line = output.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IOException("store process ended before printing '" + prefix + "'");
  }
}
