package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.ActionKind;
import org.lanternfish.respond.ActionLedger;
import org.lanternfish.respond.Escalation;
import org.lanternfish.respond.NeverBlock;
import org.lanternfish.respond.Responder;
import org.lanternfish.respond.ResponsePolicy;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.Simulator;

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

    Responder responder = new Responder(ResponsePolicy.defaults());
    ActionLedger ledger = new ActionLedger(new NeverBlock(List.of()), Escalation.catchAndRelease());
    for (Breach b : breaches) {
      responder.onBreach(b).forEach(p -> ledger.propose(p, b.ts()));
    }

    long after = Math.max(agent.ts(), alert.ts());
    assertThat(ledger.enforced(after)).singleElement().satisfies(action -> {
      assertThat(action.kind()).isEqualTo(ActionKind.BLOCK_CONNECTIONS);
      assertThat(action.expiry() - action.start()).isEqualTo(2 * HOUR);
      assertThat(action.target().device()).isEqualTo(agent.device());
      assertThat(action.target().address()).isEqualTo(agent.entities().get(Entities.DEVICE_IP));
      assertThat(action.target().peer()).isEqualTo(agent.entities().get(Entities.PEER_ADDRESS));
      assertThat(action.target().port()).isEqualTo(Integer.parseInt(agent.entities().get(Entities.SERVICE_PORT)));
      assertThat(action.reasons()).contains(agent.id(), alert.id());
    });
    assertThat(ledger.all()).extracting(Action::id).hasSize(1);
  }
}
