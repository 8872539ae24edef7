package org.lanternfish.event;

/** A Zeek dce_rpc.log record: one DCE-RPC call, such as drsuapi DRSGetNCChanges. */
public record DceRpcEvent(
    long ts, String uid, FlowId id, double rtt, String namedPipe, String endpoint, String operation)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.DCE_RPC;
  }
}
