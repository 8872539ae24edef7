package org.lanternfish.simulate.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;
import org.lanternfish.simulate.truth.Truth;

/** The sum of variant runs: recall per technique and variant, false breaches by score and model, stories. */
final class RobustnessTest {
  private static final long T0 = 1_800_000_000_000_000L;
  private static final long MINUTE = 60_000_000L;

  @Test
  void of_sumsRecallPerTechniqueAndVariant_falseBreachesAndStories() {
    Robustness.Run first = run("svcctl", "vpn-pool-configured", List.of(
        breach("a1", T0 + MINUTE, 70, "DC-scan", "Cs1"),
        breach("a2", T0 + 2 * MINUTE, 65, "DC-scan", "Cs1"),
        breach("a3", T0, 80, "Noisy / Sync", "Cx1"),
        breach("a4", T0, 30, "Noisy / Sync", "Cx2")), Map.of("a1", "I1", "a2", "I1"));
    Robustness.Run second = run("task", "vpn-pool-unconfigured", List.of(
        breach("b1", T0, 90, "Noisy / Sync", "Cx3")), Map.of());

    Robustness sum = Robustness.of(List.of(first, second));

    assertThat(sum.runs()).isEqualTo(2);
    assertThat(sum.deviceDays()).isEqualTo(2 * 50 * 10);
    Robustness.TechniqueRecall exec = sum.techniques().getFirst();
    assertThat(exec.technique()).isEqualTo("T1569.002");
    assertThat(exec.detected()).isEqualTo(1);
    assertThat(exec.total()).isEqualTo(2);
    assertThat(exec.recall()).isEqualTo(0.5);
    assertThat(exec.variants()).extracting(v -> v.variant() + " " + v.detected() + "/" + v.total())
        .containsExactly("svcctl 1/1", "task 0/1", "vpn-pool-configured 1/1", "vpn-pool-unconfigured 0/1");
    assertThat(sum.falseBreaches().count()).isEqualTo(3);
    assertThat(sum.falseBreachesAtLeast60().count()).isEqualTo(2);
    assertThat(sum.falseBreachesAtLeast60().per100DeviceDays()).isEqualTo(0.2);
    assertThat(sum.falseByModel()).containsExactly(new Robustness.ModelNoise("Noisy / Sync", 3, 2));
    assertThat(sum.breachesPerDay()).isEqualTo(5 / 20.0);
    Robustness.Story story = sum.stories().getFirst();
    assertThat(story.breachesMean()).isEqualTo(1.0);
    assertThat(story.breachesMax()).isEqualTo(2);
    assertThat(story.mainIncidentShareMean()).isEqualTo(1.0);
  }

  private static Robustness.Run run(String exec, String site, List<Breach> breaches, Map<String, String> incidents) {
    Truth truth = new Truth(1, "2027-01-15", 10, 50, "tsv", List.of(new ScenarioTruth("S3", "Data theft", 8, T0,
        T0 + 10 * MINUTE, List.of(new StepTruth("service-exec-after-upload", "T1569.002", exec, T0, T0 + 10 * MINUTE,
            List.of("WS-1", "WS-2"), List.of("10.1.16.5", "10.1.16.6"), List.of("Cs1"))))));
    return new Robustness.Run(truth, Scorecard.score(truth, breaches, incidents, truth.deviceDays()),
        Robustness.falseByModel(truth, breaches), site);
  }

  private static Breach breach(String id, long ts, int score, String model, String... uids) {
    return new Breach(id, model.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), model, "Test", ts, "device",
        null, score, List.of(), List.of(), "test", List.of(), List.of(uids), Map.of());
  }
}
