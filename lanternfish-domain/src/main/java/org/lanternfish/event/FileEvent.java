package org.lanternfish.event;

import java.util.List;

/**
 * A Zeek files.log record: one file transferred over some protocol.
 *
 * <p>Older Zeek writes {@code tx_hosts}, {@code rx_hosts} and {@code conn_uids}; newer Zeek writes {@code uid} and
 * {@code id}. Both end up here: {@link #uid()} is the first connection uid, {@link #txHosts()} the senders.
 */
public record FileEvent(
    long ts,
    String fileId,
    String uid,
    List<String> txHosts,
    List<String> rxHosts,
    String source,
    String mimeType,
    String filename,
    Boolean isOrig,
    long seenBytes,
    long totalBytes,
    String md5,
    String sha1,
    String sha256)
    implements Event {

  @Override
  public LogType logType() {
    return LogType.FILES;
  }
}
