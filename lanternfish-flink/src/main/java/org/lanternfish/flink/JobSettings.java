package org.lanternfish.flink;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.site.SiteSnapshot;

/**
 * What one run of the detection job reads and writes and how it detects: everything the operators need to build
 * the core on a task manager, in a form Flink ships with the job graph.
 *
 * @param bootstrapServers the Kafka cluster
 * @param inputTopics topics of Zeek records (plain JSON, or wrapped by log name as Zeek's Kafka writer publishes
 *     them) and of Suricata EVE; a topic named after a log ({@code conn}, {@code zeek-dns}) names the log of records
 *     that do not say
 * @param topicPrefix the prefix of the job's own topics: {@code PREFIX-breaches}, {@code PREFIX-incidents},
 *     {@code PREFIX-epochs} (progress) and {@code PREFIX-deltas} (the network view's feedback edge)
 * @param learningDays days a device and the network are watched before novelty breaches
 * @param epochMicros event time between two merges of the network view: each costs a round trip through the feedback
 *     topic, so fewer, longer epochs cost less; {@link DetectConfig#EPOCH_MICROS} (5 minutes) as the embedded runner
 * @param allowedLatenessMicros how far behind the newest record a record may arrive and still count in its epoch
 * @param startedAtMillis wall time the job was first submitted: the feedback edge reads deltas written from then on
 * @param boundedInput true to stop reading the input at the offsets it had when the job started (tests, replays)
 * @param site the site's {@code config.toml}, watch lists, model files and thresholds, read where the job was
 *     submitted and parsed on every task manager by the embedded runner's parsers
 */
public record JobSettings(String bootstrapServers, List<String> inputTopics, String topicPrefix, int learningDays,
    long epochMicros, long allowedLatenessMicros, long startedAtMillis, boolean boundedInput, SiteSnapshot site)
    implements Serializable {

  /** Checks the settings make a job. */
  public JobSettings {
    inputTopics = List.copyOf(inputTopics);
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("give the Kafka bootstrap servers");
    }
    if (inputTopics.isEmpty()) {
      throw new IllegalArgumentException("give at least one input topic");
    }
    if (learningDays < 0 || allowedLatenessMicros < 0 || epochMicros <= 0) {
      throw new IllegalArgumentException("learning days and allowed lateness must not be negative, epochs positive");
    }
    if (site == null) {
      throw new IllegalArgumentException("give the site's files (SiteSnapshot.defaults() for none)");
    }
  }

  /**
   * The detection settings every operator builds: the site's models and network description, as the embedded runner
   * reads them from the same data directory, with these learning days and epochs.
   */
  public DetectConfig detectConfig() {
    try {
      return site.models().config(learningDays, site.configuration()).withEpochs(epochMicros, allowedLatenessMicros);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The AI Analyst's thresholds: the {@code [analyst]} table of the site's {@code config.toml}. */
  public AnalystConfig analystConfig() {
    try {
      return site.configuration().analyst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where breaches go, one JSON object a record keyed by breach id, in time order. */
  public String breachesTopic() {
    return topicPrefix + "-breaches";
  }

  /** Where the AI Analyst's incident updates go, one JSON object a record keyed by incident id. */
  public String incidentsTopic() {
    return topicPrefix + "-incidents";
  }

  /** Where the job says which epochs are complete (every breach up to their end written), and when input ended. */
  public String epochsTopic() {
    return topicPrefix + "-epochs";
  }

  /** The feedback edge: each keyed instance's network delta per epoch, read back by every instance. */
  public String deltasTopic() {
    return topicPrefix + "-deltas";
  }
}
