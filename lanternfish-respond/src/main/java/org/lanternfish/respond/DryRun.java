package org.lanternfish.respond;

import java.util.List;
import java.util.Set;
import org.lanternfish.store.ConnectionHistory;
import org.lanternfish.store.ConnectionHistory.ConnectionTally;

/**
 * What an action would have cut: the device's stored connections it matches in the {@link #DAYS} days before the
 * action started (or before the newest stored connection, for logs replayed from the past), per other end and port.
 * For a pattern of life, the connections the device opened to peers and ports outside it.
 *
 * @param days the days looked at
 * @param connections the matching connections, most first (at most {@link #LIMIT} lines)
 * @param total the matching connections on those lines
 */
public record DryRun(int days, List<ConnectionTally> connections, long total) {

  /** Days of stored connections a dry run looks at. */
  public static final int DAYS = 7;
  /** Lines of a dry run: other ends and ports. */
  public static final int LIMIT = 50;

  /** Makes the list immutable. */
  public DryRun {
    connections = List.copyOf(connections);
  }

  /** Lines of the device's connections a pattern-of-life dry run sorts into kept and cut. */
  private static final int PATTERN_SCAN_LIMIT = 10_000;

  /** The dry run of {@code action} over {@code history}. */
  public static DryRun of(Action action, ConnectionHistory history) {
    ActionTarget t = action.target();
    if (action.kind().isPatternOfLife()) {
      Set<Reachable> kept = Set.copyOf(action.reachable());
      List<ConnectionTally> cut = history.connections(t.address(), ConnectionHistory.Side.OPENED, null, 0,
          action.start(), DAYS, PATTERN_SCAN_LIMIT).stream()
          .filter(c -> !kept.contains(new Reachable(c.peer(), c.port()))).toList();
      return new DryRun(DAYS, cut.subList(0, Math.min(LIMIT, cut.size())),
          cut.stream().mapToLong(ConnectionTally::connections).sum());
    }
    List<ConnectionTally> found = switch (action.kind()) {
      case BLOCK_CONNECTIONS -> history.connections(t.address(), ConnectionHistory.Side.OPENED, t.peer(), t.port(),
          action.start(), DAYS, LIMIT);
      case BLOCK_OUTGOING -> history.connections(t.address(), ConnectionHistory.Side.OPENED, null, 0,
          action.start(), DAYS, LIMIT);
      case BLOCK_INCOMING -> history.connections(t.address(), ConnectionHistory.Side.ACCEPTED, null, 0,
          action.start(), DAYS, LIMIT);
      case QUARANTINE -> history.connections(t.address(), ConnectionHistory.Side.EITHER, null, 0, action.start(),
          DAYS, LIMIT);
      case PATTERN_OF_LIFE, GROUP_PATTERN_OF_LIFE -> throw new AssertionError("answered above");
    };
    return new DryRun(DAYS, found, found.stream().mapToLong(ConnectionTally::connections).sum());
  }
}
