package org.lanternfish.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import org.lanternfish.event.Event;

/** Formats what commands print: JSON for machines, times and spans for people. */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  /** Pretty JSON of a map, list or record. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** A JSON text as a tree, to embed a component's own JSON in a command's output. */
  static Object parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("component wrote invalid JSON", e);
    }
  }

  /** ISO-8601 UTC for an event time in microseconds, or null when unknown. */
  static String isoTime(long micros) {
    return micros == Event.NO_TIME ? null : Instant.EPOCH.plusNanos(micros * 1000).toString();
  }

  /** A short human span such as "6d 4h 12m" between two event times. */
  static String span(long fromMicros, long toMicros) {
    if (fromMicros == Event.NO_TIME || toMicros == Event.NO_TIME) {
      return "no timestamps";
    }
    Duration d = Duration.ofNanos((toMicros - fromMicros) * 1000);
    if (d.toDays() > 0) {
      return String.format("%dd %dh %dm", d.toDays(), d.toHoursPart(), d.toMinutesPart());
    }
    if (d.toHours() > 0) {
      return String.format("%dh %dm %ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
    return String.format("%dm %ds", d.toMinutes(), d.toSecondsPart());
  }

  /** How a breach's device reads in a listing: its host name when known, else its id. */
  static String deviceLabel(org.lanternfish.breach.Breach breach) {
    String name = breach.entities().get("device_name");
    return name != null && !name.isBlank() ? name : breach.device();
  }

  /**
   * Tells stderr which inputs could not be read, one path and reason a line, and gives the exit code that says input
   * was skipped ({@code 3}); {@code 0} when everything was read.
   */
  static int skippedInput(org.lanternfish.ingest.IngestReport report, java.io.PrintWriter err) {
    if (report.unreadablePaths().isEmpty()) {
      return ExitCode.OK;
    }
    err.println("lanternfish: " + report.unreadablePaths().size() + " input path(s) could not be read; the rest was"
        + " read:");
    report.unreadablePaths().forEach(path -> err.println("  unreadable: " + path));
    err.flush();
    return ExitCode.INPUT;
  }

  /** A file's size, or 0 when it is gone or unreadable (the reader reports it). */
  static long size(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.size(file);
    } catch (java.io.IOException gone) {
      return 0;
    }
  }
}
