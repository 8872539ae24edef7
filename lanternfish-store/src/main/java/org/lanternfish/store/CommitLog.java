package org.lanternfish.store;

/** Writes a {@link Commit} in one transaction and numbers what it produced for the {@link Outbox}. */
public interface CommitLog {
  /** Writes {@code commit} atomically; returns what it stored and the sequence numbers it gave out. */
  Committed commit(Commit commit);

  /**
   * What a commit stored.
   *
   * @param events events stored
   * @param firstSeq the first sequence number given out
   * @param lastSeq the last one; below {@code firstSeq} when the commit produced no outbox entry
   */
  record Committed(long events, long firstSeq, long lastSeq) {
    /** Outbox entries this commit produced (new breaches and incident updates). */
    public long entries() {
      return lastSeq - firstSeq + 1;
    }
  }
}
