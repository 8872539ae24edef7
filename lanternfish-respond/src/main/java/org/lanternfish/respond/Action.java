package org.lanternfish.respond;

import java.util.ArrayList;
import java.util.List;
import org.lanternfish.microsoft.defender.MachineActions;

/**
 * A response action: what it stops, why (the breaches or incident behind it), when it started and when it expires,
 * its state and everything that was done to it. Immutable: every change makes a new action with one more audit entry.
 *
 * @param id stable identifier
 * @param kind what it stops
 * @param target the device, and the peer and port for a connection block
 * @param reasons ids of the breaches (or incident) behind it
 * @param start when it was created, in microseconds since the Unix epoch
 * @param expiry when it stops being enforced, in microseconds since the Unix epoch
 * @param state where it is in its life
 * @param audit every change, oldest first
 * @param reachable for a pattern-of-life action, the peers and ports the device may still open connections to; empty
 *     for every other kind
 * @param isolation for a quarantine, how Defender isolates the device; null for the Defender backend's own setting
 */
public record Action(String id, ActionKind kind, ActionTarget target, List<String> reasons, long start, long expiry,
    ActionState state, List<AuditEntry> audit, List<Reachable> reachable, MachineActions.Isolation isolation) {

  /** Makes the lists immutable; state saved before pattern-of-life actions existed has no reachable peers. */
  public Action {
    reasons = List.copyOf(reasons);
    audit = List.copyOf(audit);
    reachable = reachable == null ? List.of() : List.copyOf(reachable);
  }

  /** True while the action is enforced at {@code now}. */
  public boolean enforcedAt(long now) {
    return state == ActionState.ACTIVE && now < expiry;
  }

  /** This action with more reasons behind it, a change the audit trail records. */
  Action joinedBy(List<String> more, AuditEntry entry) {
    List<String> all = new ArrayList<>(reasons);
    all.addAll(more);
    List<AuditEntry> trail = new ArrayList<>(audit);
    trail.add(entry);
    return new Action(id, kind, target, all, start, expiry, state, trail, reachable, isolation);
  }

  /** This action in another state and with another expiry, after a change that the audit trail records. */
  Action with(ActionState newState, long newExpiry, AuditEntry entry) {
    List<AuditEntry> trail = new ArrayList<>(audit);
    trail.add(entry);
    return new Action(id, kind, target, reasons, start, newExpiry, newState, trail, reachable, isolation);
  }
}
