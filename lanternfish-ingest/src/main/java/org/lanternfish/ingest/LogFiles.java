package org.lanternfish.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.event.Event;

/**
 * Finds the log files under a directory and orders them by time, so archived Zeek trees
 * ({@code 2024-01-01/conn.00:00:00-01:00:00.log.gz}) replay in the order they were written.
 */
public final class LogFiles {
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern STAMPED =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[-_T](\\d{2})[-:_](\\d{2})[-:_](\\d{2})");
  private static final Pattern ROTATION = Pattern.compile("\\.(\\d{2})[:_](\\d{2})[:_](\\d{2})[-_.]");

  private LogFiles() {}

  /**
   * The log files under a directory (see {@link InputKind#candidate}; captures are left to tshark), through symbolic
   * links, in time order (see {@link #inTimeOrder}); folders and files that cannot be read go to {@code report}.
   */
  public static List<Path> discover(Path directory, IngestReport report) {
    return inTimeOrder(directory, Sources.under(directory, report).stream()
        .filter(file -> !InputKind.capturedName(file)).toList());
  }

  /**
   * Log files found under {@code directory} ordered by start time: the date folder plus the rotation time in the
   * name when both are known, else the time of the first record, then by path.
   */
  static List<Path> inTimeOrder(Path directory, List<Path> files) {
    List<Dated> dated = new ArrayList<>(files.size());
    // The folder given counts as part of the name: a day folder of a Zeek archive may be read on its own.
    Path named = directory.toAbsolutePath().normalize().getFileName();
    for (Path file : files) {
      Path relative = directory.relativize(file);
      long start = startMicros(named == null ? relative : named.resolve(relative));
      dated.add(new Dated(file, start != Long.MAX_VALUE ? start : firstRecordMicros(file)));
    }
    dated.sort(Comparator.comparingLong(Dated::start).thenComparing(d -> d.file().toString()));
    return dated.stream().map(Dated::file).toList();
  }

  private record Dated(Path file, long start) {}

  private static long startMicros(Path relative) {
    Matcher stamped = STAMPED.matcher(relative.getFileName().toString());
    if (stamped.find()) {
      // Zeek's own rotation names the file by its start: conn.2024-01-01-10-00-00.log.
      return LocalDate.of(Integer.parseInt(stamped.group(1)), Integer.parseInt(stamped.group(2)),
          Integer.parseInt(stamped.group(3))).atTime(Integer.parseInt(stamped.group(4)),
          Integer.parseInt(stamped.group(5)), Integer.parseInt(stamped.group(6))).toEpochSecond(ZoneOffset.UTC)
          * 1_000_000;
    }
    Matcher date = DATE.matcher(relative.toString().replace('\\', '/'));
    Matcher rotation = ROTATION.matcher(relative.getFileName().toString());
    if (date.find() && rotation.find()) {
      long day = LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
          Integer.parseInt(date.group(3))).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      long seconds = day + Integer.parseInt(rotation.group(1)) * 3600L + Integer.parseInt(rotation.group(2)) * 60L
          + Integer.parseInt(rotation.group(3));
      return seconds * 1_000_000;
    }
    return Long.MAX_VALUE;
  }

  /** The time of the first timed record of a file, or {@link Long#MAX_VALUE} when it has none near its start. */
  static long firstRecordMicros(Path file) {
    long[] first = {Long.MAX_VALUE};
    IngestReport ignored = new IngestReport();
    if (InputKind.of(file) == InputKind.DEFENDER_ALERTS) {
      // One file covers the whole period of its alerts, in no particular order.
      LogReader.readFile(file, e -> {
        if (e.ts() != Event.NO_TIME) {
          first[0] = Math.min(first[0], e.ts());
        }
      }, ignored);
      return first[0];
    }
    try (InputStream in = LogReader.open(file)) {
      byte[] head = in.readNBytes(1 << 16);
      int start = 0;
      long line = 0;
      LogParser parser = new LogParser(file.toString(), e -> {
        if (first[0] == Long.MAX_VALUE && e.ts() != Event.NO_TIME) {
          first[0] = e.ts();
        }
      }, ignored);
      for (int i = 0; i < head.length && first[0] == Long.MAX_VALUE; i++) {
        if (head[i] == '\n') {
          parser.acceptLine(head, start, i - start, ++line);
          start = i + 1;
        }
      }
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
    return first[0];
  }
}
