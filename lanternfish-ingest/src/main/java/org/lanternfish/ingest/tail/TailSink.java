package org.lanternfish.ingest.tail;

import java.util.List;
import org.lanternfish.event.Event;

/** Receives what a tail read, together with the position it reached; both must be kept atomically. */
@FunctionalInterface
public interface TailSink {

  /** Keeps {@code events} and records {@code position} as the place to resume from, all or nothing. */
  void accept(List<Event> events, TailPosition position);
}
