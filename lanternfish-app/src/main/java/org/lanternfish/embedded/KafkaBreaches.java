package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.EventStore;

/**
 * Takes the breaches the Flink job writes to {@code PREFIX-breaches} into a Lanternfish store, for the Threat
 * Visualizer, RESPOND and the exporters that follow its outbox. Each batch goes through the same commit as the live
 * follower's: the breaches, the incidents the AI Analyst threads from them ({@link IncidentBook}, the code the job's
 * analyst stage runs, so they equal the job's {@code PREFIX-incidents}) and the topic's offsets (learned state
 * {@value #STATE_NAME}) in one transaction, so a restart neither skips nor repeats one. Reads committed records only.
 */
public final class KafkaBreaches implements OutboxExport.Run {
  /** The learned state holding the next offset to read of each partition of the breaches topic. */
  public static final String STATE_NAME = "kafka-breaches";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BATCH = 10_000;

  private final EventStore store;
  private final IncidentBook incidents;
  private final String bootstrapServers;
  private final String topic;
  private final Runnable afterCommit;
  private KafkaConsumer<byte[], byte[]> consumer;

  /**
   * A reader of {@code topic} at {@code bootstrapServers} into {@code store}; {@code afterCommit} runs after each
   * commit with new breaches (RESPOND's wake-up).
   */
  public KafkaBreaches(EventStore store, AnalystConfig analyst, String bootstrapServers, String topic,
      Runnable afterCommit) {
    this.store = store;
    this.incidents = new IncidentBook(store, store, store, analyst);
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.afterCommit = afterCommit;
  }

  /** Stores every committed breach written since the last call; returns how many were read. */
  @Override
  public long exportAvailable() {
    if (consumer == null) {
      consumer = open();
    }
    long read = 0;
    while (true) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
      if (records.isEmpty()) {
        return read;
      }
      List<Breach> found = new ArrayList<>();
      Map<Integer, Long> next = offsets();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (record.value() != null) {
          found.add(breach(record));
        }
        next.put(record.partition(), record.offset() + 1);
        if (found.size() >= MAX_BATCH) {
          break;
        }
      }
      store.commit(incidents.commit(List.of(), List.of(), Map.of(STATE_NAME, encode(next)), found));
      read += found.size();
      // Whatever the poll returned beyond the batch is read again from the stored offsets.
      next.forEach((partition, offset) -> consumer.seek(new TopicPartition(topic, partition), offset));
      if (!found.isEmpty()) {
        afterCommit.run();
      }
    }
  }

  /** Closes the connection to Kafka. */
  public void close() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }

  private KafkaConsumer<byte[], byte[]> open() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("default.api.timeout.ms", "30000");
    KafkaConsumer<byte[], byte[]> opened =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<PartitionInfo> infos = opened.partitionsFor(topic);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("Kafka at " + bootstrapServers + " has no topic " + topic + " yet");
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      opened.assign(partitions);
      Map<Integer, Long> stored = offsets();
      for (TopicPartition partition : partitions) {
        Long offset = stored.get(partition.partition());
        if (offset == null) {
          opened.seekToBeginning(List.of(partition));
        } else {
          opened.seek(partition, offset);
        }
      }
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private Breach breach(ConsumerRecord<byte[], byte[]> record) {
    try {
      return JSON.readValue(record.value(), Breach.class);
    } catch (java.io.IOException e) {
      String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new IllegalStateException(topic + " offset " + record.offset() + " is not a breach: " + why, e);
    }
  }

  /** The next offset of each partition as the store holds it. */
  private Map<Integer, Long> offsets() {
    Map<Integer, Long> offsets = new TreeMap<>();
    Optional<byte[]> saved = store.state(STATE_NAME);
    if (saved.isPresent()) {
      ByteBuffer b = ByteBuffer.wrap(saved.get());
      while (b.remaining() >= Integer.BYTES + Long.BYTES) {
        offsets.put(b.getInt(), b.getLong());
      }
    }
    return offsets;
  }

  private static byte[] encode(Map<Integer, Long> offsets) {
    ByteBuffer b = ByteBuffer.allocate(offsets.size() * (Integer.BYTES + Long.BYTES));
    offsets.forEach((partition, offset) -> b.putInt(partition).putLong(offset));
    return b.array();
  }
}
