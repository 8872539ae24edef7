package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.LogType;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoreException;

final class StoreWriterTest {
  private static final long DAY_ONE = 1_704_067_200_000_000L;

  @TempDir Path temp;

  @Test
  void commit_storesInterleavedTypesOnceEach_acrossManyChunksAndInserts() {
    // Enough events that each type fills many chunks and the conn INSERT has to give way to the waiting DNS chunks.
    int rounds = 300_000;
    try (DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"))) {
      try (StoreWriter writer = new StoreWriter(store)) {
        for (int i = 0; i < rounds; i++) {
          writer.accept(conn(i));
          writer.accept(conn(i + rounds));
          writer.accept(dns(i));
        }
      }
      assertThat(store.stats().rows()).containsEntry(LogType.CONN, 2L * rounds).containsEntry(LogType.DNS, (long) rounds);
      assertThat(store.query("SELECT count(DISTINCT uid) AS n FROM conn", List.of()).getFirst().get("n"))
          .isEqualTo(2L * rounds);
    }
  }

  @Test
  void flush_withoutCommit_leavesEventsToTheCallersCommitOrRollback() {
    try (DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"))) {
      StoreWriter writer = new StoreWriter(store);
      for (int i = 0; i < 5000; i++) {
        writer.accept(conn(i));
      }
      writer.flush();
      // Staged but not committed: the store refuses to let go of the file, as it does for any staged events.
      assertThatThrownBy(store::release).isInstanceOf(IllegalStateException.class);
      writer.commit();
      assertThat(store.stats().rows()).containsEntry(LogType.CONN, 5000L);
    }
  }

  @Test
  void flush_whenTheStoreCannotTakeTheEvents_throwsAndTheTransactionStoresNothing() {
    Path data = temp.resolve("data");
    DuckDbEventStore store = DuckDbEventStore.open(data);
    StoreWriter writer = new StoreWriter(store);
    for (int i = 0; i < 5000; i++) {
      writer.accept(conn(i));
    }
    store.close();
    assertThatThrownBy(writer::flush).isInstanceOf(StoreException.class);
    try (DuckDbEventStore reopened = DuckDbEventStore.open(data)) {
      assertThat(reopened.stats().rows().getOrDefault(LogType.CONN, 0L)).isZero();
    }
  }

  private static ConnEvent conn(long i) {
    return new ConnEvent(DAY_ONE + i, "C" + i, new FlowId("10.0.0." + (i % 250), 49152, "192.0.2.1", 443), "tcp",
        "ssl", 1.5, 100, 200, "SF", true, false, 0, "ShADadFf", 10, 1000, 8, 600, List.of(), null, null, null);
  }

  private static DnsEvent dns(long i) {
    return new DnsEvent(DAY_ONE + i, "D" + i, new FlowId("10.0.0.5", 53000, "10.0.0.1", 53), "udp", 4711, 0.002,
        "host" + i + ".example.com", 1, "A", 0, "NOERROR", false, true, true, List.of("192.0.2.7"), List.of(300.0),
        false);
  }
}
