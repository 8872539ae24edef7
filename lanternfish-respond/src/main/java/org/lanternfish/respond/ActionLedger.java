package org.lanternfish.respond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.microsoft.defender.MachineActions;

/**
 * The one record of every response action's intended state and expiry, whatever backend enforces it. It decides
 * whether a proposed action may start (the never-block list, a recent clearing of the same action, an action already
 * in force), how long it lasts (fixed, or escalating for repeat offenders), and keeps every change in the action's
 * audit trail. Backends reconcile with it; it does no I/O. Time is given by the caller (event or wall time alike).
 * Not thread-safe.
 */
public final class ActionLedger {

  /**
   * An action a policy or a person asks for.
   *
   * @param kind what to stop
   * @param target whom
   * @param reasons ids of the breaches (or incident) behind it
   * @param durationMicros how long, unless escalating
   * @param escalating true to take the duration from the escalation ladder for repeat offenders
   * @param autonomous true to enforce at once, false to wait for a person's confirmation
   * @param actor who asks: a user, or {@code policy:<rule>}
   * @param reachable for a pattern-of-life action, the peers and ports the device may still reach
   * @param isolation for a quarantine, how Defender isolates the device; null for the backend's own setting
   */
  public record Proposal(ActionKind kind, ActionTarget target, List<String> reasons, long durationMicros,
      boolean escalating, boolean autonomous, String actor, List<Reachable> reachable,
      MachineActions.Isolation isolation) {

    /** Makes the lists immutable. */
    public Proposal {
      reasons = List.copyOf(reasons);
      reachable = List.copyOf(reachable);
    }

    /** A proposal of an action that is not a pattern of life. */
    public Proposal(ActionKind kind, ActionTarget target, List<String> reasons, long durationMicros,
        boolean escalating, boolean autonomous, String actor) {
      this(kind, target, reasons, durationMicros, escalating, autonomous, actor, List.of(), null);
    }

    /** The same proposal, waiting for a person's confirmation instead of enforced at once. */
    public Proposal awaitingConfirmation() {
      return new Proposal(kind, target, reasons, durationMicros, escalating, false, actor, reachable, isolation);
    }

    /** The same proposal leaving the device {@code peers} and nothing else. */
    public Proposal reaching(List<Reachable> peers) {
      return new Proposal(kind, target, reasons, durationMicros, escalating, autonomous, actor, peers, isolation);
    }
  }

  /**
   * What came of a proposal: the new or existing action, or why there is none.
   *
   * @param action the action now in the ledger for this proposal, or null when refused
   * @param created true when the proposal made a new action
   * @param refusal why no action was taken, or null
   */
  public record Decision(Action action, boolean created, String refusal) {}

  private static final String ID_PREFIX = "A-";

  private final NeverBlock neverBlock;
  private final Escalation escalation;
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private long sequence;

  /** An empty ledger that checks {@code neverBlock} and escalates repeat offenders along {@code escalation}. */
  public ActionLedger(NeverBlock neverBlock, Escalation escalation) {
    this(neverBlock, escalation, List.of());
  }

  /** A ledger holding {@code actions} as {@link #all()} gave them; new actions are numbered after theirs. */
  public ActionLedger(NeverBlock neverBlock, Escalation escalation, List<Action> actions) {
    this.neverBlock = neverBlock;
    this.escalation = escalation;
    for (Action a : actions) {
      this.actions.put(a.id(), a);
      sequence = Math.max(sequence, Long.parseLong(a.id().substring(ID_PREFIX.length())));
    }
  }

