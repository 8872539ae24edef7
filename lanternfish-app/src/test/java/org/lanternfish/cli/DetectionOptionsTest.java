package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class DetectionOptionsTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void threads_byDefault_leaveACoreToTheStoreOfABatchIngestOnly() {
    DetectionOptions options = parse();
    assertThat(options.threads()).isEqualTo(CORES);
    assertThat(options.threadsBesideStore()).isEqualTo(Math.max(1, CORES - 1));
  }

  @Test
  void threads_given_holdForEveryCommand() {
    DetectionOptions options = parse("--threads", "3");
    assertThat(options.threads()).isEqualTo(3);
    assertThat(options.threadsBesideStore()).isEqualTo(3);
  }

  private static DetectionOptions parse(String... args) {
    DetectionOptions options = new DetectionOptions();
    new CommandLine(CommandLine.Model.CommandSpec.forAnnotatedObject(options)).parseArgs(args);
    return options;
  }
}
