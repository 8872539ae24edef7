package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.Simulator;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoredIncident;

final class IncidentBookTest {

  @TempDir Path data;

  @Test
  void commit_threadsWithTheConfiguredThresholds() {
    Breach dcsync = new Breach("b1", "suspicious-dcsync", "Anomalous Connection / Suspicious DCSync",
        "Anomalous Connection", 1_700_000_000_000_000L, "WS-7", new Peer(Peer.Kind.DEVICE, "DC-02"), 85,
        List.of("T1003.006"), List.of(Tactic.CREDENTIAL_ACCESS), "WS-7 asked DC-02 for replication", List.of(),
        List.of("C1"), Map.of());
    AnalystConfig d = AnalystConfig.defaults();
    AnalystConfig highSolo = new AnalystConfig(d.linkThreshold(), d.hubDevices(), d.strongScore(), d.minBreaches(),
        d.minModels(), d.minSignal(), 95, d.minTopScore(), d.deviceWindowMicros(), d.chainWindowMicros(),
        d.markWindowMicros(), d.investigationBeforeMicros(), d.investigationAfterMicros(),
        d.investigationMinSignal());
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(new IncidentBook(store, store, store, highSolo).commit(List.of(), List.of(), Map.of(),
          List.of(dcsync)).incidents()).as("one breach below a configured solo score of 95").isEmpty();
      store.commit(new IncidentBook(store, store, store, d).commit(List.of(), List.of(), Map.of(), List.of(dcsync)));
      assertThat(store.incidents(0)).singleElement().satisfies(i -> assertThat(i.breaches()).isEqualTo(1));
    }
  }

  @Test
  void commit_breachesInManyCommitsAndOutOfOrder_storeTheIncidentsOfOneBatch() throws Exception {
    Path logs = data.resolve("logs");
    Simulator.run(new SimulationConfig(7, 3, 15, List.of("S2@1", "S3@2"), logs, Format.TSV,
        SimulationConfig.DEFAULT_START), (done, total, records, note) -> { });
    List<Breach> found = Analysis.run(List.of(logs), DetectConfig.defaults().withLearningDays(1),
        AnalystConfig.defaults(), 1, TimeWindow.USUAL, (file, bytes) -> { }).detection().breaches();
    assertThat(found).hasSizeGreaterThan(20);
    List<StoredIncident> expected = Analyst.thread(found, AnalystConfig.defaults(), TradecraftProfiles.bundled())
        .stream().map(IncidentBook::stored).toList();
    assertThat(expected).isNotEmpty();

    // Commits of a few breaches each, as a follower makes them, shuffled within a window; some arrive days late.
    Random random = new Random(5);
    List<Breach> arriving = new ArrayList<>(found);
    arriving.sort(Comparator.comparingLong(Breach::ts));
    for (int k = 0; k + 8 <= arriving.size(); k += 8) {
      Collections.shuffle(arriving.subList(k, k + 8), random);
    }
    Breach late = arriving.remove(0);
    arriving.add(late);
    assertThat(found.stream().mapToLong(Breach::ts).max().orElseThrow() - late.ts())
        .as("the late breach arrives more than a day behind").isGreaterThan(IncidentBook.SETTLE_BEHIND_MICROS);
    try (DuckDbEventStore store = DuckDbEventStore.open(data.resolve("store"))) {
      IncidentBook book = new IncidentBook(store, store, store, AnalystConfig.defaults());
      for (int k = 0; k < arriving.size(); ) {
        int n = 1 + random.nextInt(6);
        List<Breach> commit = arriving.subList(k, Math.min(arriving.size(), k + n));
        store.commit(book.commit(List.of(), List.of(), Map.of(), commit));
        k += n;
      }
      assertThat(book.rethreads()).as("the late breach made a commit thread everything again").isPositive();
      // The whole incident: story, timeline, graph and revision history, which depend on the order of threading.
      assertThat(store.incidents(Integer.MIN_VALUE)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
