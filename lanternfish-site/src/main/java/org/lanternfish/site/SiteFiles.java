package org.lanternfish.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the site's files (watch lists, model files, thresholds) are read from: the data directory on disk, or the
 * texts a {@link SiteSnapshot} carried to another machine, so both read them through the same parsers.
 */
public interface SiteFiles {
  /** The data directory on disk. */
  SiteFiles DISK = new SiteFiles() {
    @Override
    public String read(Path file) throws IOException {
      return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    @Override
    public List<Path> list(Path folder) throws IOException {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(folder)) {
        return files.toList();
      }
    }
  };

  /** The text of {@code file}, or null when there is no such regular file. */
  String read(Path file) throws IOException;

  /** The entries of {@code folder}, none when it is not a folder. */
  List<Path> list(Path folder) throws IOException;
}
