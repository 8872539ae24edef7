package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanternfish.store.SampleEvents.DAY_ONE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

final class OutboxTest {
  @TempDir Path directory;

  @Test
  void read_consumerAcrossReopen_getsEveryEntryOnceInCommitOrder() {
    List<Long> seen = new ArrayList<>();
    List<String> what = new ArrayList<>();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(List.of(breach("b1"), breach("b2")), List.of(incident("i1", "v1")), List.of()));
      // Replayed breach and unchanged incident: nothing new for consumers.
      store.commit(commit(List.of(breach("b2"), breach("b3")), List.of(incident("i1", "v1")), List.of()));
      consume(store, 2, seen, what);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(List.of(breach("b4")), List.of(incident("i1", "v2"), incident("i2", "v1")),
          List.of()));
      consume(store, 2, seen, what);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(List.of(), List.of(), List.of("i2", "never-stored")));
      consume(store, 100, seen, what);
      assertThat(store.position("ui")).isEqualTo(8);
      assertThat(store.read(8, 10)).isEmpty();
    }
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(what).containsExactly("breach b1", "breach b2", "incident i1 v1", "breach b3", "breach b4",
        "incident i1 v2", "incident i2 v1", "retired i2");
  }

  @Test
  void advanceWithState_savesThePositionAndTheConsumersState() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(List.of(breach("b1"), breach("b2")), List.of(), List.of()));
      store.advance("respond", 1, Map.of("respond", new byte[] {1}));
      store.advance("respond", 2, Map.of("respond", new byte[] {2}));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.position("respond")).isEqualTo(2);
      assertThat(store.state("respond")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(2));
    }
  }

  @Test
  void commit_failing_givesOutNoNumbers() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(commit(List.of(breach("b1")), List.of(), List.of()));
      List<org.lanternfish.event.Event> poisoned = new ArrayList<>();
      poisoned.add(null);
      assertThatThrownBy(() -> store.commit(new Commit(poisoned, List.of(), Map.of(), List.of(breach("b2")),
          List.of(), List.of()))).isInstanceOf(StoreException.class);
      assertThat(store.commit(commit(List.of(breach("b3")), List.of(), List.of())).firstSeq()).isEqualTo(2);
      assertThat(store.read(0, 10)).extracting(OutboxEntry::seq).containsExactly(1L, 2L);
    }
  }

  @Test
  void open_storeFromBeforeTheOutbox_numbersItsBreachesInTimeOrder() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory);
        java.sql.Statement sql = store.connection().createStatement()) {
      // The breaches table as it was before it had a sequence number.
      sql.execute("DROP TABLE breaches");
      sql.execute("CREATE TABLE breaches (id VARCHAR PRIMARY KEY, model VARCHAR, category VARCHAR, ts TIMESTAMP,"
          + " device VARCHAR, peer VARCHAR, score INTEGER, techniques VARCHAR[], explanation VARCHAR,"
          + " evidence_kinds VARCHAR[], evidence_texts VARCHAR[], evidence_values DOUBLE[], record_uids VARCHAR[],"
          + " entity_keys VARCHAR[], entity_values VARCHAR[])");
      sql.execute("INSERT INTO breaches (id, model, ts, score) VALUES ('late', 'm', make_timestamp(2000), 50),"
          + " ('early', 'm', make_timestamp(1000), 50)");
      store.connection().commit();
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.read(0, 10)).extracting(e -> ((OutboxEntry.BreachStored) e).breach().id())
          .containsExactly("early", "late");
      assertThat(store.commit(commit(List.of(breach("b1")), List.of(), List.of())).firstSeq()).isEqualTo(3);
    }
  }

  @Test
  void advance_neverMovesBack() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.advance("respond", 5);
      store.advance("respond", 3);
      assertThat(store.position("respond")).isEqualTo(5);
      assertThat(store.position("exporter")).isZero();
    }
  }

  /** Reads one page at a time and advances after each, as a consumer that may stop between pages would. */
  private static void consume(Outbox outbox, int page, List<Long> seen, List<String> what) {
    while (true) {
      List<OutboxEntry> entries = outbox.read(outbox.position("ui"), page);
      if (entries.isEmpty()) {
        return;
      }
      for (OutboxEntry entry : entries) {
        seen.add(entry.seq());
        what.add(switch (entry) {
          case OutboxEntry.BreachStored stored -> "breach " + stored.breach().id();
          case OutboxEntry.IncidentUpdated updated -> updated.incident()
              .map(i -> "incident " + i.id() + " " + i.json()).orElse("retired " + updated.incidentId());
        });
      }
      outbox.advance("ui", entries.get(entries.size() - 1).seq());
    }
  }

  private static Commit commit(List<Breach> breaches, List<StoredIncident> incidents, List<String> retired) {
    return new Commit(List.of(), List.of(), Map.of(), breaches, incidents, retired);
  }

  private static StoredIncident incident(String id, String version) {
    return new StoredIncident(id, "Data theft from " + id, 80, DAY_ONE, DAY_ONE + 1, 2, List.of("dev-1"), version);
  }

  private static Breach breach(String id) {
    return new Breach(id, "data-sent-to-rare-domain", "Anomalous Connection / Data Sent to Rare Domain",
        "Anomalous Connection", DAY_ONE, "dev-1", new Peer(Peer.Kind.ADDRESS, "203.0.113.9"), 70, List.of("T1048"),
        List.of(Tactic.EXFILTRATION), "sent 2 GB", List.of(new Evidence("volume", "2 GB", 2e9)), List.of("C1"),
        Map.of());
  }
}
