package org.lanternfish.event;

/** A Zeek smb_mapping.log record: one SMB tree connect to a share such as {@code \\DC01\C$}. */
public record SmbMappingEvent(
    long ts, String uid, FlowId id, String path, String service, String nativeFileSystem, String shareType)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.SMB_MAPPING;
  }
}
