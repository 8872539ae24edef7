package org.lanternfish.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lanternfish.embedded.ZeekShipper;
import org.lanternfish.ingest.IngestReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish ship}: tails a live Zeek directory into a Kafka topic, exactly once. */
@Command(
    name = "ship",
    mixinStandardHelpOptions = true,
    description = {
      "Tail the live logs of a Zeek current/ directory into a Kafka topic, each record wrapped by its log name as"
          + " Zeek's Kafka writer publishes it ({\"conn\": {...}}), for sites without that plugin; the Flink job"
          + " (docs/FLINK.md) reads the topic.",
      "Records and tail positions go out in one Kafka transaction, so after kill -9 a restart neither loses nor"
          + " repeats a record for readers with isolation.level=read_committed."
    })
final class ShipCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The directory of live Zeek logs (Zeek's logs/current).")
  Path directory;

  @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT",
      description = "The Kafka brokers, comma-separated.")
  String kafka;

  @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "zeek",
      description = "The topic of the records (default: ${DEFAULT-VALUE}; created with one partition if missing)."
          + " Positions go to TOPIC-ship-positions (compacted).")
  String topic;

  @Option(names = "--sensor", paramLabel = "NAME",
      description = "Names this shipper: one per directory, the same across restarts (default: the host name).")
  String sensor;

  @Option(names = "--exit-when-idle", paramLabel = "SECONDS",
      description = "Stop after this many seconds (0 to a year) without new lines (default: never).")
  Double idleSeconds;

  @Override
  public Integer call() throws InterruptedException {
    long exitWhenIdleNanos = -1;
    if (idleSeconds != null) {
      CommandFailure.requireWithin("--exit-when-idle", idleSeconds, 0, 365 * 86_400);
      exitWhenIdleNanos = (long) (idleSeconds * 1e9);
    }
    CommandFailure.requireExisting(List.of(directory));
    if (!Files.isDirectory(directory)) {
      throw new CommandFailure(ExitCode.USAGE, "ship takes a directory of live logs, not " + directory);
    }
    ZeekShipper.Target target;
    try {
      target = new ZeekShipper.Target(kafka, topic, sensor != null ? sensor : ZeekShipper.Target.hostName());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCode.USAGE, e.getMessage());
    }
    IngestReport report = new IngestReport();
    ZeekShipper shipper = new ZeekShipper(directory, target, report);
    Thread shutdown = new Thread(() -> {
      try {
        shipper.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(shutdown);
    long shipped;
    try {
      shipped = shipper.run(exitWhenIdleNanos);
    } catch (IllegalStateException e) {
      throw new CommandFailure(ExitCode.INPUT, e.getMessage(), e);
    } finally {
      removeHook(shutdown);
    }
    System.out.printf("shipped %,d records from %s to %s at %s, %,d malformed lines%n", shipped, directory,
        target.topic(), target.bootstrapServers(), report.totalMalformed());
    return Output.skippedInput(report, spec.commandLine().getErr());
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it waits for this thread, which is about to return.
    }
  }
}
