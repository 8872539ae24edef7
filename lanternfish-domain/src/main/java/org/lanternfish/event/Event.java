package org.lanternfish.event;

/**
 * One typed record of network or endpoint metadata, as read from Zeek, Suricata, a capture or an integration.
 *
 * <p>Times are event time in microseconds since the Unix epoch. Numeric fields a source left unset hold
 * {@link #UNSET} (counts) or {@code NaN} (intervals); object fields hold {@code null}.
 */
public sealed interface Event
    permits ConnEvent, DnsEvent, HttpEvent, SslEvent, X509Event, FileEvent, SmbFileEvent, SmbMappingEvent,
        DceRpcEvent, RdpEvent, KerberosEvent, NtlmEvent, LdapEvent, LdapSearchEvent, SshEvent, DhcpEvent, SoftwareEvent, NoticeEvent, WeirdEvent,
        AlertEvent, DefenderAlertEvent {

  /** Value of a count, port or size field the source left unset. */
  long UNSET = -1;

  /** Value of {@link #ts()} when the source masked or omitted the time. */
  long NO_TIME = Long.MIN_VALUE;

  /** Event time in microseconds since the Unix epoch, or {@link #NO_TIME}. */
  long ts();

  /** The connection uid that links records of one flow (Zeek uid, or derived from Suricata's flow_id), or null. */
  String uid();

  /** The log type this record belongs to. */
  LogType logType();
}
