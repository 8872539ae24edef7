package org.lanternfish.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Plays a simulator's archive (daily folders of hourly rotated, gzip'd Zeek logs) into a live {@code current/}
 * directory as a Zeek sensor would: every log appended line by line in time order across logs, each rotated (renamed,
 * a new file begun with its header) when the archive's hour changes. Test support shared by the live tests.
 */
public final class LiveLogs {
  private final List<Hour> hours;
  private int rotations;

  private LiveLogs(List<Hour> hours) {
    this.hours = hours;
  }

  /** Reads every {@code *.log.gz} of a simulator's output. */
  public static LiveLogs of(Path archive) throws IOException {
    Map<String, Hour> byStamp = new TreeMap<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log.gz")).sorted().toList()) {
        String name = file.getFileName().toString();
        String log = name.substring(0, name.indexOf('.'));
        String stamp = file.getParent().getFileName() + " " + name.substring(log.length() + 1, name.length() - 7);
        byStamp.computeIfAbsent(stamp, s -> new Hour()).read(log, file);
      }
    }
    return new LiveLogs(new ArrayList<>(byStamp.values()));
  }

  /** Lines of events in the archive. */
  public long lines() {
    return hours.stream().mapToLong(hour -> hour.lines.size()).sum();
  }

  /** Appends every line to {@code live}, about {@code linesPerSecond} a second; returns the lines written. */
  public long play(Path live, int linesPerSecond) {
    return play(live, linesPerSecond, Double.MAX_VALUE);
  }

  /**
   * Appends the lines up to {@code untilSeconds} (event time, seconds since the epoch) to {@code live}, about
   * {@code linesPerSecond} a second; returns the lines written.
   */
  public long play(Path live, int linesPerSecond, double untilSeconds) {
    long written = 0;
    long start = System.nanoTime();
    try {
      for (Hour hour : hours) {
        for (Map.Entry<String, String> header : hour.headers.entrySet()) {
          rotate(live, header.getKey(), header.getValue());
        }
        Map<String, Writer> writers = new HashMap<>();
        try {
          for (Line line : hour.lines) {
            if (line.ts > untilSeconds) {
              return written;
            }
            Writer out = writers.computeIfAbsent(line.log, log -> open(live.resolve(log + ".log")));
            out.write(line.text);
            out.write('\n');
            written++;
            if (written % 50 == 0) {
              // Zeek's writers flush in bursts; so does this, keeping its pace.
              for (Writer writer : writers.values()) {
                writer.flush();
              }
              long due = start + written * 1_000_000_000L / linesPerSecond;
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
            }
          }
        } finally {
          for (Writer writer : writers.values()) {
            writer.close();
          }
        }
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the live logs failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return written;
    }
  }

  private void rotate(Path live, String log, String header) throws IOException {
    Path current = live.resolve(log + ".log");
    if (Files.exists(current)) {
      // Zero-padded, so the rotated files sort by name as they do by time.
      Files.move(current, live.resolve(String.format("%s.%05d.log", log, ++rotations)));
    }
    Files.writeString(current, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
  }

  private static Writer open(Path file) {
    try {
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One hour of the archive: each log's header, and the lines of all logs merged by time. */
  private static final class Hour {
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<Line> lines = new ArrayList<>();

    void read(String log, Path file) throws IOException {
      StringBuilder header = new StringBuilder();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
        for (String text = in.readLine(); text != null; text = in.readLine()) {
          if (text.startsWith("#close")) {
            continue;
          }
          if (text.startsWith("#")) {
            header.append(text).append('\n');
          } else {
            lines.add(new Line(Double.parseDouble(text.substring(0, text.indexOf('\t'))), log, text));
          }
        }
      }
      headers.put(log, header.toString());
      lines.sort(Comparator.comparingDouble(Line::ts));
    }
  }

  private record Line(double ts, String log, String text) {}
}
