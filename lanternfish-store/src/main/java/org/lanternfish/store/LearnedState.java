package org.lanternfish.store;

import java.util.Optional;

/** Named pieces of learned state (the detection core's snapshot, later the Analyst's), saved by each commit. */
public interface LearnedState {
  /** The learned state last committed under {@code name}, if any. */
  Optional<byte[]> state(String name);
}
