package org.lanternfish.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.ingest.ContentKey;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.InputKind;
import org.lanternfish.ingest.Sources;
import org.lanternfish.ingest.Sources.Source;
import org.lanternfish.store.DuckDbEventStore;

/**
 * Makes a batch ingest idempotent per file: a file the store already holds (known by its {@link ContentKey}, so
 * also under another name or path) is named in the report instead of being read again, a file given twice is read
 * once, and the files read whole are recorded in the store's ledger for the next run.
 */
public final class StoredFiles {
  private final Map<String, String> stored;
  /** The files to be read in this run, by content key. */
  private final Map<String, String> fresh = new LinkedHashMap<>();

  private StoredFiles(Map<String, String> stored) {
    this.stored = stored;
  }

  /** The files {@code store} holds; with {@code force} none count as held, so every file is read again. */
  public static StoredFiles of(DuckDbEventStore store, boolean force) {
    return new StoredFiles(force ? Map.of() : store.storedFiles());
  }

  /** The input files of {@code inputs} still to read, in reading order; the others are named in {@code report}. */
  public List<Path> unstored(List<Path> inputs, IngestReport report) {
    List<Path> files = new ArrayList<>();
    for (Source source : Sources.find(inputs, report)) {
      Path file = source.file();
      if (source.kind() == InputKind.SIMULATOR_TRUTH) {
        files.add(file); // the reader names it as not input, every run
        continue;
      }
      String key;
      try {
        key = ContentKey.of(file);
      } catch (IOException unreadable) {
        files.add(file); // the reader reports why it cannot read it
        continue;
      }
      if (stored.containsKey(key)) {
        report.ignored(file.toString(), "already stored (read from " + stored.get(key) + "); --force reads it again");
      } else if (fresh.containsKey(key)) {
        report.ignored(file.toString(), "same content as " + fresh.get(key) + ", read once");
      } else {
        fresh.put(key, file.toString());
        files.add(file);
      }
    }
    return files;
  }

  /** Records in the store the files this run read whole; one rejected or cut short is tried again next time. */
  public void recordRead(DuckDbEventStore store, IngestReport report) {
    fresh.values().removeIf(path -> mentions(report.rejectedFiles(), path)
        || mentions(report.unreadablePaths(), path));
    store.recordStoredFiles(fresh);
  }

  private static boolean mentions(List<String> problems, String path) {
    return problems.stream().anyMatch(problem -> problem.startsWith(path + ": "));
  }
}
