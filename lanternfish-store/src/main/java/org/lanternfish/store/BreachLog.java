package org.lanternfish.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lanternfish.breach.Breach;

/** The stored model breaches, each with the sequence number of the commit that stored it. */
public interface BreachLog {
  /** Breaches with {@code from <= ts < to} and a score of at least {@code minScore}, newest first. */
  List<Breach> breaches(Instant from, Instant to, int minScore);

  /** Breaches stored after sequence number {@code afterSeq} with a score of at least {@code minScore}, in commit order. */
  List<OutboxEntry.BreachStored> breachesAfter(long afterSeq, int minScore, int limit);

  /** One page of the breaches {@code filter} selects, highest sequence number (latest committed) first. */
  List<OutboxEntry.BreachStored> breaches(BreachFilter filter);

  /** The breach with {@code id}, with its sequence number, if stored. */
  Optional<OutboxEntry.BreachStored> breach(String id);
}
