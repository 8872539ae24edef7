package org.lanternfish.baseline;

/** Stable 64-bit fingerprints of names, the same on every JVM, so sketches and snapshots agree across runs. */
public final class Fingerprint {

  private Fingerprint() {}

  /** The fingerprint of one string (FNV-1a over its chars, then a finaliser that spreads the bits). */
  public static long of(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** The fingerprint of an ordered pair of strings, such as a kind and a name. */
  public static long of(String a, String b) {
    return mix(of(a) * 31 + of(b));
  }

  /** The fingerprint of an ordered triple of strings. */
  public static long of(String a, String b, String c) {
    return mix(of(a, b) * 31 + of(c));
  }

  /** Spreads the bits of a 64-bit value (the murmur3 finaliser). */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
