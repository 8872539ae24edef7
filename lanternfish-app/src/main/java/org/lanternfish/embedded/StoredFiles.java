package org.lanternfish.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.ingest.ContentKey;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.InputKind;
import org.lanternfish.ingest.Sources;
import org.lanternfish.ingest.Sources.Source;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.IngestedFile;

/**
 * Makes a batch ingest idempotent per file content and position: a file the store already holds (known by its
 * {@link ContentKey}, so also under another name or path) is named in the report instead of being read again, a file
 * given twice is read once, and a log that only grew since it was stored (same path, same first bytes) is read on
 * from the line where the last run reached its end. What each run read is noted in the store's ledger, in the commit
 * that stores its records.
 */
public final class StoredFiles {
  private final Map<String, IngestedFile> byContent = new HashMap<>();
  private final Map<String, IngestedFile> byPath = new HashMap<>();
  /** The files to be read in this run, by content key. */
  private final Map<String, IngestedFile> fresh = new LinkedHashMap<>();
  /** Of the files that grew, the lines stored before. */
  private final Map<Path, Long> storedLines = new LinkedHashMap<>();

  private StoredFiles(List<IngestedFile> stored) {
    for (IngestedFile file : stored) {
      byContent.put(file.contentKey(), file);
      byPath.merge(file.path(), file, (a, b) -> a.bytes() >= b.bytes() ? a : b);
    }
  }

  /** The files {@code store} holds; with {@code force} none count as held, so every file is read again whole. */
  public static StoredFiles of(DuckDbEventStore store, boolean force) {
    return new StoredFiles(force ? List.of() : store.storedFiles());
  }

  /**
   * The input files of {@code inputs} still to read, in reading order; the others are named in {@code report}. Of
   * those that grew, {@link #storedLines} tells where to read on.
   */
  public List<Path> unstored(List<Path> inputs, IngestReport report) {
    List<Path> files = new ArrayList<>();
    for (Source source : Sources.find(inputs, report)) {
      Path file = source.file();
      if (source.kind() == InputKind.SIMULATOR_TRUTH) {
        files.add(file); // the reader names it as not input, every run
        continue;
      }
      String skipped;
      IngestedFile current;
      try {
        long bytes = Files.size(file);
        current = new IngestedFile(ContentKey.of(file), file.toString(), bytes, ContentKey.head(file, bytes), 0);
        skipped = whyNotRead(source, current);
      } catch (IOException unreadable) {
        files.add(file); // the reader reports why it cannot read it
        continue;
      }
      if (skipped != null) {
        report.ignored(file.toString(), skipped);
      } else {
        fresh.put(current.contentKey(), current);
        files.add(file);
      }
    }
    return files;
  }

  /** Of the files to read that grew since a previous run stored them, the lines that run stored. */
  public Map<Path, Long> storedLines() {
    return storedLines;
  }

  /** Why a file is not read again, or null when it is to be read (on from its stored lines, if it grew). */
  private String whyNotRead(Source source, IngestedFile current) throws IOException {
    IngestedFile stored = byContent.get(current.contentKey());
    if (stored != null) {
      return "already stored (read from " + stored.path() + "); --force reads it again";
    }
    IngestedFile twin = fresh.get(current.contentKey());
    if (twin != null) {
      return "same content as " + twin.path() + ", read once";
    }
    IngestedFile before = byPath.get(current.path());
    if (before == null || before.bytes() >= current.bytes()
        || !ContentKey.head(source.file(), before.bytes()).equals(before.headKey())) {
      return null;
    }
    if (source.kind() != InputKind.LOG || before.lines() == 0) {
      // Read whole as one document, it cannot be read on from a line.
      return String.format("grew since it was stored (%,d bytes then, %,d now); --force reads it again whole",
          before.bytes(), current.bytes());
    }
    storedLines.put(source.file(), before.lines());
    return null;
  }

  /**
   * Of {@code files}, those this run read to their end, as the store's ledger notes them (to be committed with their
   * records); one rejected or cut short is tried again.
   */
  public List<IngestedFile> readWhole(List<Path> files, IngestReport report) {
    List<String> paths = files.stream().map(Path::toString).toList();
    List<IngestedFile> read = new ArrayList<>();
    for (IngestedFile file : fresh.values()) {
      long lines = report.linesRead(file.path());
      if (paths.contains(file.path()) && lines >= 0 && !mentions(report.rejectedFiles(), file.path())
          && !mentions(report.unreadablePaths(), file.path())) {
        read.add(new IngestedFile(file.contentKey(), file.path(), file.bytes(), file.headKey(), lines));
      }
    }
    return read;
  }

  private static boolean mentions(List<String> problems, String path) {
    return problems.stream().anyMatch(problem -> problem.startsWith(path + ": "));
  }
}
