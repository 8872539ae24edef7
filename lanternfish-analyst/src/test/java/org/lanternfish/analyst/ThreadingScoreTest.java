package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.analyst.BreachFactory.DAY;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MINUTE;
import static org.lanternfish.analyst.BreachFactory.MONDAY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;

final class ThreadingScoreTest {

  @Test
  void of_perfectThreading_isOneAndOne() {
    List<Breach> s2 = Scenarios.shadowPad(MONDAY + 2 * DAY + 70 * MINUTE);
    List<Breach> s3 = Scenarios.dataTheft(MONDAY + DAY + 9 * HOUR);
    List<Breach> all = new ArrayList<>(Scenarios.benign(7, 200, 7, MONDAY));
    all.addAll(s2);
    all.addAll(s3);
    Map<String, String> truth = new HashMap<>();
    s2.forEach(b -> truth.put(b.id(), "S2"));
    s3.forEach(b -> truth.put(b.id(), "S3"));
    List<Incident> incidents = Analyst.thread(all, AnalystConfig.defaults(), TradecraftProfiles.none());

    ThreadingScore score = ThreadingScore.of(incidents, truth);

    assertThat(score.truePairs()).isEqualTo(14 * 13 / 2 + 41 * 40 / 2);
    assertThat(score.recall()).isEqualTo(1.0);
    assertThat(score.precision()).isGreaterThan(0.95);
  }

  @Test
  void of_mergedAttacks_losePrecision_splitAttacksLoseRecall() {
    List<Breach> s2 = Scenarios.shadowPad(MONDAY + 2 * DAY);
    Map<String, String> truth = new HashMap<>();
    s2.forEach(b -> truth.put(b.id(), b.id().compareTo("s2-07") < 0 ? "first" : "second"));
    List<Incident> one = Analyst.thread(s2, AnalystConfig.defaults(), TradecraftProfiles.none());

    ThreadingScore score = ThreadingScore.of(one, truth);

    assertThat(score.recall()).isEqualTo(1.0);
    assertThat(score.precision()).isEqualTo((6 * 5 / 2 + 8 * 7 / 2) / (14.0 * 13 / 2));
    assertThat(ThreadingScore.of(List.of(), truth).recall()).isZero();
  }
}
