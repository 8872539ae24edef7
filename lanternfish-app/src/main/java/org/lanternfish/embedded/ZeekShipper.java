package org.lanternfish.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.tail.DirectoryTail;
import org.lanternfish.ingest.tail.TailPosition;

/**
 * Ships the live logs of a Zeek {@code current/} directory to a Kafka topic, for sites without Zeek's Kafka plugin:
 * each record as that plugin publishes it ({@link ZeekJson}, {@code {"conn": {...}}}), in the time order the live
 * follower gives detection ({@link LiveMerge}).
 *
 * <p>Exactly once: the records read since the last commit and the tail positions just past them go out in one
 * Kafka transaction, the positions to a compacted topic keyed by sensor and live log. A restart first fences and
 * aborts what a killed run left open (same transactional id), then resumes from the committed positions, so a
 * {@code read_committed} consumer sees every line once however often the shipper is killed.
 */
public final class ZeekShipper {
  private static final long POLL_MILLIS = 200;
  private static final long COMMIT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int COMMIT_RECORDS = 20_000;

  /**
   * Where the records go.
   *
   * @param bootstrapServers the Kafka cluster, {@code HOST:PORT[,HOST:PORT...]}
   * @param topic the topic of Zeek records (created with one partition if missing: detection follows its order)
   * @param sensor names this shipper: its transactional id and the keys of its positions; one per directory
   */
  public record Target(String bootstrapServers, String topic, String sensor) {
    /** Checks the target names a cluster, a topic and a sensor. */
    public Target {
      if (bootstrapServers == null || bootstrapServers.isBlank() || !bootstrapServers.contains(":")) {
        throw new IllegalArgumentException("give the Kafka brokers as HOST:PORT, not '" + bootstrapServers + "'");
      }
      if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
        throw new IllegalArgumentException("'" + topic + "' is not a Kafka topic name (letters, digits, . _ -)");
      }
      if (sensor == null || sensor.isBlank()) {
        throw new IllegalArgumentException("give the sensor a name");
      }
    }

    /** The compacted topic of every shipper's tail positions, beside the records' topic. */
    public String positionsTopic() {
      return topic + "-ship-positions";
    }

    String transactionalId() {
      return "lanternfish-ship-" + sensor;
    }

