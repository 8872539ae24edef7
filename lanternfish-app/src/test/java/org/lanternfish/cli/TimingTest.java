package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TimingTest {
  @Test
  void medianRatio_pairsTheRunsOfEachRound_soASlowSpellDuringOneRunMovesOnlyItsRoundsRatio() {
    // The first side takes 1/1.1 of the second's time, except in round 2, where the machine slowed down while the
    // second ran. The sides' medians (1.1 and 2.2) come from different rounds and give 0.5.
    List<Timing> ours = List.of(new Timing(1.0, 2.0), new Timing(1.1, 2.2), new Timing(2.0, 4.0));
    List<Timing> theirs = List.of(new Timing(1.1, 2.2), new Timing(2.4, 4.8), new Timing(2.2, 4.4));

    assertThat(Timing.medianRatio(ours, theirs, Timing::seconds)).isCloseTo(1 / 1.1, within(1e-9));
    assertThat(Timing.medianRatio(ours, theirs, Timing::cpuSeconds)).isCloseTo(1 / 1.1, within(1e-9));
  }

  @Test
  void medianRatio_ofAnEvenNumberOfRounds_isTheMeanOfTheMiddleTwo() {
    List<Timing> ours = List.of(new Timing(1, 1), new Timing(2, 2), new Timing(3, 3), new Timing(8, 8));
    List<Timing> theirs = List.of(new Timing(1, 1), new Timing(1, 1), new Timing(1, 1), new Timing(1, 1));

    assertThat(Timing.medianRatio(ours, theirs, Timing::seconds)).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void medianRatio_ofUnpairedRuns_isRefused() {
    assertThatThrownBy(() -> Timing.medianRatio(List.of(new Timing(1, 1)), List.of(), Timing::seconds))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds differ");
  }
}
