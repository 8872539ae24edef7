package org.lanternfish.ingest.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * <p>Each call to {@link #poll()} reads what is new and hands it to the sink together with the position reached,
 * so a sink that stores both in one transaction gets every line exactly once, even across {@code kill -9}.
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
    for (String name : liveNames()) {
      if (!open.containsKey(name)) {
        events += resume(name);
      }
    }
    for (String name : List.copyOf(open.keySet())) {
      events += follow(name);
    }
    return events;
  }

  private List<String> liveNames() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> LIVE_NAME.matcher(n).matches()).sorted()
          .toList();
    }
  }

  /**
   * Opens a live name for the first time in this run, continuing where the last run stopped: the file it was reading
   * (found by identity even if renamed since), then the files rotated after it, then the live file. On a first run,
   * rotated files already beside the live one are read before it.
   */
  private long resume(String name) throws IOException {
    Path live = directory.resolve(name);
    String liveKey = LiveFile.keyOf(live);
    if (liveKey == null) {
      return 0;
    }
    Optional<TailPosition> saved = savedPositions.apply(name);
    if (saved.isPresent() && saved.get().fileKey().equals(liveKey) && Files.size(live) >= saved.get().offset()) {
      open.put(name, LiveFile.open(live, name, liveKey, saved.get().offset(), saved.get().line(), report));
      return 0;
    }
    long events = 0;
    List<Path> rotated = rotatedSiblings(name);
    List<Path> backlog = rotated;
    if (saved.isPresent() && !saved.get().fileKey().equals(liveKey)) {
      Optional<Path> last = findByKey(saved.get().fileKey());
      if (last.isPresent()) {
        try (LiveFile old = LiveFile.open(last.get(), name, saved.get().fileKey(), saved.get().offset(),
            saved.get().line(), report)) {
          events += drain(old, true);
        }
        backlog = rotated.subList(rotated.indexOf(last.get()) + 1, rotated.size());
      } else {
        report.rejected(name, "the file read last time (" + saved.get().fileKey() + ") is gone; lines written to it"
            + " after line " + saved.get().line() + " before rotation could not be read");
        backlog = List.of();
      }
    } else if (saved.isPresent()) {
      // Same file but shorter than the saved offset: it was truncated in place, so it is read again from the top.
      backlog = List.of();
    }
    for (Path file : backlog) {
      try (LiveFile old = LiveFile.open(file, name, LiveFile.keyOf(file), 0, 0, report)) {
        events += drain(old, true);
      }
    }
    LiveFile fresh = LiveFile.open(live, name, liveKey, 0, 0, report);
    open.put(name, fresh);
    return events + emit(fresh.position(), List.of());
  }

  /** Files rotated from a live name in the same directory ({@code conn.log} to {@code conn.<stamp>.log}), oldest first. */
  private List<Path> rotatedSiblings(String liveName) throws IOException {
    String stem = liveName.substring(0, liveName.length() - ".log".length()) + ".";
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> rotated = new ArrayList<>(files
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(stem) && n.endsWith(".log") && !n.equals(liveName) && Files.isRegularFile(p);
          })
          .toList());
      rotated.sort(Comparator.comparing((Path p) -> modified(p)).thenComparing(Path::toString));
      return rotated;
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException gone) {
      return FileTime.fromMillis(0);
    }
  }

  private Optional<Path> findByKey(String key) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && key.equals(LiveFile.keyOf(file))) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  /** Reads new lines of an open live name; on rotation finishes the old file and moves to the new one. */
  private long follow(String name) throws IOException {
    LiveFile current = open.get(name);
    long events = drain(current, false);
    String liveKey = LiveFile.keyOf(directory.resolve(name));
    if (current.fileKey().equals(liveKey)) {
      return events;
    }
    // Rotated: anything written before the rename is read now from the still-open channel.
    events += drain(current, true);
    current.close();
    open.remove(name);
    if (liveKey != null) {
      LiveFile fresh = LiveFile.open(directory.resolve(name), name, liveKey, 0, 0, report);
      open.put(name, fresh);
      events += emit(fresh.position(), List.of());
      events += drain(fresh, false);
    }
    return events;
  }

  private long drain(LiveFile file, boolean finished) throws IOException {
    long events = 0;
    // Each read covers at most one buffer of lines, so every batch is small and carries its exact position.
    while (file.readAvailable()) {
      events += emit(file.position(), file.drainEvents());
    }
    if (finished) {
      file.finish();
    }
    List<Event> rest = file.drainEvents();
    if (finished || !rest.isEmpty()) {
      events += emit(file.position(), rest);
    }
    return events;
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
