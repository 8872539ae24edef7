package org.lanternfish.event;

import java.util.List;

/** A Zeek dhcp.log record: one DHCP lease exchange binding a MAC to an address and host name. */
public record DhcpEvent(
    long ts,
    String uid,
    List<String> uids,
    String clientAddr,
    String serverAddr,
    String mac,
    String hostName,
    String clientFqdn,
    String domain,
    String assignedAddr,
    double leaseTime,
    List<String> msgTypes)
    implements Event {

  @Override
  public LogType logType() {
    return LogType.DHCP;
  }
}
