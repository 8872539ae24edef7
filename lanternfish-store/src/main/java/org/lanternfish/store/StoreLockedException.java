package org.lanternfish.store;

import java.nio.file.Path;

/** Another process owns the data directory, so this one may not write to it. */
public final class StoreLockedException extends StoreException {
  private final long pid;

  /** Creates the exception for {@code directory} held by process {@code pid} (-1 when unknown). */
  public StoreLockedException(Path directory, long pid, String hint) {
    super("data directory " + directory + " is in use by process " + (pid < 0 ? "(unknown pid)" : pid)
        + (hint == null ? "" : "; " + hint));
    this.pid = pid;
  }

  /** The process that holds the directory, or -1 when it could not be read. */
  public long pid() {
    return pid;
  }
}
