package org.lanternfish.store;

import java.util.List;

/** The stored connections between addresses, counted per other end and port: what a response action would cut. */
public interface ConnectionHistory {

  /** Which side of a connection the address is. */
  enum Side {
    /** Connections the address opened. */
    OPENED,
    /** Connections opened to the address. */
    ACCEPTED,
    /** Both. */
    EITHER
  }

  /**
   * Connections on {@code side} of {@code address}, with {@code peer} (any when null) on the responder's
   * {@code port} (any when 0), in the {@code days} before {@code endMicros} or before the newest stored connection
   * when that is earlier (so replayed logs of the past still answer); most connections first.
   */
  List<ConnectionTally> connections(String address, Side side, String peer, int port, long endMicros, int days,
      int limit);

  /**
   * The peers and ports {@code address} opened connections to in the {@code days} before {@code endMicros} (or before
   * the newest stored connection, as {@link #connections} says) and had first used more than a day before that end:
   * its pattern of life before the last day. With {@code group}, those of its peer group instead: the
   * {@code groupSize} other addresses whose connections share the most peers and ports with its own in those days.
   * Most connections first.
   */
  List<ConnectionTally> usual(String address, boolean group, int groupSize, long endMicros, int days, int limit);

  /**
   * The connections with one other end on one port.
   *
   * @param peer the other end's address
   * @param port the responder's port
   * @param connections how many
   * @param firstMicros the first one's time
   * @param lastMicros the last one's time
   */
  record ConnectionTally(String peer, int port, long connections, long firstMicros, long lastMicros) {}
}
