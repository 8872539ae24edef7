package org.lanternfish.event;

/** A Zeek weird.log record: a protocol oddity. {@link #id()} may be null. */
public record WeirdEvent(long ts, String uid, FlowId id, String name, String addl, Boolean notice, String peer)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.WEIRD;
  }
}
