package org.lanternfish.detect;

/**
 * A snapshot written by a Lanternfish whose learned-state format differs from this one's: it cannot be read, and
 * the caller decides whether to start learning afresh.
 */
public final class SnapshotVersionException extends IllegalArgumentException {

  private final int found;
  private final int supported;

  /** A snapshot of format {@code found} offered to a reader of format {@code supported}. */
  public SnapshotVersionException(int found, int supported) {
    super("snapshot version " + found + " is not supported (expected " + supported + ")");
    this.found = found;
    this.supported = supported;
  }

  /** The version the snapshot was written in. */
  public int found() {
    return found;
  }

  /** The version this build reads and writes. */
  public int supported() {
    return supported;
  }
}
