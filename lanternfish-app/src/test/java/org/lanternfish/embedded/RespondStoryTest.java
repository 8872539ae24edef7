package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.ActionState;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.Simulator;
import org.lanternfish.store.Commit;
import org.lanternfish.store.DuckDbEventStore;

/** The seed's first story on the simulator: a new user agent and a Defender alert on one device end in one block. */
final class RespondStoryTest {

  private static final long HOUR = 3_600_000_000L;

  @TempDir Path temp;

  @Test
  void s1_endsWithOneTwoHourBlockOfTheBreachingConnection() throws Exception {
    Path logs = temp.resolve("logs");
    Simulator.run(new SimulationConfig(3, 3, 20, List.of("S1@2"), logs, Format.TSV, SimulationConfig.DEFAULT_START),
        (done, total, records, note) -> { });
    List<Breach> breaches = Analysis.run(List.of(logs), DetectConfig.defaults().withLearningDays(1),
        AnalystConfig.defaults(), 1, TimeWindow.USUAL, (file, bytes) -> { }).detection().breaches().stream()
        .sorted(Comparator.comparingLong(Breach::ts).thenComparing(Breach::id)).toList();
    Breach agent = breaches.stream().filter(b -> b.modelId().equals("new-user-agent-to-internal-server"))
        .findFirst().orElseThrow();
    Breach alert = breaches.stream().filter(b -> b.modelId().equals("defender-alert")).findFirst().orElseThrow();

    // Stored in commit order as a live follower would, and answered by RESPOND following the store's outbox.
    long now = Math.max(agent.ts(), alert.ts()) + HOUR / 60;
    try (DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"))) {
      for (Breach b : breaches) {
        store.commit(new Commit(List.of(), List.of(), Map.of(), List.of(b), List.of(), List.of()));
      }
      ResponseService respond = new ResponseService(store, store, store, ResponseSettings.defaults(), List.of(),
          () -> now, line -> { });
      respond.catchUp();
      assertThat(respond.actions()).singleElement().satisfies(action -> {
        assertThat(action.state()).isEqualTo(ActionState.ACTIVE);
        assertThat(action.kind()).isEqualTo(ActionKind.BLOCK_CONNECTIONS);
        assertThat(action.expiry() - action.start()).isEqualTo(2 * HOUR);
        assertThat(action.target().device()).isEqualTo(agent.device());
        assertThat(action.target().address()).isEqualTo(agent.entities().get(Entities.DEVICE_IP));
        assertThat(action.target().peer()).isEqualTo(agent.entities().get(Entities.PEER_ADDRESS));
        assertThat(action.target().port()).isEqualTo(Integer.parseInt(agent.entities().get(Entities.SERVICE_PORT)));
        assertThat(action.reasons()).contains(agent.id(), alert.id());
      });
    }
  }
}
