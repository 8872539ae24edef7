package org.lanternfish.simulate.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TruthTest {

  @Test
  void read_returnsWhatWasWritten(@TempDir Path dir) throws Exception {
    Truth truth = new Truth(9, "2026-11-02", 3, 50, "json", List.of(new ScenarioTruth("S3", "Data theft", 2, 10, 20,
        List.of(new StepTruth("collection-over-smb", "T1039", "default", 10, 20, List.of("WS-1", "FS01"),
            List.of("10.1.16.3", "10.1.1.12"), List.of("Cabc", "Fdef"))))));
    Path file = dir.resolve("truth.json");
    truth.write(file);

    assertThat(Truth.read(file)).isEqualTo(truth);
    assertThat(Truth.read(file).deviceDays()).isEqualTo(150);
  }
}
