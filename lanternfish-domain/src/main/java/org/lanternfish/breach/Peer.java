package org.lanternfish.breach;

import java.util.Objects;

/**
 * The other endpoint of a breach, with what it is: one of our devices, an address outside them, or a domain.
 *
 * @param kind what the value names
 * @param value a device id, an IP address or a domain name
 */
public record Peer(Kind kind, String value) {

  /** What a peer's value names. */
  public enum Kind {
    /** One of our devices, by its device id. */
    DEVICE,
    /** An address that is not one of our devices. */
    ADDRESS,
    /** A domain name. */
    DOMAIN
  }

  /** Rejects a peer without a kind or a value. */
  public Peer {
    Objects.requireNonNull(kind, "kind");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a peer needs a value");
    }
  }

  /** The peer's value, or null when there is no peer; for consumers that only show it. */
  public static String valueOf(Peer peer) {
    return peer == null ? null : peer.value;
  }

  @Override
  public String toString() {
    return value;
  }
}
