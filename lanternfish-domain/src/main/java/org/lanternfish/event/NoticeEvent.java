package org.lanternfish.event;

/** A Zeek notice.log record: something a Zeek script flagged. {@link #id()} may be null. */
public record NoticeEvent(
    long ts, String uid, FlowId id, String note, String msg, String sub, String src, String dst, long port)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.NOTICE;
  }
}
