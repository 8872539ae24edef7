package org.lanternfish.respond;

/** What a response action stops. */
public enum ActionKind {
  /** New connections from the device to one address (and port, when given). */
  BLOCK_CONNECTIONS,
  /** Every connection the device opens. */
  BLOCK_OUTGOING,
  /** Every connection opened to the device. */
  BLOCK_INCOMING,
  /** Everything but the never-block destinations (domain controllers, DNS, gateways). */
  QUARANTINE
}
