package org.lanternfish.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Small files of the data directory (users, model switches and thresholds, the site configuration, the allowlist)
 * replaced whole: written to a sibling temporary file and moved over the old one, so a reader or a crash sees either
 * the old contents or the new, never half of each.
 */
public final class DataFiles {

  /** Who may read the replaced file. */
  public enum Access {
    /** The process's default permissions. */
    DEFAULT,
    /** Its owner only (rw-------): secrets, password hashes. */
    OWNER_ONLY
  }

  private DataFiles() {}

  /** Replaces {@code file} with {@code contents}; on failure the old file is left as it was. */
  public static void replace(Path file, byte[] contents, Access access) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      if (access == Access.OWNER_ONLY) {
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
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }
}
