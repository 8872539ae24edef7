package org.lanternfish.event;

import java.util.List;

/** A Zeek conn.log record (or a Suricata flow): one transport-layer connection and its volumes. */
public record ConnEvent(
    long ts,
    String uid,
    FlowId id,
    String proto,
    String service,
    double duration,
    long origBytes,
    long respBytes,
    String connState,
    Boolean localOrig,
    Boolean localResp,
    long missedBytes,
    String history,
    long origPkts,
    long origIpBytes,
    long respPkts,
    long respIpBytes,
    List<String> tunnelParents,
    String origMac,
    String respMac,
    String communityId)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.CONN;
  }
}
