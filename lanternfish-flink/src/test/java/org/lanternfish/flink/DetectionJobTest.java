package org.lanternfish.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lanternfish.analyst.Incident;
import org.lanternfish.breach.Breach;
import org.lanternfish.site.SiteSnapshot;

/**
 * The acceptance test of the Flink runner: a real Kafka broker (KRaft) and a Flink MiniCluster in this JVM, a
 * simulated week with S2 and S3 on an input topic in Zeek's Kafka-writer form, and the job's committed output equal
 * to what the embedded runner and the AI Analyst find in the same records.
 */
final class DetectionJobTest {
  private static final String INPUT = "zeek";
  private static final long EPOCH_MICROS = 3_600_000_000L;

  private static Path dir;
  private static KafkaBroker kafka;
  private static MiniCluster flink;
  private static SimulatedWeek week;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("lanternfish-flink");
    kafka = new KafkaBroker();
    week = SimulatedWeek.make(dir.resolve("logs"), settings("unused", "unused"));
    kafka.createTopics(INPUT);
    kafka.produce(INPUT, week.records);
    flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(checkpointsOnDisk())
        .setNumTaskManagers(2).setNumSlotsPerTaskManager(1).build());
    flink.start();
  }

  /** Checkpoints in files, as on a cluster: the held records of an epoch outgrow the job manager's 5 MB default. */
  private static Configuration checkpointsOnDisk() {
    Configuration c = new Configuration();
    c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    return c;
  }

  @AfterAll
  static void stop() throws Exception {
    if (flink != null) {
      flink.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void job_atParallelismOne_findsTheBreachesAndIncidentsOfTheEmbeddedRunner() throws Exception {
    assertEqualToEmbedded(week, run(settings(kafka.bootstrapServers(), "p1"), 1, 0));
  }

  @Test
  void job_atParallelismTwo_findsTheBreachesAndIncidentsOfTheEmbeddedRunner() throws Exception {
    assertEqualToEmbedded(week, run(settings(kafka.bootstrapServers(), "p2"), 2, 0));
  }

  /**
   * The site's data directory goes with the job (a user model file switching off the week's loudest model, a VPN
   * pool): the job finds what the embedded runner finds on that site, and not what it finds on the default one.
   */
  @Test
  void job_onASiteDataDirectory_findsWhatTheEmbeddedRunnerFindsOnThatSite() throws Exception {
    QuietSite site = QuietSite.write(dir.resolve("site"), week.breaches);
    SimulatedWeek onSite = week.detectedWith(site.embeddedConfig(EPOCH_MICROS), site.embeddedAnalyst());
    assertThat(onSite.breaches).noneMatch(b -> b.model().equals(site.silenced()));

    assertEqualToEmbedded(onSite, run(settings(kafka.bootstrapServers(), "site", SiteSnapshot.take(site.dataDir())),
        2, 0));
  }

  /**
   * A task manager (one of the two slots the job runs in) is killed after some epochs were committed; the job
   * restarts from its last checkpoint on a new one, and the committed output loses nothing and repeats nothing.
   */
  @Test
  void job_whenATaskManagerDiesMidStream_recoversFromTheCheckpointWithNothingLostOrRepeated() throws Exception {
    assertEqualToEmbedded(week, run(settings(kafka.bootstrapServers(), "failover"), 2, 40));
  }

  /**
   * Hour-long epochs: each epoch costs a round trip through the feedback topic, and on a shared 2-core machine a
   * week of 5-minute epochs (2,016 round trips) takes too long for a test. Both runners use the same settings.
   */
  private static JobSettings settings(String bootstrap, String prefix) {
    return settings(bootstrap, prefix, SiteSnapshot.defaults());
  }

  private static JobSettings settings(String bootstrap, String prefix, SiteSnapshot site) {
    return new JobSettings(bootstrap, List.of(INPUT), prefix, SimulatedWeek.LEARNING_DAYS, EPOCH_MICROS, 0,
        System.currentTimeMillis(), true, site);
  }

  /**
   * Runs the job over the input topic until it says the input ended, and returns what it committed; when
   * {@code killAfterEpochs} is positive, kills the first task manager once that many epochs are committed and starts
   * a fresh one in its place.
   */
  private static Output run(JobSettings settings, int parallelism, int killAfterEpochs) throws Exception {
    String prefix = settings.topicPrefix();
    kafka.createTopics(settings.breachesTopic(), settings.incidentsTopic(), settings.epochsTopic(),
        settings.deltasTopic());
    TestStreamEnvironment env =
        new TestStreamEnvironment(flink, checkpointsOnDisk(), parallelism, List.of(), List.of());
    DetectionJob.build(env, settings, Duration.ofSeconds(1));
    long started = System.nanoTime();
    JobClient job = env.executeAsync("lanternfish-" + prefix);
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
      boolean killed = killAfterEpochs == 0;
      while (!ended(settings)) {
        if (!killed && kafka.readCommitted(settings.epochsTopic()).size() >= killAfterEpochs) {
          flink.terminateTaskManager(0).get();
          flink.startTaskManager();
          killed = true;
        }
        assertThat(System.nanoTime()).as(() -> "the job ends its input in time; epochs completed: "
            + kafka.readCommitted(settings.epochsTopic()).size() + ", deltas: "
            + kafka.readCommitted(settings.deltasTopic()).size()).isLessThan(deadline);
        assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job is running").isFalse();
        Thread.sleep(500);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("%s: %d records in %.1f s at parallelism %d: %.0f records/s (embedded, 1 thread: %.0f"
          + " records/s)%n", prefix, week.records.size(), seconds, parallelism, week.records.size() / seconds,
          week.records.size() / week.embeddedSeconds);
      if (killAfterEpochs > 0) {
        assertThat(flink.getExecutionGraph(job.getJobID()).get().getStatusTimestamp(JobStatus.RESTARTING))
            .as("the job restarted after losing a task manager").isPositive();
      }
    } finally {
      job.cancel().get();
    }
    return Output.read(kafka, settings);
  }

  private static boolean ended(JobSettings settings) {
    return kafka.readCommitted(settings.epochsTopic()).stream().anyMatch(r -> "end".equals(r.key()));
  }

  private static void assertEqualToEmbedded(SimulatedWeek expected, Output out) throws Exception {
    assertThat(expected.breaches).as("the week raises breaches").hasSizeGreaterThan(15);
    assertThat(expected.incidents).as("the week makes incidents").isNotEmpty();
    System.out.printf("embedded: %d breaches, %d incidents; job committed %d breaches, %d incidents%n",
        expected.breaches.size(), expected.incidents.size(), out.breaches.size(), out.incidents.size());
    assertThat(out.breaches).containsExactlyElementsOf(expected.breaches);
    Set<JsonNode> incidents = new HashSet<>();
    for (Incident i : expected.incidents) {
      incidents.add(Json.MAPPER.readTree(Json.write(i)));
    }
    assertThat(out.incidents).containsExactlyInAnyOrderElementsOf(incidents);
  }

  /** The committed output: breaches in the order written, and the incidents as the updates leave them. */
  record Output(List<Breach> breaches, List<JsonNode> incidents) {
    static Output read(KafkaBroker kafka, JobSettings settings) throws Exception {
      List<Breach> breaches = new ArrayList<>();
      for (ConsumerRecord<String, String> r : kafka.readCommitted(settings.breachesTopic())) {
        breaches.add(Json.breach(r.value()));
      }
      Map<String, JsonNode> incidents = new HashMap<>();
      for (ConsumerRecord<String, String> r : kafka.readCommitted(settings.incidentsTopic())) {
        JsonNode update = Json.MAPPER.readTree(r.value());
        update.get("supersededIds").forEach(id -> incidents.remove(id.asText()));
        incidents.put(r.key(), update.get("incident"));
      }
      return new Output(breaches, new ArrayList<>(incidents.values()));
    }
  }
}
