package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.model.Catalogue;
import org.lanternfish.model.Model;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationResult;

/**
 * Display names are for people: renaming every shipped model (category included) in a user file changes nothing in
 * what detection finds, how the AI Analyst threads and tells it, or how eval scores it, except the names.
 */
final class RenamedModelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MODEL_LINE = Pattern.compile("(?m)^model:\\s*(.*)$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+}");

  @TempDir Path temp;

  @Test
  void eval_withEveryModelRenamed_differsOnlyInTheNames() throws IOException {
    Path sim = temp.resolve("sim");
    SimulationResult simulated = SimulateCommand.simulate(11, 3, 24, List.of("S1@1", "S2@1", "S3@2"), Format.TSV,
        null, sim, false);
    Path shipped = Files.createDirectories(temp.resolve("shipped"));
    Path renamed = Files.createDirectories(temp.resolve("renamed").resolve(ModelFiles.FOLDER));
    Files.writeString(renamed.resolve("renamed.models"), renamedCatalogue());

    ModelFiles renamedModels = ModelFiles.load(renamed.getParent());
    assertThat(renamedModels.errors()).isEmpty();
    assertThat(renamedModels.catalogue().models()).extracting(Model::id)
        .containsExactlyInAnyOrderElementsOf(Catalogue.shipped().models().stream().map(Model::id).toList());
    assertThat(renamedModels.catalogue().models()).allSatisfy(m -> assertThat(m.name()).startsWith("Renamed m"));

    Analysis before = analyse(sim, shipped);
    Analysis after = analyse(sim, renamed.getParent());

    assertThat(EvalCommand.score(simulated.truth(), after).toJson())
        .isEqualTo(EvalCommand.score(simulated.truth(), before).toJson());
    List<Breach> old = sorted(before.detection().breaches());
    List<Breach> now = sorted(after.detection().breaches());
    assertThat(now).extracting(Breach::id).isEqualTo(old.stream().map(Breach::id).toList());
    assertThat(old).flatExtracting(Breach::modelIds).contains("smb-drive-write", "suspicious-dcsync", "defender-alert");
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < old.size(); i++) {
      assertThat(now.get(i).model()).isNotEqualTo(old.get(i).model());
      names.put(now.get(i).model(), old.get(i).model());
      names.put(afterCategory(now.get(i).model()), afterCategory(old.get(i).model()));
      names.put('"' + now.get(i).category() + '"', '"' + old.get(i).category() + '"');
      // Models folded into another's breach are named in its evidence, before their explanation.
      for (int k = 0; k < old.get(i).evidence().size(); k++) {
        String was = old.get(i).evidence().get(k).text();
        String is = now.get(i).evidence().get(k).text();
        if (old.get(i).evidence().get(k).kind().startsWith(Evidence.FOLDED_MODEL)) {
          names.put(is.substring(0, is.indexOf(" \u2014 ")), was.substring(0, was.indexOf(" \u2014 ")));
        }
      }
    }
    assertThat(after.detection().incidents()).isNotEmpty();
    assertThat(restore(JSON.writeValueAsString(now), names)).isEqualTo(JSON.writeValueAsString(old));
    assertThat(restore(JSON.writeValueAsString(after.detection().incidents()), names))
        .isEqualTo(JSON.writeValueAsString(before.detection().incidents()));
  }

  private static Analysis analyse(Path sim, Path dataDir) throws IOException {
    ModelFiles models = ModelFiles.load(dataDir);
    return AnalyzeCommand.run(EvalCommand.simulationInputs(sim), 2, models.config(1, SystemConfiguration.defaults()),
        AnalystConfig.defaults(), TimeWindow.USUAL);
  }

  /** Every shipped model file, each model renamed "Renamed mNN / Model mNN", keeping the attributes it quotes. */
  private static String renamedCatalogue() throws IOException {
    StringBuilder all = new StringBuilder();
    int[] n = {0};
    for (String file : Catalogue.SHIPPED) {
      try (InputStream in = Catalogue.class.getResourceAsStream("/models/" + file)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        all.append(MODEL_LINE.matcher(text).replaceAll(m -> {
          String number = String.format("m%02d", ++n[0]);
          List<String> quoted = new ArrayList<>();
          PLACEHOLDER.matcher(m.group(1)).results().forEach(r -> quoted.add(r.group()));
          return Matcher.quoteReplacement("model: Renamed " + number + " / Model " + number
              + (quoted.isEmpty() ? "" : " " + String.join(" ", quoted)));
        })).append('\n');
      }
    }
    return all.toString();
  }

  private static String afterCategory(String name) {
    return name.substring(name.indexOf(" / ") + 3);
  }

  /** The text with every new name put back to the old one, longest first so no name is cut inside another. */
  private static String restore(String text, Map<String, String> names) {
    String out = text;
    for (String name : names.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      out = out.replace(name, names.get(name));
    }
    return out;
  }

  private static List<Breach> sorted(List<Breach> breaches) {
    return breaches.stream().sorted(Comparator.comparing(Breach::id)).toList();
  }
}
