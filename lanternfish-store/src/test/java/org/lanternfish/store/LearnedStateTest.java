package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;

final class LearnedStateTest {
  @TempDir Path dir;

  private static ConnEvent conn(String uid) {
    return new ConnEvent(1_704_067_200_000_000L, uid, new FlowId("10.0.0.1", 40000, "10.0.0.2", 445), "tcp", null,
        1.0, 10, 20, "SF", true, true, 0, "ShADadFf", 1, 40, 1, 60, List.of(), null, null, null);
  }

  @Test
  void commit_keepsEventsCheckpointsAndStateTogether_acrossReopen() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
      assertThat(store.state("detector")).isEmpty();
      store.commit(Commit.of(List.of(conn("C1")), List.of(new IngestCheckpoint("a.log", "1:2", 0, 100, 3),
          new IngestCheckpoint("b.log", "1:3", 0, 50, 2)), Map.of("detector", new byte[] {1, 2, 3})));
      store.commit(Commit.of(List.of(conn("C2")), List.of(new IngestCheckpoint("a.log", "1:2", 0, 200, 4)),
          Map.of("detector", new byte[] {4, 5})));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
      assertThat(store.state("detector")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(4, 5));
      assertThat(store.checkpoint("a.log").orElseThrow().byteOffset()).isEqualTo(200);
      assertThat(store.checkpoint("b.log").orElseThrow().byteOffset()).isEqualTo(50);
      assertThat(store.query("SELECT count(*) AS n FROM conn", List.of()).get(0).get("n")).isEqualTo(2L);
    }
  }

  @Test
  void commit_largeStateSavedAgainAndAgain_keepsTheLastWithoutGrowingTheFile() throws IOException {
    byte[] state = new byte[2_000_000];
    Random random = new Random(7);
    try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
      store.commit(Commit.of(List.of(), List.of(), Map.of("analyst", new byte[] {42})));
      for (int i = 0; i < 12; i++) {
        random.nextBytes(state);
        store.commit(Commit.of(List.of(conn("C" + i)), List.of(), Map.of("detector", state)));
      }
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
      assertThat(store.state("detector")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(state));
      assertThat(store.state("analyst")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(42));
      assertThat(store.query("SELECT count(*) AS n FROM learned_state", List.of()).get(0).get("n")).isEqualTo(2L);
    }
    // A state deleted and inserted again stays in the file: twelve saves would leave 24 MB.
    assertThat(Files.size(dir.resolve(DuckDbEventStore.DATABASE_FILE))).isLessThan(10_000_000L);
  }

  @Test
  void commit_thatFails_leavesTheEarlierStateAndCheckpoint() {
    try (DuckDbEventStore store = DuckDbEventStore.open(dir)) {
      store.commit(Commit.of(List.of(conn("C1")), List.of(new IngestCheckpoint("a.log", "1:2", 0, 100, 3)),
          Map.of("detector", new byte[] {1})));
      List<Event> withNullFlow = List.of(conn("C2"), new ConnEvent(0, "C3", null, null, null, 0, 0, 0, null, null,
          null, 0, null, 0, 0, 0, 0, null, null, null, null));
      // A checkpoint without a source cannot even be made, so the failing part is the bad event batch, if any.
      try {
        store.commit(Commit.of(withNullFlow, List.of(new IngestCheckpoint("a.log", "1:2", 0, 300, 5)),
            Map.of("detector", new byte[] {9})));
      } catch (StoreException rejected) {
        assertThat(store.state("detector")).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
        assertThat(store.checkpoint("a.log").orElseThrow().byteOffset()).isEqualTo(100);
        return;
      }
      // The store accepted the sparse record: then all three moved together.
      assertThat(store.state("detector")).hasValueSatisfying(b -> assertThat(b).containsExactly(9));
      assertThat(store.checkpoint("a.log").orElseThrow().byteOffset()).isEqualTo(300);
    }
    assertThatThrownBy(() -> new IngestCheckpoint(" ", "k", 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
