package org.lanternfish.event;

/** A Zeek ldap.log record: one LDAP operation other than a search, such as a bind, with its result. */
public record LdapEvent(
    long ts,
    String uid,
    FlowId id,
    long messageId,
    long version,
    String opcode,
    String result,
    String diagnosticMessage,
    String object,
    String argument)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.LDAP;
  }
}
