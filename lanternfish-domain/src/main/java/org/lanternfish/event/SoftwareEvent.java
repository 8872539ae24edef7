package org.lanternfish.event;

/** A Zeek software.log record: software seen on a host, such as a browser or an SSH server. */
public record SoftwareEvent(
    long ts, String host, int hostPort, String softwareType, String name, String version, String unparsedVersion)
    implements Event {

  @Override
  public String uid() {
    return null;
  }

  @Override
  public LogType logType() {
    return LogType.SOFTWARE;
  }
}
