package org.lanternfish.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.lanternfish.site.SiteSnapshot;
import org.lanternfish.site.SystemConfiguration;

/**
 * The detection core as a Flink job over Kafka: input topics, the identity stage (parallelism 1), the keyed
 * detection stage with the network view's feedback edge through a Kafka topic, the AI Analyst, and the output
 * topics written exactly once (Kafka transactions committed at each checkpoint).
 */
public final class DetectionJob {
  /** Key groups: the most instances the keyed stage can ever be rescaled to; fixed for the life of the state. */
  public static final int MAX_PARALLELISM = 128;

  private DetectionJob() {}

  /**
   * Runs the job on the cluster {@code flink run} gives it. Options: {@code --kafka HOST:PORT} (required),
   * {@code --input TOPIC[,TOPIC...]} (required), {@code --prefix NAME} (default {@code lanternfish}),
   * {@code --learning-days N} (7), {@code --epoch-minutes N} (5), {@code --lateness-seconds N} (0),
   * {@code --checkpoint-seconds N} (10), {@code --started-at EPOCH_MILLIS} (now: where the feedback edge starts
   * reading on a first start; a restore reads on from its checkpoint), {@code --data-dir DIR} (none: the site's
   * {@code config.toml} and {@code models/}, read here and shipped with the job).
   */
  public static void main(String[] args) throws Exception {
    ParameterTool options = ParameterTool.fromArgs(args);
    JobSettings settings = new JobSettings(options.getRequired("kafka"),
        List.of(options.getRequired("input").split(",")), options.get("prefix", "lanternfish"),
        options.getInt("learning-days", 7), options.getLong("epoch-minutes", 5) * 60_000_000L,
        options.getLong("lateness-seconds", 0) * 1_000_000L,
        options.getLong("started-at", System.currentTimeMillis()), false, site(options.get("data-dir")));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, settings, Duration.ofSeconds(options.getLong("checkpoint-seconds", 10)));
    env.execute("lanternfish-detect " + settings.topicPrefix());
  }

  /** The site files of {@code dataDir} (none without one), with their warnings said as the embedded runner says them. */
  private static SiteSnapshot site(String dataDir) throws IOException {
    if (dataDir == null) {
      return SiteSnapshot.defaults();
    }
    SiteSnapshot site;
    try {
      site = SiteSnapshot.take(Path.of(dataDir));
    } catch (SystemConfiguration.BadConfiguration e) {
      throw new IllegalArgumentException("configuration error: " + e.getMessage(), e);
    }
    site.configuration().warnings().forEach(warning -> System.err.println("watch list: " + warning));
    site.models().errors().forEach(error -> System.err.println("model file error: " + error));
    return site;
  }

  /**
   * Adds the job to {@code env}, whose parallelism is the keyed stage's; checkpoints every {@code checkpoint}. Every
   * operator has a fixed uid, so a savepoint restores into a new jar (new models) whatever else changed.
   */
  public static void build(StreamExecutionEnvironment env, JobSettings settings, Duration checkpoint) {
    int instances = env.getParallelism();
    env.setMaxParallelism(MAX_PARALLELISM);
    env.enableCheckpointing(checkpoint.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    Partitioning partitioning = new Partitioning(instances, MAX_PARALLELISM);

    KafkaSource<InputRecord> input = KafkaSource.<InputRecord>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setTopics(settings.inputTopics())
        .setGroupId(settings.topicPrefix() + "-input")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new InputDeserializer())
        .setProperties(readCommitted())
        .setBounded(settings.boundedInput() ? OffsetsInitializer.latest() : null)
        .build();
    DataStream<Routed> routed = env
        .fromSource(input, WatermarkStrategy.noWatermarks(), "zeek-and-eve-records").uid("zeek-and-eve-records")
        .setParallelism(1)
        .transform("identity", TypeInformation.of(Routed.class), new IdentityOperator(settings, partitioning))
        .uid("identity").setParallelism(1)
        // An epoch's close must not wait in a half-full buffer: every instance stops at it for the feedback.
        .setBufferTimeout(0);

    KafkaSource<byte[]> feedback = KafkaSource.<byte[]>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setTopics(settings.deltasTopic())
        .setGroupId(settings.topicPrefix() + "-deltas")
        .setStartingOffsets(OffsetsInitializer.timestamp(settings.startedAtMillis()))
        .setDeserializer(new DeltaDeserializer())
        .setProperties(promptFetch())
        .build();
    DataStream<byte[]> deltas = env
        .fromSource(feedback, WatermarkStrategy.noWatermarks(), "network-deltas").uid("network-deltas")
        .setParallelism(1)
        .setBufferTimeout(0);

    SingleOutputStreamOperator<Finding> findings = routed.keyBy(new DeviceKey())
        .connect(deltas.broadcast())
        .transform("detect", TypeInformation.of(Finding.class), new DetectOperator(settings, partitioning))
        .uid("detect");

    findings.getSideOutput(DetectOperator.DELTAS).sinkTo(KafkaSink.<byte[]>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setRecordSerializer((KafkaRecordSerializationSchema<byte[]>) (delta, context, ts) ->
            new ProducerRecord<>(settings.deltasTopic(), delta))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setKafkaProducerConfig(lowLatency())
        .build()).name("network-deltas-out").uid("network-deltas-out");

    findings.transform("analyst", TypeInformation.of(OutputRecord.class), new AnalystOperator(settings, instances))
        .uid("analyst").setParallelism(1)
        .sinkTo(KafkaSink.<OutputRecord>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setRecordSerializer((KafkaRecordSerializationSchema<OutputRecord>) (r, context, ts) ->
                new ProducerRecord<>(r.topic, r.key.getBytes(StandardCharsets.UTF_8),
                    r.value.getBytes(StandardCharsets.UTF_8)))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(settings.topicPrefix() + "-out")
            .setKafkaProducerConfig(transactional())
            .build()).name("breaches-incidents-out").uid("breaches-incidents-out").setParallelism(1);
  }

  private static Properties readCommitted() {
    Properties p = new Properties();
    p.setProperty("isolation.level", "read_committed");
    return p;
  }

  private static Properties promptFetch() {
    Properties p = new Properties();
    // The keyed instances wait for these few small records: hand each over as soon as it is there.
    p.setProperty("fetch.max.wait.ms", "5");
    return p;
  }

  private static Properties lowLatency() {
    Properties p = new Properties();
    // An instance waits for every delta of an epoch: send each at once rather than batching.
    p.setProperty("linger.ms", "0");
    return p;
  }

  private static Properties transactional() {
    Properties p = new Properties();
    // Below the broker's transaction.max.timeout.ms (15 minutes by default), above any checkpoint interval.
    p.setProperty("transaction.timeout.ms", "600000");
    return p;
  }

  /** Keys routed records and news by device fingerprint (or by the news' instance key). */
  static final class DeviceKey implements KeySelector<Routed, Long> {
    @Override
    public Long getKey(Routed r) {
      return r.key;
    }
  }

  /** Reads input records with their topic, which names the log of records that do not say. */
  static final class InputDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
      if (record.value() != null) {
        out.collect(new InputRecord(record.topic(), record.value()));
      }
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
      return TypeInformation.of(InputRecord.class);
    }
  }

  /** Reads the feedback topic's delta messages as they are. */
  static final class DeltaDeserializer implements KafkaRecordDeserializationSchema<byte[]> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
      out.collect(record.value());
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
      return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
  }
}
