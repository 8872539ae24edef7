package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.store.SampleEvents.DAY_ONE;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;

final class BreachFilterTest {
  @TempDir Path directory;

  @Test
  void breaches_cursorPages_giveEveryMatchOnceNewestCommitFirst() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      List<Breach> breaches = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        breaches.add(breach("b" + i, i % 2 == 0 ? "WS-1" : "WS-2", 50 + i * 5, "Model / " + (i % 3), i));
      }
      store.commit(new Commit(List.of(), List.of(), Map.of(), breaches, List.of(), List.of()));
      List<String> seen = new ArrayList<>();
      long cursor = Long.MAX_VALUE;
      while (true) {
        List<OutboxEntry.BreachStored> page = store.breaches(
            new BreachFilter(55, null, "WS-1", null, null, cursor, 2));
        page.forEach(stored -> seen.add(stored.breach().id()));
        if (page.size() < 2) {
          break;
        }
        cursor = page.get(page.size() - 1).seq();
      }
      assertThat(seen).containsExactly("b6", "b4", "b2");
    }
  }

  @Test
  void breaches_modelPeerAndTime_narrowTheList() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(breach("a", "WS-1", 60, "Model / A", 0),
          breach("b", "WS-2", 60, "Model / B", 1), breach("c", "WS-3", 60, "Model / A", 2)), List.of(), List.of()));
      Instant start = Instant.EPOCH.plus(DAY_ONE, ChronoUnit.MICROS);
      assertThat(ids(store.breaches(new BreachFilter(0, "Model / A", null, null, null, Long.MAX_VALUE, 10))))
          .containsExactly("c", "a");
      // A device that was only the peer still finds the breach.
      assertThat(ids(store.breaches(new BreachFilter(0, null, "DC-1", null, null, Long.MAX_VALUE, 10))))
          .containsExactly("c", "b", "a");
      assertThat(ids(store.breaches(new BreachFilter(0, null, null, start.plusSeconds(60),
          start.plusSeconds(120), Long.MAX_VALUE, 10)))).containsExactly("b");
      assertThat(store.breach("b")).hasValueSatisfying(stored -> assertThat(stored.seq()).isEqualTo(2));
      assertThat(store.breach("missing")).isEmpty();
    }
  }

  private static List<String> ids(List<OutboxEntry.BreachStored> page) {
    return page.stream().map(stored -> stored.breach().id()).toList();
  }

  private static Breach breach(String id, String device, int score, String model, int minute) {
    return new Breach(id, model.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), model, "Model",
        DAY_ONE + minute * 60_000_000L, device, new Peer(Peer.Kind.DEVICE, "DC-1"), score, List.of(), List.of(), "why",
        List.of(), List.of("C" + id), Map.of());
  }
}
