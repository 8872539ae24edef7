package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.LogType;

final class StoreProcessTest {
  @TempDir Path directory;

  @Test
  void open_whileAnotherProcessWrites_namesThatProcess() throws Exception {
    Process holder = StoreProcess.start("hold", directory);
    try {
      assertThatThrownBy(() -> DuckDbEventStore.open(directory))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageStartingWith("data directory " + directory + " is in use by process " + holder.pid())
          .extracting(e -> ((StoreLockedException) e).pid()).isEqualTo(holder.pid());
      assertThatThrownBy(() -> DuckDbEventStore.openReadOnly(directory, Duration.ofMillis(300)))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("is in use by process " + holder.pid());
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    DuckDbEventStore.open(directory).close();
  }

  @Test
  void append_killedBetweenAndDuringBatches_eventsMatchCheckpoint() throws Exception {
    Process tailer = StoreProcess.start("tail", directory);
    StoreProcess.awaitLine(tailer, "batch " + 5 * StoreProcess.BATCH);
    tailer.destroyForcibly();
    assertThat(tailer.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      long line = store.checkpoint("conn.log").orElseThrow().lineNumber();
      assertThat(line).isGreaterThanOrEqualTo(5L * StoreProcess.BATCH)
          .isEqualTo(store.stats().rows().get(LogType.CONN));
      assertThat(line % StoreProcess.BATCH).isZero();
    }
  }

  @Test
  void readers_inOtherProcesses_readBesideAFollowingWriter_andASecondWriterIsStillRefused() throws Exception {
    Process follower = StoreProcess.start("follow", directory);
    try {
      StoreProcess.awaitLine(follower, "batch " + 2 * StoreProcess.BATCH);
      long seen = 0;
      for (int read = 0; read < 10; read++) {
        try (DuckDbEventStore reader = DuckDbEventStore.openReadOnly(directory)) {
          long rows = reader.stats().rows().get(LogType.CONN);
          assertThat(rows).isGreaterThanOrEqualTo(Math.max(seen, 2L * StoreProcess.BATCH));
          assertThat(rows % StoreProcess.BATCH).as("a reader sees whole commits").isZero();
          seen = rows;
        }
        Thread.sleep(50);
      }
      assertThatThrownBy(() -> DuckDbEventStore.open(directory))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageStartingWith("data directory " + directory + " is in use by process " + follower.pid());
      // The writer goes on committing beside the readers.
      StoreProcess.awaitLine(follower, "batch " + (seen + 3 * StoreProcess.BATCH));
    } finally {
      follower.destroyForcibly();
      assertThat(follower.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
