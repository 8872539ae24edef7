package org.lanternfish.ingest.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;

/**
 * Follows the live logs of a Zeek {@code current/} directory ({@code conn.log}, {@code dns.log}, ...): reads lines
 * as they are appended, survives rotation (the live file renamed, a new one created) without losing or repeating
 * a line, and resumes after a restart from the positions its sink stored.
 *
 * <p>Each call to {@link #poll()} reads what is new and hands it to the sink line by line, each line's events with
 * the position just past it, so a sink that stores events and position in one transaction gets every line exactly
 * once, even across {@code kill -9}, and may hold back the latest lines by storing only an earlier position.
 */
public final class DirectoryTail implements AutoCloseable {
  /** Live Zeek names: a log name and {@code .log}, without the dates and times rotated files carry. */
  private static final Pattern LIVE_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.log");

  private final Path directory;
  private final Function<String, Optional<TailPosition>> savedPositions;
  private final TailSink sink;
  private final IngestReport report;
  private final Map<String, LiveFile> open = new TreeMap<>();
  /**
   * Where a live name's last file ended when it was rotated away before its successor existed (Zeek renames the live
   * file, then creates the new one): the next file of that name continues from here, not from the sink's older
   * stored position, so no line is handed on twice.
   */
  private final Map<String, TailPosition> between = new TreeMap<>();

  /**
   * Creates a tail of {@code directory}.
   *
   * @param savedPositions where each live name was when the last run stopped (empty for a first run)
   * @param sink stores events and positions together
   * @param report counts records and bad lines
   */
  public DirectoryTail(Path directory, Function<String, Optional<TailPosition>> savedPositions, TailSink sink,
      IngestReport report) {
    this.directory = directory;
    this.savedPositions = savedPositions;
    this.sink = sink;
    this.report = report;
  }

  /** Reads everything new in every live file; returns the number of events handed to the sink. */
  public long poll() throws IOException {
    long events = 0;
    for (String name : followedNames()) {
      if (!open.containsKey(name)) {
        TailPosition left = between.remove(name);
        events += resume(name, left != null ? Optional.of(left) : savedPositions.apply(name));
      }
    }
    for (String name : List.copyOf(open.keySet())) {
      events += follow(name);
    }
    return events;
  }

