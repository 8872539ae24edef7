package org.lanternfish.store;

/**
 * The {@link AddressKey} halves of recently stored addresses, for one chunk being converted at a time.
 *
 * <p>The parsers give every address one String instance (they intern it), and a network's logs name the same few
 * thousand addresses over and over; parsing each address's text again took a third of the bulk feed's Java time on
 * 1M conn events. A direct-mapped table keyed by instance answers a repeat with one hash and one reference compare.
 */
final class AddressKeyCache {
  private static final int SLOTS = 1 << 12;

  private final String[] addresses = new String[SLOTS];
  private final long[] highs = new long[SLOTS];
  private final long[] lows = new long[SLOTS];
  private final long[] halves = new long[2];

  /**
   * Looks up the key of {@code address}, parsing it on a miss.
   *
   * @return the slot whose {@link #high} and {@link #low} hold the key, or -1 when the text is not an address
   */
  int find(String address) {
    if (address == null) {
      return -1;
    }
    int hash = address.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    if (addresses[slot] == address) {
      return slot;
    }
    if (!AddressKey.parse(address, halves)) {
      return -1;
    }
    addresses[slot] = address;
    highs[slot] = halves[0];
    lows[slot] = halves[1];
    return slot;
  }

  /** The high half of the key in {@code slot}. */
  long high(int slot) {
    return highs[slot];
  }

  /** The low half of the key in {@code slot}. */
  long low(int slot) {
    return lows[slot];
  }
}
