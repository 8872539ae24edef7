package org.lanternfish.store;

import java.util.List;
import java.util.Map;

/**
 * What the commits produced, in commit order, for consumers outside the core (web UI, response actions, exporters);
 * each named consumer keeps its position here, so after a restart it resumes after the last entry it finished.
 */
public interface Outbox {
  /** Up to {@code limit} entries with a sequence number above {@code afterSeq}, in commit order. */
  List<OutboxEntry> read(long afterSeq, int limit);

  /** The sequence number {@code consumer} last finished, 0 when it never advanced. */
  long position(String consumer);

  /** Records that {@code consumer} finished every entry up to {@code seq}; a position never moves back. */
  void advance(String consumer, long seq);

  /**
   * Records that {@code consumer} finished every entry up to {@code seq} and saves its learned state by name in the
   * same transaction, so a consumer that crashes resumes with exactly the state that matches its position.
   */
  void advance(String consumer, long seq, Map<String, byte[]> state);
}
