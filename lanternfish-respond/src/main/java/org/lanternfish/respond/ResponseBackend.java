package org.lanternfish.respond;

import java.util.List;

/**
 * Something that enforces actions: a Linux gateway's nftables, a list firewalls poll, a webhook, an EDR's device
 * isolation. The {@link ActionLedger} holds what should be in force; a backend holds each action only until the
 * action's expiry, and {@link #reconcile} makes it hold exactly the ledger's actions again after drift or downtime.
 * A backend ignores the kinds of action it cannot enforce.
 */
public interface ResponseBackend extends AutoCloseable {

  /** The backend's name as settings, status and audit trail show it, such as {@code nftables}. */
  String name();

  /** Prepares whatever the backend needs (tables, sets, rules); safe to call again. */
  void install();

  /** Starts enforcing {@code action} until its expiry, counted from {@code now} (microseconds). */
  void apply(Action action, long now);

  /** Stops enforcing {@code action} now (a clearing); nothing happens when it is not held. */
  void release(Action action);

  /**
   * Makes the backend hold exactly {@code enforced}, each until its expiry: drift either way (an element lost, one
   * left over) is repaired, and nothing is held twice.
   */
  void reconcile(List<Action> enforced, long now);

  /** Lets go of what the backend holds open (a server, a connection); what it enforces stays. */
  @Override
  default void close() {}
}
