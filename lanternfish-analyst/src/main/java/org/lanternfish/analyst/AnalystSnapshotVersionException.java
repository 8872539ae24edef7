package org.lanternfish.analyst;

/**
 * An analyst snapshot written by a Lanternfish whose format differs from this one's: it cannot be read, and the
 * caller decides whether to thread afresh (from the stored breaches, or from nothing) with a warning.
 */
public final class AnalystSnapshotVersionException extends IllegalArgumentException {

  private final int found;
  private final int supported;

  AnalystSnapshotVersionException(int found, int supported) {
    super("analyst snapshot version " + found + " is not supported (expected " + supported + ")");
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
