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
  QUARANTINE,
  /** Only the peers and ports the device itself used before the last day: its pattern of life. */
  PATTERN_OF_LIFE,
  /** Only the peers and ports its peer group used before the last day: the group's pattern of life. */
  GROUP_PATTERN_OF_LIFE;

  /** True for the kinds that leave a device only the peers and ports of a pattern of life. */
  public boolean isPatternOfLife() {
    return this == PATTERN_OF_LIFE || this == GROUP_PATTERN_OF_LIFE;
  }
}
