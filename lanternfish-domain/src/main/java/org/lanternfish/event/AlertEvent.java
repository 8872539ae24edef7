package org.lanternfish.event;

/**
 * A signature alert from an IDS (Suricata EVE {@code alert}).
 *
 * @param flowId Suricata's flow_id, kept so records of one flow can be linked, or {@link Event#UNSET}
 * @param communityId the Community ID flow hash, or null
 */
public record AlertEvent(
    long ts,
    String uid,
    FlowId id,
    String proto,
    long flowId,
    String communityId,
    String action,
    long signatureId,
    long rev,
    String signature,
    String category,
    long severity,
    String appProto)
    implements Event, NetworkEvent {

  @Override
  public LogType logType() {
    return LogType.ALERT;
  }
}
