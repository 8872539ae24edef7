package org.lanternfish.embedded;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.NetworkEvent;

/** Counts what an analyst asks first of a log set: the time it spans, and its internal and external hosts. */
public final class TrafficSummary implements Consumer<Event> {
  private final Set<String> internalHosts = new HashSet<>();
  private final Set<String> externalHosts = new HashSet<>();
  private long firstTs = Long.MAX_VALUE;
  private long lastTs = Long.MIN_VALUE;
  private long events;

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
    if (address == null || internalHosts.contains(address) || externalHosts.contains(address)) {
      return;
    }
    (isInternal(address) ? internalHosts : externalHosts).add(address);
  }

  /** True for private, loopback, link-local and unique-local addresses: the hosts of the monitored network. */
  public static boolean isInternal(String address) {
    if (address.indexOf(':') >= 0) {
      String lower = address.toLowerCase(java.util.Locale.ROOT);
      return lower.equals("::1") || lower.startsWith("fc") || lower.startsWith("fd") || lower.startsWith("fe8")
          || lower.startsWith("fe9") || lower.startsWith("fea") || lower.startsWith("feb");
    }
    int[] octets = new int[4];
    int index = 0;
    int value = -1;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c == '.') {
        if (value < 0 || index == 3) {
          return false;
        }
        octets[index++] = value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    if (value < 0 || index != 3) {
      return false;
    }
    octets[3] = value;
    return octets[0] == 10
        || (octets[0] == 172 && octets[1] >= 16 && octets[1] <= 31)
        || (octets[0] == 192 && octets[1] == 168)
        || (octets[0] == 169 && octets[1] == 254)
        || octets[0] == 127;
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
    return internalHosts.size();
  }

  /** Distinct external addresses seen. */
  public int externalHosts() {
    return externalHosts.size();
  }
}
