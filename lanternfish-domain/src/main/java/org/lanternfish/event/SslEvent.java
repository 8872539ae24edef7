package org.lanternfish.event;

/** A Zeek ssl.log record (or a Suricata tls event): one TLS handshake. */
public record SslEvent(
    long ts,
    String uid,
    FlowId id,
    String version,
    String cipher,
    String serverName,
    Boolean resumed,
    Boolean established,
    String subject,
    String issuer,
    String ja3,
    String ja3s,
    String validationStatus)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.SSL;
  }
}
