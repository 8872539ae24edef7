package org.lanternfish.respond;

import java.util.List;
import java.util.Set;

/**
 * The rules that turn breaches into response actions. The default is the seed's story: when a device breaches on
 * the network and a security integration (Defender) alerts on the same device within an hour of it, block the
 * connections behind the network breach, and new connections to that endpoint on that port, for two hours, at once.
 *
 * @param rules the rules, each answered on its own
 */
public record ResponsePolicy(List<ResponseRule> rules) {

  private static final long MINUTE = 60_000_000L;
  private static final long HOUR = 60 * MINUTE;

  /** Makes the rules immutable. */
  public ResponsePolicy {
    rules = List.copyOf(rules);
  }

  /** The shipped policy. */
  public static ResponsePolicy defaults() {
    return new ResponsePolicy(List.of(new ResponseRule("network-and-integration-alert", Set.of(), Set.of(), 0, 100,
        true, HOUR, ActionKind.BLOCK_CONNECTIONS, 2 * HOUR, false, true)));
  }
}
