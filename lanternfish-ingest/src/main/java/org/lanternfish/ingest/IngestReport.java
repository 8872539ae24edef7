package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lanternfish.event.LogType;

/**
 * What one ingestion run read: records per log type, bad lines per {@link Malformation} with the first few
 * {@code file:line} locations, log types skipped, and files rejected. Not thread-safe: give each reader its own
 * report and {@link #merge} them.
 */
public final class IngestReport {
  /** How many locations are kept per malformation class. */
  public static final int SAMPLES_PER_CLASS = 20;

  private final long[] records = new long[LogType.values().length];
  private final long[] malformed = new long[Malformation.values().length];
  private final Map<Malformation, List<String>> samples = new EnumMap<>(Malformation.class);
  private final Map<String, Long> skipped = new TreeMap<>();
  private final List<String> rejected = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();
  private final Map<String, Long> lines = new java.util.HashMap<>();
  private final TimeWindow window;
  private long files;

  /** A report whose readers accept the {@link TimeWindow#USUAL} event times. */
  public IngestReport() {
    this(TimeWindow.USUAL);
  }

  /** A report whose readers accept event times within {@code window}. */
  public IngestReport(TimeWindow window) {
    this.window = window;
  }

  /** The event times the readers counting into this report accept. */
  public TimeWindow window() {
    return window;
  }

  /** An empty report for another reader of the same run, with the same window, to {@link #merge} later. */
  public IngestReport fresh() {
    return new IngestReport(window);
  }

  /** Counts one record emitted. */
  public void record(LogType type) {
    records[type.ordinal()]++;
  }

  /** Counts one bad line or header and keeps its location when fewer than {@link #SAMPLES_PER_CLASS} are kept. */
  public void malformed(Malformation kind, String source, long line, String reason) {
    malformed[kind.ordinal()]++;
    List<String> kept = samples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (kept.size() < SAMPLES_PER_CLASS) {
      kept.add(source + ":" + line + ": " + reason);
    }
  }

  /** Counts one record of a log type Lanternfish does not read, such as {@code tunnel} or Suricata {@code anomaly}. */
  public void skipped(String logName) {
    skipped.merge(logName, 1L, Long::sum);
  }

  /** Records that a whole file was rejected, with the reason. */
  public void rejected(String source, String reason) {
    rejected.add(source + ": " + reason);
  }

  /**
   * Records a file or folder that could not be read at all (permissions, too many open files, a symlink loop): its
   * input was skipped, which the run must not pass over in silence.
   */
  public void unreadable(String path, String reason) {
    unreadable.add(path + ": " + reason);
  }

  /** Records a file that is deliberately not read, such as the simulator's ground truth, with the reason. */
  public void ignored(String path, String reason) {
    ignored.add(path + ": " + reason);
  }

  /** Notes how many lines a file had when its reader reached its end (its next lines, if it grows, come after). */
  public void linesRead(String source, long count) {
    lines.put(source, count);
  }

  /** The lines read of a file up to its end, or -1 when it was not read to its end. */
  public long linesRead(String source) {
    return lines.getOrDefault(source, -1L);
  }

  /** Counts one file opened. */
  public void fileRead() {
    files++;
  }

  /** Adds everything another report counted to this one. */
  public void merge(IngestReport other) {
    for (int i = 0; i < records.length; i++) {
      records[i] += other.records[i];
    }
    for (Malformation kind : Malformation.values()) {
      malformed[kind.ordinal()] += other.malformed[kind.ordinal()];
      for (String sample : other.samples(kind)) {
        List<String> kept = samples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < SAMPLES_PER_CLASS) {
          kept.add(sample);
        }
      }
    }
    other.skipped.forEach((name, count) -> skipped.merge(name, count, Long::sum));
    rejected.addAll(other.rejected);
    unreadable.addAll(other.unreadable);
    ignored.addAll(other.ignored);
    lines.putAll(other.lines);
    files += other.files;
  }

  /** Records emitted of one type. */
  public long records(LogType type) {
    return records[type.ordinal()];
  }

  /** Records emitted of all types. */
  public long totalRecords() {
    long sum = 0;
    for (long count : records) {
      sum += count;
    }
    return sum;
  }

  /** Bad lines or headers of one class. */
  public long malformed(Malformation kind) {
    return malformed[kind.ordinal()];
  }

  /** Bad lines or headers of all classes. */
  public long totalMalformed() {
    long sum = 0;
    for (long count : malformed) {
      sum += count;
    }
    return sum;
  }

  /** The first kept {@code file:line: reason} locations of one class. */
  public List<String> samples(Malformation kind) {
    return Collections.unmodifiableList(samples.getOrDefault(kind, List.of()));
  }

  /** Records per skipped log name, sorted by name. */
  public Map<String, Long> skippedTypes() {
    return Collections.unmodifiableMap(skipped);
  }

  /** Records of all skipped log types. */
  public long totalSkipped() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rejected files as {@code file: reason}. */
  public List<String> rejectedFiles() {
    return Collections.unmodifiableList(rejected);
  }

  /** Files and folders that could not be read, as {@code path: reason}. */
  public List<String> unreadablePaths() {
    return Collections.unmodifiableList(unreadable);
  }

  /** Files deliberately not read, as {@code path: reason}. */
  public List<String> ignoredFiles() {
    return Collections.unmodifiableList(ignored);
  }

  /** Files opened. */
  public long filesRead() {
    return files;
  }

  /** This report as one JSON object, for the CLI and the REST API. */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("files", files);
      json.writeNumberField("records", totalRecords());
      json.writeObjectFieldStart("recordsByType");
      for (LogType type : LogType.values()) {
        if (records(type) > 0) {
          json.writeNumberField(type.logName(), records(type));
        }
      }
      json.writeEndObject();
      json.writeNumberField("malformed", totalMalformed());
      json.writeObjectFieldStart("malformedByClass");
      for (Malformation kind : Malformation.values()) {
        if (malformed(kind) > 0) {
          json.writeObjectFieldStart(kind.name());
          json.writeNumberField("count", malformed(kind));
          json.writeArrayFieldStart("first");
          for (String sample : samples(kind)) {
            json.writeString(sample);
          }
          json.writeEndArray();
          json.writeEndObject();
        }
      }
      json.writeEndObject();
      json.writeObjectFieldStart("skippedTypes");
      for (Map.Entry<String, Long> entry : skipped.entrySet()) {
        json.writeNumberField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("rejectedFiles");
      for (String file : rejected) {
        json.writeString(file);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("unreadable");
      for (String path : unreadable) {
        json.writeString(path);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("ignoredFiles");
      for (String path : ignored) {
        json.writeString(path);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(files).append(" files, ").append(totalRecords()).append(" records");
    for (LogType type : LogType.values()) {
      if (records(type) > 0) {
        text.append(' ').append(type.logName()).append('=').append(records(type));
      }
    }
    text.append(", ").append(totalMalformed()).append(" malformed");
    for (Malformation kind : Malformation.values()) {
      if (malformed(kind) > 0) {
        text.append(' ').append(kind).append('=').append(malformed(kind));
      }
    }
    if (!skipped.isEmpty()) {
      text.append(", skipped ").append(skipped);
    }
    if (!rejected.isEmpty()) {
      text.append(", rejected ").append(rejected);
    }
    if (!unreadable.isEmpty()) {
      text.append(", unreadable ").append(unreadable);
    }
    if (!ignored.isEmpty()) {
      text.append(", ignored ").append(ignored);
    }
    return text.toString();
  }
}