    /** This machine's host name, the default sensor name. */
    public static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }

  private final Path directory;
  private final Target target;
  private final IngestReport report;
  private final LiveMerge merge = new LiveMerge();
  private final List<byte[]> pending = new ArrayList<>();
  private final Map<String, TailPosition> reached = new TreeMap<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private long shipped;

  /** Creates a shipper of {@code directory} to {@code target}; {@code report} counts records and bad lines. */
  public ZeekShipper(Path directory, Target target, IngestReport report) {
    this.directory = directory;
    this.target = target;
    this.report = report;
  }

  /**
   * Ships on the calling thread until {@link #stop()}, or until no line arrived for {@code exitWhenIdleNanos}
   * (never when negative); returns the records shipped.
   */
  public long run(long exitWhenIdleNanos) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      createTopics();
      // Fences an earlier run with this sensor's id and aborts what it left open, so the positions read next are
      // those of what the topic holds.
      producer.initTransactions();
      Map<String, TailPosition> saved = readPositions();
      try (DirectoryTail tail = new DirectoryTail(directory, name -> Optional.ofNullable(saved.get(name)),
          merge::add, report)) {
        long lastLine = System.nanoTime();
        long lastCommit = lastLine;
        while (true) {
          long watermark = merge.seen();
          long read = tail.poll();
          long now = System.nanoTime();
          if (read > 0) {
            lastLine = now;
          }
          boolean last = stopping || exitWhenIdleNanos >= 0 && now - lastLine >= exitWhenIdleNanos;
          release(last ? Long.MAX_VALUE : watermark);
          if (last || !reached.isEmpty()
              && (now - lastCommit >= COMMIT_EVERY_NANOS || pending.size() >= COMMIT_RECORDS)) {
            commit(producer);
            lastCommit = now;
          }
          if (last) {
            return shipped;
          }
          Thread.sleep(POLL_MILLIS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot follow " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return shipped;
    } catch (ProducerFencedException e) {
      throw new IllegalStateException("another shipper for sensor '" + target.sensor() + "' took over; this one"
          + " stops (give each directory its own --sensor)", e);
    } catch (KafkaException e) {
      throw new IllegalStateException("Kafka at " + target.bootstrapServers() + ": " + e.getMessage(), e);
    } finally {
      finished.countDown();
    }
  }

  /** Makes {@link #run} commit what it read and return, and waits until it has. */
  public void stop() throws InterruptedException {
    stopping = true;
    finished.await();
  }

  /** Records shipped and committed so far. */
  public long shipped() {
    return shipped;
  }

  private void release(long watermark) {
    merge.release(watermark, event -> {
      if (ZeekJson.writable(event)) {
        pending.add(ZeekJson.wrapped(event));
      } else {
        // An IDS alert in a Zeek directory has no Zeek form; Suricata ships its own EVE.
        report.skipped(event.logType().logName());
      }
    });
    reached.putAll(merge.takeReached());
  }

  private void commit(KafkaProducer<byte[], byte[]> producer) {
    if (reached.isEmpty()) {
      return;
    }
    producer.beginTransaction();
    try {
      for (byte[] record : pending) {
        producer.send(new ProducerRecord<>(target.topic(), record));
      }
      for (TailPosition position : reached.values()) {
        producer.send(new ProducerRecord<>(target.positionsTopic(), positionKey(position.source()),
            encode(position)));
      }
      producer.commitTransaction();
    } catch (ProducerFencedException fenced) {
      throw fenced;
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw new IllegalStateException("Kafka did not take the records: " + e.getMessage(), e);
    }
    shipped += pending.size();
    pending.clear();
    reached.clear();
  }

  private byte[] positionKey(String liveName) {
    return (target.sensor() + "/" + liveName).getBytes(StandardCharsets.UTF_8);
  }

  /** The committed positions of this sensor's live logs, the latest per log. */
  private Map<String, TailPosition> readPositions() {
    Properties p = clientProperties();
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("default.api.timeout.ms", "30000");
    String prefix = target.sensor() + "/";
    Map<String, TailPosition> positions = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(target.positionsTopic()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (key.startsWith(prefix) && r.value() != null) {
            String liveName = key.substring(prefix.length());
            positions.put(liveName, decode(liveName, r.value()));
          }
        }
      }
    }
    return positions;
  }

  private static byte[] encode(TailPosition position) {
    return (position.fileKey() + " " + position.offset() + " " + position.line() + " " + position.headHash())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static TailPosition decode(String liveName, byte[] value) {
    String[] parts = new String(value, StandardCharsets.UTF_8).split(" ");
    if (parts.length != 4) {
      throw new IllegalStateException("the stored position of " + liveName + " is not one this shipper wrote");
    }
    return new TailPosition(liveName, parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
        Long.parseLong(parts[3]));
  }

  private void createTopics() {
    Properties p = clientProperties();
    p.put("default.api.timeout.ms", "30000");
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(target.topic())) {
        missing.add(new NewTopic(target.topic(), Optional.of(1), Optional.empty()));
      }
      if (!existing.contains(target.positionsTopic())) {
        missing.add(new NewTopic(target.positionsTopic(), Optional.of(1), Optional.empty())
            .configs(Map.of("cleanup.policy", "compact")));
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot reach Kafka at " + target.bootstrapServers() + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = clientProperties();
    p.put("transactional.id", target.transactionalId());
    p.put("enable.idempotence", "true");
    p.put("acks", "all");
    p.put("linger.ms", "5");
    // Zeek JSON repeats its field names in every record: compressed batches are a fraction of the bytes.
    p.put("compression.type", "lz4");
    // A broker that cannot be reached is reported within half a minute, not after the default minute and more.
    p.put("max.block.ms", "30000");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private Properties clientProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", target.bootstrapServers());
    p.put("request.timeout.ms", "15000");
    return p;
  }
}
