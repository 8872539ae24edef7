package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.store.DuckDbEventStore;

/**
 * The jar {@code ./lanternfish} runs, as packaged (after {@code package}, so run by Failsafe): DuckDB's native library
 * loads from {@code lib/}, so a process leaves no copy of it in the temporary directory, even killed with kill -9.
 */
final class PackagedJarIT {
  @TempDir Path temp;

  @Test
  void aFollowerKilledWithKillNine_leftItsStoreOpenAndNothingInTheTemporaryDirectory() throws Exception {
    Path jar = Path.of(System.getProperty("lanternfish.jar"));
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    Path logs = Files.createDirectories(temp.resolve("current"));
    Path data = temp.resolve("data");
    Path output = temp.resolve("output.txt");
    Process follower = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "ingest", "--follow", logs.toString(), "--data-dir",
        data.toString())).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(data.resolve(DuckDbEventStore.DATABASE_FILE)) && follower.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(follower.isAlive()).as("the follower runs; its output: %s", Files.readString(output)).isTrue();
      assertThat(data.resolve(DuckDbEventStore.DATABASE_FILE)).exists();
    } finally {
      follower.destroyForcibly().waitFor();
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("duckdb"));
    }
  }
}
