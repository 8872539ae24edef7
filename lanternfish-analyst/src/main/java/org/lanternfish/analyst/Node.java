package org.lanternfish.analyst;

import java.util.Comparator;
import java.util.List;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;

/**
 * A breach as threading sees it: its arrival index, its kind of step, its marks and its internal peer (or null).
 */
record Node(int index, Breach breach, Step step, List<Mark> marks, String internalPeer) {

  /** The entity naming the breaching device's address, so a peer given as an address still finds the device. */
  static final String DEVICE_IP = Entities.DEVICE_IP;

  /** Orders nodes by event time, then breach id, so ties resolve the same way whatever the arrival order. */
  static final Comparator<Node> CHRONOLOGICAL =
      Comparator.comparingLong((Node n) -> n.breach().ts()).thenComparing(n -> n.breach().id());

  /** Whether a peer name denotes this breach's device: its id, or the address it had at the time. */
  boolean names(String peer) {
    return peer.equals(breach.device()) || peer.equals(breach.entities().get(DEVICE_IP));
  }
}
