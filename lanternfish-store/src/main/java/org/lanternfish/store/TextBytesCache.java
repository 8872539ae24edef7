package org.lanternfish.store;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of one text column's recently stored values, for one chunk being converted at a time.
 *
 * <p>The parsers give repeated values (protocols, services, states, histories) one String instance each, so a
 * direct-mapped table keyed by instance answers a repeat with one hash and one reference compare instead of encoding
 * the text again and allocating its bytes. A column whose values seldom repeat (uid, URIs) would only pay for hashing
 * every value, so after a chunk that mostly missed it encodes without looking up for the next {@value #SKIPPED_CHUNKS}
 * chunks, then tries again.
 */
final class TextBytesCache {
  private static final int SLOTS = 1 << 8;
  private static final int SKIPPED_CHUNKS = 16;

  private final String[] texts = new String[SLOTS];
  private final byte[][] bytes = new byte[SLOTS][];
  private int lookups;
  private int hits;
  private int chunksToSkip;

  /** The UTF-8 bytes of {@code text}, or null for null; the caller must not change them. */
  byte[] bytes(String text) {
    if (text == null) {
      return null;
    }
    if (chunksToSkip > 0) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    lookups++;
    int hash = text.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    if (texts[slot] == text) {
      hits++;
      return bytes[slot];
    }
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    texts[slot] = text;
    bytes[slot] = encoded;
    return encoded;
  }

  /** Ends a chunk of values: one where fewer than half the lookups hit starts a run of chunks without lookups. */
  void endChunk() {
    if (chunksToSkip > 0) {
      chunksToSkip--;
    } else if (hits * 2 < lookups) {
      chunksToSkip = SKIPPED_CHUNKS;
    }
    lookups = 0;
    hits = 0;
  }
}
