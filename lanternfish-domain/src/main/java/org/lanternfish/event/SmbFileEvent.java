package org.lanternfish.event;

/** A Zeek smb_files.log record: one SMB file action (open, read, write, delete, rename) on a share. */
public record SmbFileEvent(
    long ts,
    String uid,
    FlowId id,
    String fileId,
    String action,
    String path,
    String name,
    long size,
    String prevName)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.SMB_FILES;
  }
}
