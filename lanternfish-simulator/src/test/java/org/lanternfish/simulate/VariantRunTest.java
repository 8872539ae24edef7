package org.lanternfish.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.simulate.truth.Truth;

/** A run without variants writes the logs it wrote before variants existed; a variant run is decided by its seed. */
final class VariantRunTest {
  // The logs of this run (every file but truth.json) as the simulator wrote them before tradecraft variants.
  private static final String LOGS_BEFORE_VARIANTS = "204f85dbe6e62c78f43fbeb5002f1f9f3e9b60cd4556b6cfa407f09d0363a0b0";

  @Test
  void run_withoutVariants_writesTheLogsOfBefore(@TempDir Path dir) throws Exception {
    Simulator.run(config(7, dir, false), ProgressListener.NONE);
    assertThat(logsHash(dir)).isEqualTo(LOGS_BEFORE_VARIANTS);
    assertThat(Truth.read(dir.resolve("truth.json")).scenarios())
        .flatExtracting(s -> s.steps()).extracting(s -> s.variant()).doesNotContain("winrm", "few-sites");
  }

  @Test
  void run_withVariants_sameSeedSameBytesOtherThanDefault(@TempDir Path a, @TempDir Path b, @TempDir Path c)
      throws Exception {
    Simulator.run(config(7, a, true), ProgressListener.NONE);
    Simulator.run(config(7, b, true), ProgressListener.NONE);
    assertThat(logsHash(a)).isEqualTo(logsHash(b)).isNotEqualTo(LOGS_BEFORE_VARIANTS);
    assertThat(Files.readString(a.resolve("truth.json"))).isEqualTo(Files.readString(b.resolve("truth.json")));
  }

  private static SimulationConfig config(long seed, Path dir, boolean variants) {
    return new SimulationConfig(seed, 2, 16, List.of("S1", "S2", "S3"), dir, Format.TSV, LocalDate.of(2026, 3, 2),
        variants);
  }

  private static String logsHash(Path dir) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (var walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).filter(f -> !f.endsWith("truth.json")).sorted().toList()) {
        sha.update(dir.relativize(file).toString().getBytes());
        sha.update(Files.readAllBytes(file));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