  /** Decides on a proposal at {@code now} and records the action it makes or joins. */
  public Decision propose(Proposal p, long now) {
    String protectedBy = neverBlock.protecting(p.target().address());
    if (protectedBy != null) {
      return new Decision(null, false, p.target().address() + " is on the never-block list (" + protectedBy + ")");
    }
    protectedBy = neverBlock.protecting(p.target().peer());
    if (protectedBy != null) {
      return new Decision(null, false, p.target().peer() + " is on the never-block list (" + protectedBy + ")");
    }
    int recent = 0;
    for (Action a : actions.values()) {
      if (a.kind() != p.kind() || !a.target().equals(p.target())) {
        continue;
      }
      if (!a.state().isFinal()) {
        return new Decision(join(a, p, now), false, null);
      }
      if (a.state() == ActionState.CLEARED && now < a.expiry() && shareReason(a, p)) {
        AuditEntry cleared = a.audit().get(a.audit().size() - 1);
        return new Decision(null, false, "cleared by " + cleared.actor() + " for the same breach; suppressed until"
            + " it would have expired");
      }
      if (now - a.start() < escalation.memoryMicros()) {
        recent++;
      }
    }
    long duration = p.escalating() ? escalation.duration(recent) : p.durationMicros();
    if (duration <= 0) {
      return new Decision(null, false, "duration must be positive, got " + duration + " µs");
    }
    String id = String.format(ID_PREFIX + "%06d", ++sequence);
    ActionState state = p.autonomous() ? ActionState.ACTIVE : ActionState.PENDING_CONFIRMATION;
    String change = p.autonomous() ? "created and enforced" : "created, awaiting confirmation";
    String note = recent > 0 ? "repeat offender: step " + (recent + 1) : null;
    if (p.kind().isPatternOfLife()) {
      String usual = "usual peers and ports kept: " + p.reachable().size();
      note = note == null ? usual : note + "; " + usual;
    }
    Action a = new Action(id, p.kind(), p.target(), p.reasons(), now, now + duration, state,
        List.of(new AuditEntry(now, p.actor(), change, note)), p.reachable(), p.isolation());
    actions.put(id, a);
    return new Decision(a, true, null);
  }

  private Action join(Action a, Proposal p, long now) {
    List<String> added = p.reasons().stream().filter(r -> !a.reasons().contains(r)).toList();
    if (added.isEmpty()) {
      return a;
    }
    return put(a.joinedBy(added, new AuditEntry(now, p.actor(), "joined by " + String.join(", ", added), null)));
  }

  private static boolean shareReason(Action a, Proposal p) {
    return p.reasons().stream().anyMatch(a.reasons()::contains);
  }

  /** Starts enforcing a pending action for its full duration from {@code now}. */
  public Action confirm(String id, String actor, long now) {
    Action a = open(id);
    if (a.state() != ActionState.PENDING_CONFIRMATION) {
      throw new IllegalStateException(id + " is " + a.state() + ", not pending confirmation");
    }
    return put(a.with(ActionState.ACTIVE, now + (a.expiry() - a.start()), new AuditEntry(now, actor, "confirmed",
        null)));
  }

  /** Moves an open action's expiry {@code byMicros} later. */
  public Action extend(String id, long byMicros, String actor, long now) {
    if (byMicros <= 0) {
      throw new IllegalArgumentException("an extension must be positive, got " + byMicros + " µs");
    }
    Action a = open(id);
    return put(a.with(a.state(), a.expiry() + byMicros, new AuditEntry(now, actor, "extended",
        "by " + byMicros / 60_000_000L + " min")));
  }

  /** Lifts an open action now; the same action for the same breaches is not proposed again before it would expire. */
  public Action clear(String id, String actor, String note, long now) {
    Action a = open(id);
    return put(a.with(ActionState.CLEARED, a.expiry(), new AuditEntry(now, actor, "cleared", note)));
  }

  /** Marks an open action failed because a backend could not enforce it. */
  public Action fail(String id, String reason, long now) {
    Action a = open(id);
    return put(a.with(ActionState.FAILED, a.expiry(), new AuditEntry(now, "backend", "failed", reason)));
  }

  /**
   * Ends every open action whose time ran out by {@code now} and returns them as they now are; forgets ended actions
   * older than the escalation's memory, which no longer count towards anything.
   */
  public List<Action> expire(long now) {
    actions.values().removeIf(a -> a.state().isFinal() && now - a.expiry() > escalation.memoryMicros());
    List<Action> expired = new ArrayList<>();
    for (Action a : List.copyOf(actions.values())) {
      if (!a.state().isFinal() && now >= a.expiry()) {
        expired.add(put(a.with(ActionState.EXPIRED, a.expiry(), new AuditEntry(now, "ledger", "expired", null))));
      }
    }
    return expired;
  }

  /** The actions enforced at {@code now}, oldest first: what every backend should hold. */
  public List<Action> enforced(long now) {
    return actions.values().stream().filter(a -> a.enforcedAt(now)).toList();
  }

  /** The action with this id, if any. */
  public Optional<Action> get(String id) {
    return Optional.ofNullable(actions.get(id));
  }

  /** Every action, oldest first. */
  public List<Action> all() {
    return List.copyOf(actions.values());
  }

  private Action open(String id) {
    Action a = actions.get(id);
    if (a == null) {
      throw new IllegalArgumentException("no action " + id);
    }
    if (a.state().isFinal()) {
      throw new IllegalStateException(id + " is already " + a.state().name().toLowerCase(Locale.ROOT));
    }
    return a;
  }

  private Action put(Action a) {
    actions.put(a.id(), a);
    return a;
  }
}
