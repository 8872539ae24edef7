package org.lanternfish.event;

import java.util.List;

/** A Zeek x509.log record: one certificate seen on the wire. Not tied to a flow, so {@link #uid()} is null. */
public record X509Event(
    long ts,
    String fileId,
    String fingerprint,
    long certVersion,
    String serial,
    String subject,
    String issuer,
    long notValidBefore,
    long notValidAfter,
    String keyAlg,
    String sigAlg,
    String keyType,
    long keyLength,
    List<String> sanDns,
    Boolean basicConstraintsCa)
    implements Event {

  @Override
  public String uid() {
    return null;
  }

  @Override
  public LogType logType() {
    return LogType.X509;
  }
}
