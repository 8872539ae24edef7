package org.lanternfish.event;

import java.util.List;

/** A Zeek dns.log record: one DNS query and its answers. */
public record DnsEvent(
    long ts,
    String uid,
    FlowId id,
    String proto,
    long transId,
    double rtt,
    String query,
    long qtype,
    String qtypeName,
    long rcode,
    String rcodeName,
    Boolean authoritative,
    Boolean recursionDesired,
    Boolean recursionAvailable,
    List<String> answers,
    List<Double> ttls,
    Boolean rejected)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.DNS;
  }
}
