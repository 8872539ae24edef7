package org.lanternfish.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanternfish.analyst.BreachFactory.DAY;
import static org.lanternfish.analyst.BreachFactory.HOUR;
import static org.lanternfish.analyst.BreachFactory.MONDAY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lanternfish.breach.Breach;

final class AnalystSnapshotTest {

  private static final TradecraftProfiles PROFILES = TradecraftProfiles.bundled();
  private static final AnalystConfig CONFIG = AnalystConfig.defaults();

  /** Two weeks of a benign network with both intrusion stories in it, in the order Analyst.thread takes them. */
  private static List<Breach> fortnight() {
    List<Breach> all = new ArrayList<>(Scenarios.benign(3, 1300, 14, MONDAY));
    all.addAll(Scenarios.dataTheft(MONDAY + 9 * DAY + 9 * HOUR));
    all.addAll(Scenarios.shadowPad(MONDAY + 11 * DAY + 2 * HOUR));
    return all.stream().sorted(Comparator.comparingLong(Breach::ts).thenComparing(Breach::id)).toList();
  }

  private static Analyst reborn(Analyst analyst) {
    return Analyst.restore(analyst.snapshot(), CONFIG, PROFILES);
  }

  @Test
  void onBreach_restoredAtRandomPoints_givesTheIncidentsOfThreadingAllAtOnce() {
    List<Breach> breaches = fortnight();
    assertThat(breaches).hasSizeGreaterThan(2 * 1024);
    Random random = new Random(14);
    Analyst uninterrupted = new Analyst(CONFIG, PROFILES);
    Analyst restarted = new Analyst(CONFIG, PROFILES);
    int restores = 0;
    for (Breach breach : breaches) {
      if (random.nextInt(150) == 0) {
        restarted = reborn(restarted);
        restores++;
      }
      assertThat(restarted.onBreach(breach)).as(breach.id()).isEqualTo(uninterrupted.onBreach(breach));
    }
    restarted = reborn(restarted);

    List<Incident> batch = Analyst.thread(breaches, CONFIG, PROFILES);
    assertThat(restores).isGreaterThan(10);
    assertThat(batch).hasSizeGreaterThanOrEqualTo(2);
    assertThat(restarted.incidents()).isEqualTo(batch);
    assertThat(restarted.incidents()).extracting(Incident::id, Incident::title, Incident::priority)
        .isEqualTo(batch.stream().map(i -> org.assertj.core.groups.Tuple.tuple(i.id(), i.title(), i.priority()))
            .toList());
  }

  @Test
  void restore_replayedBreachAfterRestore_isStillRecognised() {
    List<Breach> breaches = fortnight().subList(0, 300);
    Analyst analyst = new Analyst(CONFIG, PROFILES);
    breaches.forEach(analyst::onBreach);
    Analyst restored = reborn(analyst);

    breaches.subList(250, 300).forEach(b -> assertThat(restored.onBreach(b)).isEmpty());
    assertThat(restored.incidents()).isEqualTo(analyst.incidents());
  }

  @Test
  void restore_keepsMemoryBounded_evictingPastTheHorizonAsBefore() {
    List<Breach> quiet = Scenarios.benign(5, 1300, 40, MONDAY);
    Analyst uninterrupted = new Analyst(CONFIG, PROFILES);
    Analyst restarted = new Analyst(CONFIG, PROFILES);
    int atTwentyDays = 0;
    for (Breach breach : quiet) {
      if (atTwentyDays == 0 && breach.ts() >= MONDAY + 20 * DAY) {
        atTwentyDays = restarted.snapshot().length;
        restarted = reborn(restarted);
      }
      uninterrupted.onBreach(breach);
      restarted.onBreach(breach);
    }
    int atFortyDays = restarted.snapshot().length;

    // Twice the days and breaches, but only those within the threading horizon (and the last eviction's batch)
    // are still held, so the state does not grow with history.
    assertThat(quiet).hasSizeGreaterThan(5000);
    assertThat(atFortyDays).isEqualTo(uninterrupted.snapshot().length);
    assertThat(atFortyDays).as("bytes after 40 days, %d after 20", atTwentyDays).isLessThan(atTwentyDays * 3 / 2);
  }

  @Test
  void restore_otherVersion_failsWithTheVersions() {
    byte[] snapshot = new Analyst(CONFIG, PROFILES).snapshot();
    snapshot[7] = 99;

    assertThatThrownBy(() -> Analyst.restore(snapshot, CONFIG, PROFILES))
        .isInstanceOfSatisfying(AnalystSnapshotVersionException.class, e -> {
          assertThat(e.found()).isEqualTo(99);
          assertThat(e.supported()).isEqualTo(AnalystSnapshot.VERSION);
        })
        .hasMessageContaining("version 99");
  }

  @Test
  void restore_damagedOrForeignBytes_failClearly() {
    Analyst analyst = new Analyst(CONFIG, PROFILES);
    fortnight().subList(0, 200).forEach(analyst::onBreach);
    byte[] snapshot = analyst.snapshot();
    byte[] flipped = snapshot.clone();
    flipped[flipped.length / 2] ^= 0x20;
    byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 100);

    assertThatThrownBy(() -> Analyst.restore(flipped, CONFIG, PROFILES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    assertThatThrownBy(() -> Analyst.restore(truncated, CONFIG, PROFILES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    assertThatThrownBy(() -> Analyst.restore("LFN1 learned state".getBytes(), CONFIG, PROFILES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an analyst snapshot");
    assertThatThrownBy(() -> Analyst.restore(new byte[3], CONFIG, PROFILES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an analyst snapshot");
  }
}
