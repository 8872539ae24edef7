package org.lanternfish.event;

/** A Zeek kerberos.log record: one AS or TGS exchange. */
public record KerberosEvent(
    long ts,
    String uid,
    FlowId id,
    String requestType,
    String client,
    String service,
    Boolean success,
    String errorMsg,
    String cipher)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.KERBEROS;
  }
}