  /**
   * The live names to follow: those of the live files, and those of rotated files ({@code conn.<stamp>.log} stands
   * for {@code conn.log}) whose live file is not there at the moment (renamed away, its successor not created yet),
   * so what was written to them before a restart is read without waiting for the log's next line.
   */
  private List<String> followedNames() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).map(DirectoryTail::liveNameOf).filter(n -> n != null)
          .distinct().sorted().toList();
    }
  }

  private static String liveNameOf(String fileName) {
    if (LIVE_NAME.matcher(fileName).matches()) {
      return fileName;
    }
    int dot = fileName.indexOf('.');
    String live = dot < 0 ? null : fileName.substring(0, dot) + ".log";
    return live != null && fileName.endsWith(".log") && fileName.length() > live.length()
        && LIVE_NAME.matcher(live).matches() ? live : null;
  }

  /**
   * Opens a live name, continuing from {@code at} (where the last run, or the file just rotated away, stopped): the
   * file read then (found by identity even if renamed since), the files rotated after it, then the live file. On a
   * first run ({@code at} empty) rotated files already beside the live one are read before it.
   */
  private long resume(String name, Optional<TailPosition> from) throws IOException {
    Path live = directory.resolve(name);
    TailPosition at = from.orElse(null);
    long events = 0;
    while (true) {
      String liveKey = LiveFile.keyOf(live);
      List<Path> chain = rotatedSiblings(name);
      int start = 0;
      if (at != null && LiveFile.isFileOf(at, live, liveKey)) {
        start = chain.size();
      } else if (at != null) {
        start = indexOfFile(chain, at);
        if (start < 0 && !(Objects.equals(LiveFile.keyOf(live), liveKey) && rotatedSiblings(name).equals(chain))) {
          // Rotated while we looked (the live file was looked up, then renamed before the rotated files were
          // listed): the file read last time is likely among the rotated ones now, so look again before judging.
          continue;
        }
        if (start < 0) {
          report.rejected(name, "the file read last time (" + at.fileKey() + ") is gone; lines written to it after"
              + " line " + at.line() + " could not be read");
          start = chain.size();
          // The files rotated since count as read, so the report is made once, not on every poll.
          at = chain.isEmpty() ? null : endOf(chain.getLast(), name);
        }
      }
      for (int i = start; i < chain.size(); i++) {
        boolean continuing = at != null && i == start;
        try (LiveFile old = LiveFile.open(chain.get(i), name, continuing ? at.offset() : 0,
            continuing ? at.line() : 0, report)) {
          if (old != null) {
            events += drain(old, true);
            at = old.position();
          }
        }
      }
      if (liveKey == null) {
        // Renamed away and its successor not created yet: what the rotated files held is read; go on from there.
        if (at != null) {
          between.put(name, at);
        }
        return events;
      }
      boolean continuing = at != null && LiveFile.isFileOf(at, live, liveKey);
      LiveFile current = LiveFile.open(live, name, continuing ? at.offset() : 0, continuing ? at.line() : 0, report);
      if (current == null || !current.fileKey().equals(liveKey)) {
        // The live file was rotated while we worked: go round again, the one we expected is now a rotated file.
        if (current != null) {
          current.close();
        }
        continue;
      }
      open.put(name, current);
      if (!continuing || current.position().offset() < at.offset()) {
        events += emit(current.position(), List.of());
      }
      return events;
    }
  }

  /** The position at the end of {@code file} as it is now. */
  private static TailPosition endOf(Path file, String name) throws IOException {
    String key = LiveFile.keyOf(file);
    if (key == null) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      return new TailPosition(name, key, size, 0, LiveFile.headHash(channel, Math.min(size, LiveFile.HEAD_BYTES)));
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  private static int indexOfFile(List<Path> files, TailPosition position) throws IOException {
    for (int i = 0; i < files.size(); i++) {
      if (LiveFile.isFileOf(position, files.get(i), LiveFile.keyOf(files.get(i)))) {
        return i;
      }
    }
    return -1;
  }


  /**
   * Files rotated from a live name in the same directory ({@code conn.log} to {@code conn.<stamp>.log}), oldest
   * first by their names: Zeek's stamps ({@code conn.2024-01-01-13-00-00.log}) and counters sort as they were
   * rotated, numbers compared as numbers. Not by modification time: a clock stepped back (a virtual machine resumed,
   * time synchronised) gives later files earlier times, and a restart would then read an older file again.
   */
  private List<Path> rotatedSiblings(String liveName) throws IOException {
    String stem = liveName.substring(0, liveName.length() - ".log".length()) + ".";
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> rotated = new ArrayList<>(files
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(stem) && n.endsWith(".log") && !n.equals(liveName) && Files.isRegularFile(p);
          })
          .toList());
      rotated.sort(Comparator.comparing(p -> p.getFileName().toString(), DirectoryTail::compareNaturally));
      return rotated;
    }
  }

  /** Compares names by their runs of digits as numbers and the rest as text ({@code a.9.log} before {@code a.10.log}). */
  static int compareNaturally(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        String numberA = stripZeros(a.substring(i, endA));
        String numberB = stripZeros(b.substring(j, endB));
        int order = numberA.length() != numberB.length() ? Integer.compare(numberA.length(), numberB.length())
            : numberA.compareTo(numberB);
        if (order != 0) {
          return order;
        }
        i = endA;
        j = endB;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    int byLength = Integer.compare(a.length() - i, b.length() - j);
    return byLength != 0 ? byLength : a.compareTo(b);
  }

  private static int digitsEnd(String text, int from) {
    int end = from;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static String stripZeros(String digits) {
    int first = 0;
    while (first < digits.length() - 1 && digits.charAt(first) == '0') {
      first++;
    }
    return digits.substring(first);
  }

  /** Reads new lines of an open live name; on rotation finishes the old file and moves on to the new one. */
  private long follow(String name) throws IOException {
    LiveFile current = open.get(name);
    long events = drain(current, false);
    if (current.fileKey().equals(LiveFile.keyOf(directory.resolve(name)))) {
      return events;
    }
    // Rotated: anything written before the rename is read now from the still-open channel.
    events += drain(current, true);
    current.close();
    open.remove(name);
    return events + resume(name, Optional.of(current.position()));
  }

  private long drain(LiveFile file, boolean finished) throws IOException {
    long events = 0;
    while (file.readAvailable()) {
      events += emitRead(file, true);
    }
    if (finished) {
      file.finish();
    }
    return events + emitRead(file, finished);
  }

  /**
   * Hands on what {@code file} parsed, the events of each line with the position just past that line, so a sink
   * may keep any prefix of them; then, when {@code always}, the position reached even if no event came with it.
   */
  private long emitRead(LiveFile file, boolean always) {
    List<TailPosition> ends = file.drainEnds();
    List<Event> events = file.drainEvents();
    TailPosition reached = file.position();
    int from = 0;
    for (int i = 1; i <= events.size(); i++) {
      if (i == events.size() || !ends.get(i).equals(ends.get(from))) {
        sink.accept(events.subList(from, i), ends.get(from));
        from = i;
      }
    }
    if (always && (events.isEmpty() || !ends.get(events.size() - 1).equals(reached))) {
      sink.accept(List.of(), reached);
    }
    return events.size();
  }

  private long emit(TailPosition position, List<Event> events) {
    sink.accept(events, position);
    return events.size();
  }

  @Override
  public void close() throws IOException {
    for (LiveFile file : open.values()) {
      file.close();
    }
    open.clear();
  }
}
