package org.lanternfish.event;

/** A Zeek ntlm.log record: one NTLM authentication. */
public record NtlmEvent(
    long ts,
    String uid,
    FlowId id,
    String username,
    String hostname,
    String domainname,
    String serverNbComputerName,
    String serverDnsComputerName,
    Boolean success)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.NTLM;
  }
}
