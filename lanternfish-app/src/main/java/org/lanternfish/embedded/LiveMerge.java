package org.lanternfish.embedded;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.tail.TailPosition;

/**
 * Puts the lines a tail reads from several live logs back into one time order before detection sees them, the order
 * {@link TimeOrderedReader} gives the same files in a batch (earliest first; ties by log type, then by log), so a
 * follower finds the breaches a batch ingest of the same files finds however its reads were cut.
 *
 * <p>A tail reads one log after another, so when it reaches the end of {@code dns.log} the writer may already have
 * put later lines into {@code conn.log}. Lines are therefore released only up to the latest time seen by the end of
 * the <em>previous</em> poll: a sensor writes its logs in time order, so by then every line up to that time is on
 * disk and has been read. What is held back is neither fed nor stored, and its position not committed: after a
 * crash it is simply read again. A line older than what was already released (a connection Zeek logs when it ends)
 * goes out at the next release, in the order read.
 */
final class LiveMerge {
  /** Lines read and not released, per live log in the order read; a null event only moves the position. */
  private final Map<String, ArrayDeque<Held>> held = new TreeMap<>();
  /** The position after the last line released, per live log. */
  private final Map<String, TailPosition> reached = new TreeMap<>();
  private long seen = Long.MIN_VALUE;

  private record Held(Event event, TailPosition end) {}

  /** Takes what the tail read of one line: its events, and the position just past it. */
  void add(List<Event> events, TailPosition end) {
    ArrayDeque<Held> queue = held.computeIfAbsent(end.source(), source -> new ArrayDeque<>());
    if (events.isEmpty()) {
      queue.add(new Held(null, end));
    }
    for (Event event : events) {
      queue.add(new Held(event, end));
      seen = Math.max(seen, event.ts());
    }
  }

  /** The latest event time read so far; what may be released after the next poll. */
  long seen() {
    return seen;
  }

  /** Hands {@code sink} every held line up to {@code watermark} in time order; returns the events released. */
  int release(long watermark, Consumer<Event> sink) {
    int released = 0;
    while (true) {
      ArrayDeque<Held> first = null;
      Event head = null;
      for (ArrayDeque<Held> queue : held.values()) {
        Event candidate = skipPositions(queue);
        if (candidate != null && candidate.ts() <= watermark && (head == null || before(candidate, head))) {
          first = queue;
          head = candidate;
        }
      }
      if (first == null) {
        return released;
      }
      Held line = first.poll();
      reached.put(line.end.source(), line.end);
      sink.accept(head);
      released++;
    }
  }

  /** The positions after the lines released since the last call, per live log, and forgets them. */
  Map<String, TailPosition> takeReached() {
    Map<String, TailPosition> taken = Map.copyOf(reached);
    reached.clear();
    return taken;
  }

  /** Moves the position past the lines at the head of {@code queue} that hold no event; returns its first event. */
  private Event skipPositions(ArrayDeque<Held> queue) {
    Held next = queue.peek();
    while (next != null && next.event == null) {
      queue.poll();
      reached.put(next.end.source(), next.end);
      next = queue.peek();
    }
    return next == null ? null : next.event;
  }

  /** Earlier first, then by log type; a tie of both keeps the logs' order (the queues are visited by name). */
  private static boolean before(Event a, Event b) {
    return a.ts() < b.ts() || a.ts() == b.ts() && a.logType().ordinal() < b.logType().ordinal();
  }
}
