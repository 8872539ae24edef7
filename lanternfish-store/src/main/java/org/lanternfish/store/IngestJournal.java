package org.lanternfish.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What ingestion has done: live-tail positions, malformed input and run summaries. */
public interface IngestJournal {
  /** The last checkpoint committed for {@code source}, if any. */
  Optional<IngestCheckpoint> checkpoint(String source);

  /** Every committed checkpoint, ordered by source. */
  List<IngestCheckpoint> checkpoints();

  /** Counts {@code problems} by class and keeps a few located samples of each. */
  void recordIngestProblems(List<IngestProblem> problems);

  /**
   * Like {@link #recordIngestProblems(List)} for a reader that kept only a few located samples per class: each class
   * is counted as {@code totals} says (at least as many as its samples).
   */
  void recordIngestProblems(List<IngestProblem> samples, Map<String, Long> totals);

  /** Records the summary of one ingest run. */
  void recordIngestRun(IngestRun run);
}
