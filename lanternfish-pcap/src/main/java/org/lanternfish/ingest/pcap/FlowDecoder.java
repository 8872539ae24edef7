package org.lanternfish.ingest.pcap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;

/**
 * Turns one application protocol's fields into events, keeping per-flow state (pending requests,
 * bindings) until the flow ends.
 *
 * @param <S> the state this decoder keeps for one flow
 */
abstract class FlowDecoder<S> {

  /**
   * Requests one flow may leave unanswered before the oldest is written without its answer, so a
   * long flow that never answers (a sinkholed DNS tunnel) cannot grow without bound.
   */
  static final int MAX_PENDING = 1_000;

  private final Map<Flow, S> states = new HashMap<>();

  /** True when the packet carries this decoder's protocol, checked before {@link #decode}. */
  abstract boolean accepts(Packet packet);

  /** Reads the packet's fields, updating the flow's state and emitting finished records to the sink. */
  abstract void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink);

  /** A fresh state for a flow this decoder has not seen yet. */
  abstract S newState();

  /** Emits what the flow left pending (requests without responses) when it ends. */
  abstract void finish(Flow flow, S state, Consumer<Event> sink);

  /** Gives every decoder a look at packets it did not accept, for protocols that span layers. */
  void observe(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {}

  /** The flow's state, created on first use. */
  final S state(Flow flow) {
    return states.computeIfAbsent(flow, f -> newState());
  }

  /** The flow's state, or null when this decoder never saw the flow. */
  final S existing(Flow flow) {
    return states.get(flow);
  }

  /** Flushes and forgets the flow's state. */
  final void flowEnded(Flow flow, Consumer<Event> sink) {
    S state = states.remove(flow);
    if (state != null) {
      finish(flow, state, sink);
    }
  }
}
