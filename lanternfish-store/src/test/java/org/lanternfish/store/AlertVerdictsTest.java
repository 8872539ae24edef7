package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.store.AlertVerdicts.AlertVerdict;

final class AlertVerdictsTest {

  @TempDir Path directory;

  @Test
  void alertVerdicts_keepTheNewestVerdictOfEachAlert_acrossAReopen() {
    AlertVerdict truePositive = new AlertVerdict("da1", "truePositive", "malware", 10);
    AlertVerdict benign = new AlertVerdict("da2", "falsePositive", null, 20);
    AlertVerdict reclassified = new AlertVerdict("da1", "falsePositive", "notMalicious", 30);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.alertVerdicts(List.of("da1"))).isEmpty();
      store.recordAlertVerdicts(List.of(truePositive, benign));
      store.recordAlertVerdicts(List.of(reclassified));
      store.recordAlertVerdicts(List.of(new AlertVerdict("da2", "truePositive", null, 19)));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.alertVerdicts(List.of("da1", "da2", "da3"))).containsOnlyKeys("da1", "da2")
          .containsEntry("da1", reclassified)
          .as("an older reading does not undo a newer verdict").containsEntry("da2", benign);
      assertThat(reclassified.falsePositive()).isTrue();
      assertThat(truePositive.falsePositive()).isFalse();
      assertThat(store.alertVerdicts(List.of())).isEmpty();
    }
  }

  @Test
  void incidentVerdicts_areKeptByLanternfishIncident_apartFromAlertVerdicts() {
    AlertVerdict falsePositive = new AlertVerdict("INC-1", "FalsePositive", "IncorrectAlertLogic", 10);
    AlertVerdict benign = new AlertVerdict("INC-1", "BenignPositive", "SuspiciousButExpected", 5);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.recordIncidentVerdicts(List.of(falsePositive));
      store.recordIncidentVerdicts(List.of(benign));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.incidentVerdicts(List.of("INC-1", "INC-2"))).containsOnlyKeys("INC-1")
          .as("an older reading does not undo a newer verdict").containsEntry("INC-1", falsePositive);
      assertThat(falsePositive.falsePositive()).as("Sentinel's spelling").isTrue();
      assertThat(store.alertVerdicts(List.of("INC-1"))).isEmpty();
    }
  }
}
