package org.lanternfish.store;

import java.time.Instant;

/**
 * Which stored breaches to list, newest commit first, one page at a time.
 *
 * @param minScore the lowest score shown
 * @param model a model's stable id or full name, or null for every model
 * @param device a device (host name or address) that breached or was the peer, or null for every device
 * @param from the earliest breach time shown, inclusive, or null
 * @param to the breach time shown up to, exclusive, or null
 * @param beforeSeq the cursor: only breaches with a lower sequence number, or {@link Long#MAX_VALUE} for the first page
 * @param limit the page size
 */
public record BreachFilter(int minScore, String model, String device, Instant from, Instant to, long beforeSeq,
    int limit) {
  /** Every breach, first page of {@code limit}. */
  public static BreachFilter all(int limit) {
    return new BreachFilter(0, null, null, null, null, Long.MAX_VALUE, limit);
  }
}
