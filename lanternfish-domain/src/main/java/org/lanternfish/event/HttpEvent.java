package org.lanternfish.event;

import java.util.List;

/** A Zeek http.log record: one HTTP request and its response. */
public record HttpEvent(
    long ts,
    String uid,
    FlowId id,
    long transDepth,
    String method,
    String host,
    String uri,
    String referrer,
    String version,
    String userAgent,
    long requestBodyLen,
    long responseBodyLen,
    long statusCode,
    String statusMsg,
    String username,
    List<String> respMimeTypes)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.HTTP;
  }
}
