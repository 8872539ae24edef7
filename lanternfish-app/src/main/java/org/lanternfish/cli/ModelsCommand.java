package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.breach.Breach;
import org.lanternfish.embedded.Analysis;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish models}: the model catalogue, and backtests of a model on past logs. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List the models in force (shipped, plus user files DATA_DIR/models/*.models that add, tune or disable them"
          + " with 'enabled: false'), or backtest one model on past logs."
    },
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.TestModel.class})
final class ModelsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models in force.")
  static final class ListModels implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Option(names = "--json", description = "Print the models as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      ModelFiles models = ModelFiles.load(data.dataDir);
      List<Model> sorted = models.catalogue().models().stream().sorted(Comparator.comparing(Model::name)).toList();
      if (json) {
        System.out.println(Output.json(sorted.stream().map(ModelsCommand::asMap).toList()));
      } else {
        for (Model model : sorted) {
          System.out.printf("%3d  %-8s %-48s %-60s %s%n", model.score(), model.enabled() ? "on" : "disabled",
              model.id(), model.name(), String.join(",", model.techniques()));
        }
        System.out.printf("%d models%n", sorted.size());
      }
      models.errors().forEach(error -> System.err.println("model file error: " + error));
      return ExitCode.OK;
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Backtest: list what MODEL would have fired on past logs (the full pipeline runs; its breaches"
          + " are shown).")
  static final class TestModel implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model id or name, as 'models list' shows them.")
    String name;

    @Option(names = "--logs", required = true, paramLabel = "PATH", description = "Logs or captures to test on.")
    List<Path> logs;


    @Option(names = "--json", description = "Print the breaches as JSON.")
    boolean json;

    @Mixin DataDirOption data;

    @Mixin DetectionOptions detection;

    @Override
    public Integer call() throws IOException {
      ModelFiles models = ModelFiles.load(data.dataDir);
      Model model = models.catalogue().get(name);
      if (model == null) {
        throw new CommandFailure(ExitCode.USAGE, "no model with id or name '" + name + "'; see 'lanternfish models"
            + " list'");
      }
      CommandFailure.requireExisting(logs);
      Analysis analysis = AnalyzeCommand.run(logs, detection.threads(), detection.config(data.dataDir),
          detection.analyst(data.dataDir), detection.window(data.dataDir));
      List<Breach> fired = analysis.detection().breaches().stream()
          .filter(b -> b.modelId().equals(model.id()))
          .sorted(Comparator.comparingLong(Breach::ts)).toList();
      if (json) {
        System.out.println(Output.json(fired));
      } else {
        for (Breach b : fired) {
          System.out.printf("%s  %3d  %-16s %s%n", Output.isoTime(b.ts()), b.score(), Output.deviceLabel(b), b.explanation());
        }
        System.out.printf("%s fired %d time%s on %,d records%n", name, fired.size(), fired.size() == 1 ? "" : "s",
            analysis.report().totalRecords());
      }
      return ExitCode.OK;
    }
  }

  private static Map<String, Object> asMap(Model model) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", model.id());
    map.put("name", model.name());
    map.put("on", model.on());
    map.put("score", model.score());
    map.put("enabled", model.enabled());
    map.put("techniques", model.techniques());
    map.put("tactics", model.tactics());
    map.put("explanation", model.explanation());
    map.put("source", model.source() + ":" + model.line());
    return map;
  }
}
