package org.lanternfish.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.lanternfish.detect.IdentityStage;
import org.lanternfish.detect.RoutedEvent;
import org.lanternfish.event.Event;
import org.lanternfish.site.SiteSnapshot;

/**
 * Measures the job's records/s at parallelism 1 and 2 on the acceptance test's input (the simulated week with S2
 * and S3, on a real broker and a MiniCluster of two task managers in this JVM) against the embedded runner on one
 * thread; run by hand, not by the test suite (see docs/FLINK.md for the command). The job's time runs from
 * submission until it says the input ended, so it includes its start and every epoch's round trip through the
 * feedback topic; the embedded time is parsing and detection of the same records, once, in this JVM.
 */
final class FlinkBenchmark {
  private FlinkBenchmark() {}

  /** Arguments: devices (default 20, as the acceptance test), epoch minutes (60), rounds (2). */
  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long epochMinutes = args.length > 1 ? Long.parseLong(args[1]) : 60;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path dir = Files.createTempDirectory("lanternfish-flink-bench");
    Configuration checkpoints = new Configuration();
    checkpoints.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    checkpoints.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    try (KafkaBroker kafka = new KafkaBroker();
        MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(checkpoints)
            .setNumTaskManagers(2).setNumSlotsPerTaskManager(1).build())) {
      SimulatedWeek week = SimulatedWeek.make(dir.resolve("logs"), settings("unused", "unused", epochMinutes),
          devices);
      kafka.createTopics("zeek");
      kafka.produce("zeek", week.records);
      flink.start();
      double embedded = week.records.size() / week.embeddedSeconds;
      System.out.printf("input: a week of %d devices, %,d records, %d breaches; epochs of %d minutes%n", devices,
          week.records.size(), week.breaches.size(), epochMinutes);
      System.out.printf("embedded runner, 1 thread: %,.0f records/s%n", embedded);
      System.out.printf("identity stage alone (parse and route, as its operator; best of 3), 1 thread: %,.0f"
          + " records/s%n", identityRate(week, settings("unused", "unused", epochMinutes)));
      for (int round = 1; round <= rounds; round++) {
        for (int parallelism = 1; parallelism <= 2; parallelism++) {
          JobSettings settings = settings(kafka.bootstrapServers(), "bench" + round + "p" + parallelism,
              epochMinutes);
          kafka.createTopics(settings.breachesTopic(), settings.incidentsTopic(), settings.epochsTopic(),
              settings.deltasTopic());
          TestStreamEnvironment env = new TestStreamEnvironment(flink, checkpoints, parallelism, List.of(),
              List.of());
          DetectionJob.build(env, settings, Duration.ofSeconds(10));
          long started = System.nanoTime();
          JobClient job = env.executeAsync("lanternfish-" + settings.topicPrefix());
          while (kafka.readCommitted(settings.epochsTopic()).stream().noneMatch(r -> "end".equals(r.key()))) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
              throw new IllegalStateException("the job stopped before its input ended");
            }
            Thread.sleep(200);
          }
          double seconds = (System.nanoTime() - started) / 1e9;
          job.cancel().get();
          int breaches = kafka.readCommitted(settings.breachesTopic()).size();
          double rate = week.records.size() / seconds;
          System.out.printf("round %d, parallelism %d: %.1f s, %,.0f records/s, %.2f of the embedded runner's;"
              + " %d breaches%n", round, parallelism, seconds, rate, rate / embedded, breaches);
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Parses and routes the records as the identity operator does, on this thread, without Flink: the most the job can
   * take, since that stage runs once.
   */
  private static double identityRate(SimulatedWeek week, JobSettings settings) {
    Partitioning partitioning = new Partitioning(2, DetectionJob.MAX_PARALLELISM);
    long[] routed = {0};
    IdentityStage.Sink sink = new IdentityStage.Sink() {
      @Override
      public int partitionOf(long deviceFingerprint) {
        return partitioning.instanceOf(deviceFingerprint);
      }

      @Override
      public void accept(int partition, RoutedEvent event) {
        routed[0]++;
      }
    };
    double best = 0;
    for (int run = 0; run < 3; run++) {
      IdentityStage identity = new IdentityStage(settings.detectConfig());
      Records records = new Records();
      long started = System.nanoTime();
      for (byte[] record : week.records) {
        for (Event e : records.parse("zeek", record)) {
          identity.route(e, sink);
        }
      }
      best = Math.max(best, week.records.size() / ((System.nanoTime() - started) / 1e9));
    }
    if (routed[0] == 0) {
      throw new IllegalStateException("nothing was routed");
    }
    return best;
  }

  private static JobSettings settings(String bootstrap, String prefix, long epochMinutes) {
    return new JobSettings(bootstrap, List.of("zeek"), prefix, SimulatedWeek.LEARNING_DAYS,
        epochMinutes * 60_000_000L, 0, System.currentTimeMillis(), true, SiteSnapshot.defaults());
  }
}
