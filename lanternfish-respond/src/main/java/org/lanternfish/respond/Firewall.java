package org.lanternfish.respond;

import java.util.List;

/**
 * A backend that enforces actions where traffic passes: a Linux gateway's nftables, a firewall polling a list. It
 * holds each action only until the action's expiry, on its own, so expiry holds even while Lanternfish is down.
 */
public interface Firewall {

  /** Prepares whatever the backend needs (tables, sets, rules); safe to call again. */
  void install();

  /** Starts enforcing {@code action} until its expiry, counted from {@code now} (microseconds). */
  void apply(Action action, long now);

  /** Stops enforcing {@code action} now (a clearing); nothing happens when it is not held. */
  void remove(Action action);

  /**
   * Makes the backend hold exactly {@code enforced}, each until its expiry: drift either way (an element lost, one
   * left over) is repaired, and nothing is held twice.
   */
  void reconcile(List<Action> enforced, long now);
}
