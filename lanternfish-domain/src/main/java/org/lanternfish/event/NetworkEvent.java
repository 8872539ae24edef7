package org.lanternfish.event;

/** An event that belongs to one network flow between an originator and a responder. */
public interface NetworkEvent {

  /** The flow's endpoints; never null for events that carry them. */
  FlowId id();
}
