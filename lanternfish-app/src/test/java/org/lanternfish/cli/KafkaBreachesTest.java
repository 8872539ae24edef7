package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.embedded.KafkaBreaches;
import org.lanternfish.embedded.KafkaBroker;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.OutboxEntry;

/**
 * The Flink job's breaches topic, written in Kafka transactions as the job writes it, taken into a server's store
 * across a restart: the store then holds the breaches and incidents a batch ingest of the same logs holds, each
 * once, in the outbox the Threat Visualizer follows, and nothing of an aborted transaction.
 */
final class KafkaBreachesTest {
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");
  /** As the job writes breaches: map entries by key. */
  private static final ObjectMapper JOB_JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @TempDir Path temp;

  @Test
  void breachesTopic_acrossARestart_storesTheBatchRunsBreachesAndIncidentsOnce() throws Exception {
    Path archive = temp.resolve("archive");
    Path clean = temp.resolve("clean");
    assertThat(LanternfishCommand.newCommandLine().execute("simulate", "--seed", "7", "--days", "2", "--devices",
        "15", "--scenarios", "S3@1", "--out", archive.toString())).isZero();
    assertThat(LanternfishCommand.newCommandLine().execute("ingest", "--learning-days", "1", "--data-dir",
        clean.toString(), archive.toString())).isZero();
    List<Breach> expected;
    try (DuckDbEventStore batch = DuckDbEventStore.openReadOnly(clean)) {
      expected = batch.breaches(Instant.EPOCH, END_OF_TIME, 0);
    }
    assertThat(expected).as("the simulated data theft breaches models").hasSizeGreaterThan(10);
    int half = expected.size() / 2;
    Path served = temp.resolve("served");
    AtomicInteger wakes = new AtomicInteger();

    try (KafkaBroker broker = new KafkaBroker()) {
      broker.createTopics("lanternfish-breaches");
      try (KafkaProducer<byte[], byte[]> job = transactional(broker)) {
        job.initTransactions();
        write(job, expected.subList(0, half), true);
        write(job, List.of(renamed(expected.getFirst(), "aborted-breach")), false);
        try (DuckDbEventStore store = DuckDbEventStore.open(served)) {
          KafkaBreaches consumer = new KafkaBreaches(store, AnalystConfig.defaults(), broker.bootstrapServers(),
              "lanternfish-breaches", wakes::incrementAndGet);
          assertThat(consumer.exportAvailable()).isEqualTo(half);
          consumer.close();
        }
        write(job, expected.subList(half, expected.size()), true);
      }
      try (DuckDbEventStore store = DuckDbEventStore.open(served)) {
        KafkaBreaches restarted = new KafkaBreaches(store, AnalystConfig.defaults(), broker.bootstrapServers(),
            "lanternfish-breaches", wakes::incrementAndGet);
        assertThat(restarted.exportAvailable()).isEqualTo(expected.size() - half);
        assertThat(restarted.exportAvailable()).isZero();
        restarted.close();
      }
    }

    assertThat(wakes.get()).as("RESPOND is woken after each commit of new breaches").isPositive();
    try (DuckDbEventStore batch = DuckDbEventStore.openReadOnly(clean);
        DuckDbEventStore store = DuckDbEventStore.openReadOnly(served)) {
      assertThat(store.breaches(Instant.EPOCH, END_OF_TIME, 0)).containsExactlyElementsOf(expected);
      assertThat(store.incidents(0)).isNotEmpty().containsExactlyElementsOf(batch.incidents(0));
      List<OutboxEntry> outbox = store.read(0, 1_000_000);
      assertThat(outbox.stream().filter(e -> e instanceof OutboxEntry.BreachStored)).hasSameSizeAs(expected);
    }
  }

  private static void write(KafkaProducer<byte[], byte[]> job, List<Breach> breaches, boolean commit)
      throws Exception {
    job.beginTransaction();
    for (Breach b : breaches) {
      job.send(new ProducerRecord<>("lanternfish-breaches", b.id().getBytes(), JOB_JSON.writeValueAsBytes(b)));
    }
    job.flush();
    if (commit) {
      job.commitTransaction();
    } else {
      job.abortTransaction();
    }
  }

  private static Breach renamed(Breach b, String id) {
    return new Breach(id, b.modelId(), b.model(), b.category(), b.ts(), b.device(), b.peer(), b.score(),
        b.techniques(), b.tactics(), b.explanation(), b.evidence(), b.recordUids(), b.entities());
  }

  private static KafkaProducer<byte[], byte[]> transactional(KafkaBroker broker) {
    Properties p = new Properties();
    p.putAll(Map.of("bootstrap.servers", broker.bootstrapServers(), "transactional.id", "job-analyst",
        "enable.idempotence", "true", "acks", "all"));
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
