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

/** The same seed writes the same bytes; another seed writes another network. */
final class DeterminismTest {

  @Test
  void sameSeed_writesByteIdenticalTrees(@TempDir Path a, @TempDir Path b, @TempDir Path c) throws Exception {
    assertThat(simulate(7, a, Format.TSV)).isEqualTo(simulate(7, b, Format.TSV));
    assertThat(simulate(8, c, Format.TSV)).isNotEqualTo(treeHash(a));
  }

  @Test
  void sameSeed_writesByteIdenticalJson(@TempDir Path a, @TempDir Path b) throws Exception {
    assertThat(simulate(11, a, Format.JSON)).isEqualTo(simulate(11, b, Format.JSON));
  }

  private static String simulate(long seed, Path dir, Format format) throws Exception {
    Simulator.run(new SimulationConfig(seed, 2, 16, List.of("S1", "S2"), dir, format, LocalDate.of(2026, 3, 2)),
        ProgressListener.NONE);
    return treeHash(dir);
  }

  private static String treeHash(Path dir) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (var walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(dir.relativize(file).toString().getBytes());
        sha.update(Files.readAllBytes(file));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
