package org.lanternfish.event;

/** A Zeek rdp.log record: one RDP session set-up. */
public record RdpEvent(
    long ts,
    String uid,
    FlowId id,
    String cookie,
    String result,
    String securityProtocol,
    String clientName,
    String clientBuild,
    String keyboardLayout)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.RDP;
  }
}
