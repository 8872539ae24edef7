package org.lanternfish.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.lanternfish.respond.Action;
import org.lanternfish.respond.AuditEntry;
import org.lanternfish.respond.DryRun;
import org.lanternfish.respond.Reachable;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.store.ConnectionHistory.ConnectionTally;

/**
 * A response action as the API and the actions page show it: times as instants, its audit trail, and (for one
 * action) its dry run.
 *
 * @param id the action's id
 * @param kind what it stops: block_connections, block_outgoing, block_incoming, quarantine, pattern_of_life,
 *     group_pattern_of_life
 * @param state pending_confirmation, active, expired, cleared or failed
 * @param target how an analyst reads the target, such as {@code 10.0.3.7 -> 10.0.0.20:445}
 * @param device the device's id
 * @param address the device's address
 * @param peer the other end, or null
 * @param port the port, or 0 for every port
 * @param reasons the breaches (or incident) behind it
 * @param start when it was created
 * @param expiry when it stops
 * @param audit every change, oldest first
 * @param dryRun what it would have cut, or null in lists
 * @param reachable for a pattern of life, the peers and ports the device may still open connections to; else null
 * @param isolation for a quarantine, how Defender isolates the device ({@code full} or {@code selective}); null for
 *     the Defender backend's own setting
 */
public record ActionView(String id, String kind, String state, String target, String device, String address,
    String peer, int port, List<String> reasons, Instant start, Instant expiry, List<Change> audit,
    DryRunView dryRun, List<Reachable> reachable, String isolation) {

  /**
   * One change in an action's audit trail.
   *
   * @param at when
   * @param actor a user, {@code cli:<user>}, {@code policy:<rule>}, the ledger or a backend
   * @param change what happened
   * @param note the reason given, or null
   */
  public record Change(Instant at, String actor, String change, String note) {}

  /**
   * What the action would have cut.
   *
   * @param days the days of stored connections looked at
   * @param total the matching connections
   * @param connections per other end and port, most first
   */
  public record DryRunView(int days, long total, List<Tally> connections) {}

  /**
   * Connections with one other end on one port.
   *
   * @param peer the other end
   * @param port the responder's port
   * @param connections how many
   * @param first the first one
   * @param last the last one
   */
  public record Tally(String peer, int port, long connections, Instant first, Instant last) {}

  /** The view of {@code a}, with {@code dryRun} when given. */
  public static ActionView of(Action a, DryRun dryRun) {
    return new ActionView(a.id(), lower(a.kind().name()), lower(a.state().name()), a.target().describe(),
        a.target().device(), a.target().address(), a.target().peer(), a.target().port(), a.reasons(),
        ResponseService.instant(a.start()), ResponseService.instant(a.expiry()),
        a.audit().stream().map(ActionView::change).toList(),
        dryRun == null ? null : new DryRunView(dryRun.days(), dryRun.total(),
            dryRun.connections().stream().map(ActionView::tally).toList()),
        a.kind().isPatternOfLife() ? a.reachable() : null,
        a.isolation() == null ? null : lower(a.isolation().name()));
  }

  private static Change change(AuditEntry e) {
    return new Change(ResponseService.instant(e.ts()), e.actor(), e.change(), e.note());
  }

  private static Tally tally(ConnectionTally t) {
    return new Tally(t.peer(), t.port(), t.connections(), ResponseService.instant(t.firstMicros()),
        ResponseService.instant(t.lastMicros()));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

}
