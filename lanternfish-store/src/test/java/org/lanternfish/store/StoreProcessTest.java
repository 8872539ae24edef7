package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
      assertThatThrownBy(() -> DuckDbEventStore.openReadOnly(directory))
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
}
