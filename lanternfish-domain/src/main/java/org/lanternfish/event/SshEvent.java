package org.lanternfish.event;

/**
 * A Zeek ssh.log record: one SSH session, its software on both ends, whether authentication succeeded (null when
 * Zeek could not tell) after how many attempts, and its algorithms and HASSH fingerprints when logged.
 */
public record SshEvent(
    long ts,
    String uid,
    FlowId id,
    long version,
    Boolean authSuccess,
    long authAttempts,
    String direction,
    String client,
    String server,
    String cipherAlg,
    String macAlg,
    String compressionAlg,
    String kexAlg,
    String hostKeyAlg,
    String hostKey,
    String hassh,
    String hasshServer)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.SSH;
  }
}
