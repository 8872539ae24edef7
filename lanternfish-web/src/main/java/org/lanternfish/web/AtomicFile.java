package org.lanternfish.web;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file of the data directory whole: the new contents go to a temporary file beside it, which is then
 * moved over it, so a reader (or a crash) sees the old file or the new one, never half of one.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Replaces {@code file} with {@code contents}, readable by its owner only when {@code ownerOnly}. */
  public static void replace(Path file, byte[] contents, boolean ownerOnly) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    if (ownerOnly) {
      try {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(temporary);
      }
    }
    Files.write(temporary, contents);
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
