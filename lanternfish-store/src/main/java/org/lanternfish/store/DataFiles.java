package org.lanternfish.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Small files of the data directory (users, model switches, site configuration) replaced whole: written to a sibling
 * temporary file and moved over the old one, so a reader or a crash sees either the old contents or the new, never
 * half of each.
 */
public final class DataFiles {

  /** Writes a file's new contents to the stream it is given. */
  @FunctionalInterface
  public interface Contents {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Who may read the replaced file. */
  public enum Access {
    /** The process's default permissions. */
    DEFAULT,
    /** Its owner only (rw-------): secrets, password hashes. */
    OWNER_ONLY
  }

  private DataFiles() {}

  /** Replaces {@code file} with {@code contents}; on failure the old file is left as it was. */
  public static void replace(Path file, Access access, Contents contents) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.deleteIfExists(temporary);
      if (access == Access.OWNER_ONLY) {
        try {
          Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(temporary);
        }
      }
      try (OutputStream out = Files.newOutputStream(temporary)) {
        contents.writeTo(out);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the write failed already; that is the error worth reporting
      }
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
