package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --variants N} end to end on small organisations. */
final class VariantEvalTest {

  @TempDir Path temp;

  @Test
  void evalVariants_scoresEveryTechniqueAndStoryOfEachOrganisation() throws Exception {
    String out = run(0, "eval", "--variants", "2", "--devices", "40", "--days", "9", "--json", "--data-dir",
        temp.resolve("data").toString(), "--keep", temp.resolve("runs").toString());
    JsonNode card = new ObjectMapper().readTree(out);
    assertThat(card.path("runs").asInt()).isEqualTo(2);
    assertThat(card.path("deviceDays").asLong()).isEqualTo(2 * 40 * 9);
    List<String> techniques = new ArrayList<>();
    card.path("techniques").forEach(t -> techniques.add(t.path("technique").asText()));
    assertThat(techniques).contains("T1003.006", "T1021.002", "T1039", "T1041", "T1570");
    card.path("techniques").forEach(t -> {
      assertThat(t.path("total").asInt()).isPositive();
      assertThat(t.path("variants")).isNotEmpty();
    });
    List<String> stories = new ArrayList<>();
    card.path("stories").forEach(s -> stories.add(s.path("id").asText() + "x" + s.path("runs").asInt()));
    assertThat(stories).containsExactly("S1x2", "S2x2", "S3x2");
    assertThat(card.path("falseBreachesAtLeast60").path("count").asLong())
        .isLessThanOrEqualTo(card.path("falseBreaches").path("count").asLong());
    assertThat(temp.resolve("runs/seed-1/truth.json")).exists();
  }

  @Test
  void eval_withNeitherTruthNorVariants_isAUsageError() throws Exception {
    run(ExitCode.USAGE, "eval");
  }

  private static String run(int expected, String... args) {
    CommandRun run = CommandRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(expected);
    return run.out();
  }
}
