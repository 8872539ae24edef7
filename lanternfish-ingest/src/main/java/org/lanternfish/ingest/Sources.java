package org.lanternfish.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The input files under the paths a user gives, each with its {@link InputKind}: the one way every command finds
 * and classifies what to read. Folders are walked through symbolic links (Zeek's {@code logs/current} is one); a
 * link that loops back is noted and not followed, and a folder or file that cannot be read is reported with its path
 * as {@link IngestReport#unreadable} while the rest is read.
 */
public final class Sources {
  /**
   * One input file and its kind.
   *
   * @param file the file
   * @param kind what it holds
   */
  public record Source(Path file, InputKind kind) {}

  private Sources() {}

  /**
   * The files of the inputs in reading order: a file given by name as it is; a folder's logs in time order (see
   * {@link LogFiles}), then its captures by name. Problems met on the way go to {@code report}.
   */
  public static List<Source> find(List<Path> inputs, IngestReport report) {
    List<Source> found = new ArrayList<>();
    for (Path input : inputs) {
      if (!Files.isDirectory(input)) {
        if (!Files.isReadable(input)) {
          report.unreadable(input.toString(), Files.exists(input) ? "permission denied" : "no such file");
        } else {
          found.add(new Source(input, InputKind.of(input)));
        }
        continue;
      }
      List<Path> logs = new ArrayList<>();
      List<Path> captures = new ArrayList<>();
      for (Path file : under(input, report)) {
        (InputKind.capturedName(file) ? captures : logs).add(file);
      }
      for (Path log : LogFiles.inTimeOrder(input, logs)) {
        found.add(new Source(log, InputKind.of(log)));
      }
      captures.stream().sorted().forEach(capture -> found.add(new Source(capture, InputKind.CAPTURE)));
    }
    return found;
  }

  /** The candidate files under a folder ({@link InputKind#candidate}), through symbolic links, unordered. */
  static List<Path> under(Path directory, IngestReport report) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (!InputKind.candidate(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (attributes.isSymbolicLink()) {
                // The walk follows links, so a link it hands over as a link points at nothing.
                report.unreadable(file.toString(), "symbolic link to a missing file");
              } else if (attributes.isRegularFile() && !Files.isReadable(file)) {
                report.unreadable(file.toString(), "permission denied");
              } else if (attributes.isRegularFile()) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                // The folder is read where the walk first met it; reading it again would double its records.
                report.ignored(file.toString(), "symbolic link loops back to a folder already read");
              } else {
                report.unreadable(file.toString(), reason(e));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              if (e != null) {
                report.unreadable(dir.toString(), reason(e));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      report.unreadable(directory.toString(), reason(e));
    }
    return files;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
