package org.lanternfish.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.scenario.Scenarios;
import org.lanternfish.simulate.truth.ScenarioTruth;

final class SimulatorTest {
  private static final LocalDate START = LocalDate.of(2026, 2, 2);

  @Test
  void run_reportsProgressUpToTheLastMinute(@TempDir Path dir) throws Exception {
    List<long[]> calls = new ArrayList<>();
    SimulationResult result = Simulator.run(
        new SimulationConfig(3, 1, 14, List.of(), dir, Format.TSV, START),
        (done, total, records, note) -> calls.add(new long[] {done, total, records}));

    assertThat(calls).isNotEmpty();
    assertThat(calls.getLast()[0]).isEqualTo(1440);
    assertThat(calls.getLast()[1]).isEqualTo(1440);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
      assertThat(calls.get(i)[2]).isGreaterThanOrEqualTo(calls.get(i - 1)[2]);
    }
    assertThat(result.records()).isGreaterThanOrEqualTo(calls.getLast()[2]);
    assertThat(result.truth().scenarios()).isEmpty();
  }

  @Test
  void run_injectsAScenarioOnTheDayItNames(@TempDir Path dir) throws Exception {
    SimulationResult result = Simulator.run(
        new SimulationConfig(3, 3, 14, List.of("port-scan@0", "dga@2"), dir, Format.TSV, START),
        ProgressListener.NONE);

    assertThat(result.truth().scenarios()).extracting(ScenarioTruth::id, ScenarioTruth::day)
        .containsExactly(Tuple.tuple("port-scan", 0),
            Tuple.tuple("dga", 2));
    long dayTwo = START.plusDays(2).toEpochDay() * 86_400_000_000L;
    assertThat(result.truth().scenarios().get(1).start()).isGreaterThanOrEqualTo(dayTwo);
  }

  @Test
  void run_placesScenariosWithoutADayAfterDetectionsLearningWeek(@TempDir Path dir) throws Exception {
    SimulationResult result = Simulator.run(
        new SimulationConfig(21, 10, Organisation.MIN_DEVICES, List.of("all"), dir, Format.TSV, START),
        ProgressListener.NONE);

    assertThat(result.truth().scenarios()).extracting(ScenarioTruth::day)
        .allSatisfy(day -> assertThat(day).isBetween(Simulator.DETECTION_LEARNING_DAYS, 9));
  }

  @Test
  void run_fitsEveryScenarioIntoTheSmallestOrganisation(@TempDir Path dir) throws Exception {
    SimulationResult result = Simulator.run(
        new SimulationConfig(12, 3, Organisation.MIN_DEVICES, List.of("all"), dir, Format.JSON, START),
        ProgressListener.NONE);

    assertThat(result.truth().scenarios()).hasSize(Scenarios.IDS.size());
    assertThat(result.alerts()).isEqualTo(1);
  }

  /** Regression: a random long whose hex form had leading zeros was too short for the tunnel label cut from it. */
  @Test
  void shadowPadTunnel_labelsFromShortHexNumbers(@TempDir Path dir) throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      SimulationResult result = Simulator.run(new SimulationConfig(seed, 1, Organisation.MIN_DEVICES,
          List.of("S2@0"), dir.resolve("seed" + seed), Format.TSV, LocalDate.of(2026, 3, 2)), ProgressListener.NONE);
      assertThat(result.truth().scenarios()).hasSize(1);
    }
  }

  @Test
  void run_refusesUnknownScenariosAndDaysOutsideTheRun(@TempDir Path dir) {
    assertThatThrownBy(() -> Simulator.run(
        new SimulationConfig(3, 1, 14, List.of("S9"), dir, Format.TSV, START), ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown scenario 'S9'");
    assertThatThrownBy(() -> Simulator.run(
        new SimulationConfig(3, 2, 14, List.of("S1@5"), dir, Format.TSV, START), ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("day must be 0..1");
    assertThatThrownBy(() -> new SimulationConfig(3, 0, 14, List.of(), dir, Format.TSV, START))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
  }
}
