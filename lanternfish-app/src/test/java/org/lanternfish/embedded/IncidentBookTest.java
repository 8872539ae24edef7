package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.store.DuckDbEventStore;

final class IncidentBookTest {

  @TempDir Path data;

  @Test
  void commit_threadsWithTheConfiguredThresholds() {
    Breach dcsync = new Breach("b1", "suspicious-dcsync", "Anomalous Connection / Suspicious DCSync",
        "Anomalous Connection", 1_700_000_000_000_000L, "WS-7", new Peer(Peer.Kind.DEVICE, "DC-02"), 85,
        List.of("T1003.006"), List.of(Tactic.CREDENTIAL_ACCESS), "WS-7 asked DC-02 for replication", List.of(),
        List.of("C1"), Map.of());
    AnalystConfig d = AnalystConfig.defaults();
    AnalystConfig lowSolo = new AnalystConfig(d.linkThreshold(), d.hubDevices(), d.strongScore(), d.minBreaches(),
        d.minModels(), d.minSignal(), 80, d.minTopScore(), d.deviceWindowMicros(), d.chainWindowMicros(),
        d.markWindowMicros(), d.investigationBeforeMicros(), d.investigationAfterMicros(),
        d.investigationMinSignal());
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      assertThat(new IncidentBook(store, store, d).commit(List.of(), List.of(), Map.of(), List.of(dcsync))
          .incidents()).as("one breach below the default solo score").isEmpty();
      store.commit(new IncidentBook(store, store, lowSolo).commit(List.of(), List.of(), Map.of(), List.of(dcsync)));
      assertThat(store.incidents(0)).singleElement().satisfies(i -> assertThat(i.breaches()).isEqualTo(1));
    }
  }
}
