package org.lanternfish.simulate.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;
import org.lanternfish.simulate.truth.Truth;

final class ScorecardTest {
  private static final long T0 = 1_800_000_000_000_000L;
  private static final long MINUTE = 60_000_000L;

  private static final Truth TRUTH = new Truth(1, "2027-01-15", 2, 100, "tsv", List.of(
      new ScenarioTruth("S2", "ShadowPad", 1, T0, T0 + 60 * MINUTE, List.of(
          new StepTruth("vpn-login", "T1133", "default", T0, T0 + 10 * MINUTE, List.of("DESKTOP-X"), List.of("10.250.0.9"),
              List.of("Ca1", "Ca2")),
          new StepTruth("dcsync", "T1003.006", "default", T0 + 30 * MINUTE, T0 + 60 * MINUTE, List.of("DC02"),
              List.of("10.1.1.11"), List.of("Cb1")))),
      new ScenarioTruth("beaconing", "Beaconing", 1, T0, T0 + 120 * MINUTE, List.of(
          new StepTruth("beaconing", "T1071.001", "default", T0, T0 + 120 * MINUTE, List.of("WS-1"), List.of("10.1.16.5"),
              List.of("Cc1"))))));

  @Test
  void score_detectsStepsOnlyInsideTheirWindow() {
    List<Breach> breaches = List.of(
        breach("b1", T0 + MINUTE / 2, 70, "Ca2", "Cx"),
        breach("b2", T0 + 90 * MINUTE, 60, "Cb1"),
        breach("b3", T0 + 5 * MINUTE, 90, "Cc1"),
        breach("b4", T0, 85, "Cnoise"),
        breach("b5", T0, 30));
    Scorecard card = Scorecard.score(TRUTH, breaches, Map.of("b1", "I1", "b2", "I1", "b4", "I1", "b3", "I2"), 200);

    ScenarioScore shadowPad = card.scenarios().getFirst();
    assertThat(shadowPad.detected()).isTrue();
    assertThat(shadowPad.stepsDetected()).isEqualTo(1);
    assertThat(shadowPad.timeToDetectSeconds()).isEqualTo(30.0);
    assertThat(shadowPad.breaches()).isEqualTo(2);
    assertThat(shadowPad.incidents()).isEqualTo(1);
    assertThat(shadowPad.steps()).extracting(StepScore::detected).containsExactly(true, false);
    assertThat(shadowPad.steps().get(1).breaches()).isEqualTo(1);
    assertThat(card.scenarios().get(1).timeToDetectSeconds()).isEqualTo(300.0);

    assertThat(card.breachesPerDay()).as("five breaches over the run's two days").isEqualTo(2.5);
    assertThat(card.render()).contains("Breaches: 5 over 200 device-days (2.5 per day)");
    assertThat(card.falseBreaches().total()).isEqualTo(2);
    assertThat(card.falseBreaches().per100DeviceDays()).isEqualTo(1.0);
    assertThat(card.falseBreaches().bands()).extracting(FalseBreaches.Band::count).containsExactly(1L, 0L, 0L, 1L);
  }

  @Test
  void score_measuresThreadingByPairs() {
    List<Breach> breaches = List.of(
        breach("b1", T0 + MINUTE, 70, "Ca1"),
        breach("b2", T0 + 40 * MINUTE, 60, "Cb1"),
        breach("b3", T0 + 5 * MINUTE, 90, "Cc1"),
        breach("b4", T0, 85, "Cnoise"));
    // b1 and b2 (same scenario) threaded together with a false breach; b3 alone.
    Scorecard card = Scorecard.score(TRUTH, breaches, Map.of("b1", "I1", "b2", "I1", "b4", "I1", "b3", "I2"), 200);

    assertThat(card.threading().predictedPairs()).isEqualTo(3);
    assertThat(card.threading().truePairs()).isEqualTo(1);
    assertThat(card.threading().correctPairs()).isEqualTo(1);
    assertThat(card.threading().precision()).isEqualTo(1.0 / 3);
    assertThat(card.threading().recall()).isEqualTo(1.0);

    Scorecard split = Scorecard.score(TRUTH, breaches, Map.of("b1", "I1", "b2", "I3"), 200);
    assertThat(split.scenarios().getFirst().incidents()).isEqualTo(2);
    assertThat(split.threading().recall()).isEqualTo(0.0);
    assertThat(split.threading().precision()).isNull();
  }

  @Test
  void score_withoutBreaches_reportsZerosHonestly() throws Exception {
    Scorecard card = Scorecard.score(TRUTH, List.of(), Map.of(), TRUTH.deviceDays());

    assertThat(card.scenarios()).allMatch(s -> !s.detected() && s.breaches() == 0 && s.incidents() == 0);
    assertThat(card.falseBreaches().total()).isZero();
    assertThat(card.threading().precision()).isNull();
    assertThat(card.render()).contains("ShadowPad", "missed", "0/2", "False breaches: 0 (0.00 per 100 device-days)",
        "precision n/a");
    var json = new ObjectMapper().readTree(card.toJson());
    assertThat(json.get("deviceDays").asLong()).isEqualTo(200);
    assertThat(json.get("scenarios").get(0).get("steps").get(1).get("name").asText()).isEqualTo("dcsync");
    assertThat(json.get("threading").get("precision").isNull()).isTrue();
  }

  @Test
  void score_aBreachTimedByTheNextPartOfItsAct_detectsTheStepItCites() {
    // One remote execution is one breach, timed by the execution that came minutes after the payload's write.
    Scorecard folded = Scorecard.score(TRUTH, List.of(breach("b1", T0 + 13 * MINUTE, 80, "Ca1")), Map.of(), 200);
    Scorecard late = Scorecard.score(TRUTH, List.of(breach("b1", T0 + 16 * MINUTE, 80, "Ca1")), Map.of(), 200);

    assertThat(folded.scenarios().getFirst().steps().getFirst().detected()).isTrue();
    assertThat(late.scenarios().getFirst().steps().getFirst().detected()).isFalse();
  }

  /** The one way these tests make a breach: only id, time, score and cited records matter to the scorecard. */
  private static Breach breach(String id, long ts, int score, String... uids) {
    return new Breach(id, "model", "Test / Model", "Test", ts, "device", null, score, List.of(), List.of(), "test",
        List.of(), List.of(uids), Map.of());
  }
}
