package org.lanternfish.embedded;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.NetworkEvent;

/** Counts what an analyst asks first of a log set: the time it spans, and its internal and external hosts. */
public final class TrafficSummary implements Consumer<Event> {
  private static final int RECENT_SLOTS = 4096;
  private final Predicate<String> internal;
  /** Every address seen, so each is counted once; the counts say which side it is on. */
  private final Set<String> hosts = new HashSet<>();
  /**
   * The address instance last counted in each slot by hash. Readers give each address one shared instance, so most
   * addresses are found here by reference, without probing {@link #hosts}, whose tens of thousands of entries miss
   * the cache: the summary took 2.1% of the CPU samples of a simulated day's whole ingest with the set alone, 1.3% with
   * this in front of it.
   */
  private final String[] recent = new String[RECENT_SLOTS];
  private int internalHosts;
  private long firstTs = Long.MAX_VALUE;
  private long lastTs = Long.MIN_VALUE;
  private long events;

  /** A summary that counts the addresses {@code internal} accepts (the site's networks) as internal hosts. */
  public TrafficSummary(Predicate<String> internal) {
    this.internal = internal;
  }

  @Override
  public void accept(Event event) {
    events++;
    long ts = event.ts();
    if (ts != Event.NO_TIME) {
      firstTs = Math.min(firstTs, ts);
      lastTs = Math.max(lastTs, ts);
    }
    if (event instanceof NetworkEvent network && network.id() != null) {
      FlowId id = network.id();
      host(id.origHost());
      host(id.respHost());
    }
  }

  private void host(String address) {
    if (address == null) {
      return;
    }
    int slot = address.hashCode() & (RECENT_SLOTS - 1);
    if (recent[slot] == address) {
      return;
    }
    recent[slot] = address;
    if (hosts.add(address) && internal.test(address)) {
      internalHosts++;
    }
  }

  /** Number of events seen. */
  public long events() {
    return events;
  }

  /** Earliest event time in microseconds, or {@link Event#NO_TIME} when no event had a time. */
  public long firstTs() {
    return firstTs == Long.MAX_VALUE ? Event.NO_TIME : firstTs;
  }

  /** Latest event time in microseconds, or {@link Event#NO_TIME} when no event had a time. */
  public long lastTs() {
    return lastTs == Long.MIN_VALUE ? Event.NO_TIME : lastTs;
  }

  /** Distinct internal addresses seen (before device identity merges addresses into devices). */
  public int internalHosts() {
    return internalHosts;
  }

  /** Distinct external addresses seen. */
  public int externalHosts() {
    return hosts.size() - internalHosts;
  }
}
