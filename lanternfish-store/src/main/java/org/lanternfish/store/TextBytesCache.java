package org.lanternfish.store;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of one text column's recently stored values, for one bulk-load thread.
 *
 * <p>The parsers give repeated values (protocols, services, states, histories) one String instance each, so a
 * direct-mapped table keyed by instance answers a repeat with one hash and one reference compare instead of encoding
 * the text again and allocating its bytes. A column whose values never repeat (uid) only misses, for the price of
 * the hash.
 */
final class TextBytesCache {
  private static final int SLOTS = 1 << 8;

  private final String[] texts = new String[SLOTS];
  private final byte[][] bytes = new byte[SLOTS][];

  /** The UTF-8 bytes of {@code text}, or null for null; the caller must not change them. */
  byte[] bytes(String text) {
    if (text == null) {
      return null;
    }
    int hash = text.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    if (texts[slot] == text) {
      return bytes[slot];
    }
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    texts[slot] = text;
    bytes[slot] = encoded;
    return encoded;
  }
}
