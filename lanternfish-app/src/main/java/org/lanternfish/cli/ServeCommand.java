package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.embedded.DefenderFeed;
import org.lanternfish.embedded.KafkaBreaches;
import org.lanternfish.embedded.LiveService;
import org.lanternfish.embedded.LiveStatus;
import org.lanternfish.embedded.OutboxExport;
import org.lanternfish.embedded.TrafficSummary;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.web.IngestionHealth;
import org.lanternfish.web.ThreatVisualizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanternfish serve}: the Threat Visualizer over a data directory, optionally following live logs. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the Threat Visualizer (web UI and REST API under /api/v1, OpenAPI at /api/openapi.json) over the data"
          + " directory until interrupted. With --follow DIR the same process tails a live Zeek directory as"
          + " 'ingest --follow' does, and new breaches and incidents appear in the browser as they are committed.",
      "The first start creates the user 'admin' with the password in " + ServeOptions.ADMIN_PASSWORD
          + ", or a random one that is printed once."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--follow", paramLabel = "DIR", description = "Also tail this directory of live Zeek logs.")
  Path follow;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Instead of detecting here, store the breaches"
      + " the Flink job writes to PREFIX-breaches on these Kafka brokers (docs/FLINK.md), threaded into incidents.")
  String kafka;

  @Option(names = "--kafka-prefix", paramLabel = "PREFIX", defaultValue = "lanternfish",
      description = "The Flink job's --prefix (default: ${DEFAULT-VALUE}).")
  String kafkaPrefix;

  @Mixin ServeOptions serve;

  @Mixin DataDirOption data;

  @Mixin DetectionOptions detectionOptions;

  @Mixin MicrosoftOptions microsoft;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (follow != null && !Files.isDirectory(follow)) {
      throw new CommandFailure(ExitCode.INPUT, "--follow needs a directory of live logs: " + follow);
    }
    if (follow != null && kafka != null) {
      throw new CommandFailure(ExitCode.USAGE, "--follow detects here and --kafka takes the Flink job's breaches:"
          + " give one");
    }
    microsoft.requireLiveProcess(follow != null, true);
    DuckDbEventStore store = data.openForWriting();
    ResponseService respond = Responding.start(store, data.dataDir, System.out);
    LiveService service = null;
    DefenderFeed defender = null;
    if (follow != null) {
      DetectConfig config = detectionOptions.config(data.dataDir);
      IngestReport report = new IngestReport(detectionOptions.window(data.dataDir));
      service = new LiveService(store, follow, config, detectionOptions.analyst(data.dataDir),
          detectionOptions.threads(), report, new TrafficSummary(config.devices()::isInternal),
          status -> respond.wake());
      defender = microsoft.attach(data.dataDir, store, report, service, spec.commandLine().getErr());
      service.start();
      System.out.println("following " + follow + " into " + data.dataDir);
    }
    KafkaBreaches fromKafka = kafka == null ? null : new KafkaBreaches(store, detectionOptions.analyst(data.dataDir),
        kafka, kafkaPrefix + "-breaches", respond::wake);
    OutboxExport kafkaImport = fromKafka == null ? null : OutboxExport.start("Kafka breaches", fromKafka, problem -> {
      spec.commandLine().getErr().println(problem);
      spec.commandLine().getErr().flush();
    });
    LiveService live = service;
    DefenderFeed alerts = defender;
    OutboxExport sentinel = microsoft.startSentinel(data.dataDir, store, spec.commandLine().getErr());
    OutboxExport sentinelVerdicts = microsoft.startSentinelVerdicts(data.dataDir, store, spec.commandLine().getErr());
    OutboxExport syslog = microsoft.startSyslog(store, spec.commandLine().getErr());
    ThreatVisualizer server = serve.start(store, data.dataDir, data.dataDir, () -> Optional.ofNullable(live)
        .map(LiveService::status).filter(LiveStatus::running)
        .map(s -> new IngestionHealth.Live(s.eventsPerSecond(), s.lagMicros() / 1_000_000, s.records())),
        respond, System.out);
    ServeOptions.awaitInterrupt(() -> {
      if (sentinel != null) {
        sentinel.close();
      }
      if (sentinelVerdicts != null) {
        sentinelVerdicts.close();
      }
      if (syslog != null) {
        syslog.close();
      }
      if (alerts != null) {
        alerts.close();
      }
      if (live != null) {
        live.stop();
      }
      if (kafkaImport != null) {
        kafkaImport.close();
        fromKafka.close();
      }
    }, respond, server, store);
    return ExitCode.OK;
  }
}
