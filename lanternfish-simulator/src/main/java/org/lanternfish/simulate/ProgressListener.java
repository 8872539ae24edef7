package org.lanternfish.simulate;

/** Hears how far a simulation has got, so a terminal can draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total, records, note) -> {};

  /**
   * Called every few simulated minutes.
   *
   * @param done simulated minutes finished
   * @param total simulated minutes in the run
   * @param records log records written so far
   * @param note what is being simulated, such as {@code day 2/7 2026-11-03}
   */
  void progress(long done, long total, long records, String note);
}
