package org.lanternfish.event;

import java.util.List;

/** A Zeek ldap_search.log record: one LDAP search, its base object, filter and requested attributes. */
public record LdapSearchEvent(
    long ts,
    String uid,
    FlowId id,
    long messageId,
    String scope,
    String derefAliases,
    String baseObject,
    long resultCount,
    String result,
    String diagnosticMessage,
    String filter,
    List<String> attributes)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.LDAP_SEARCH;
  }
}
