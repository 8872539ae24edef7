package org.lanternfish.event;

import java.util.List;

/**
 * An alert from Microsoft Defender for Endpoint (a Microsoft Graph {@code security/alerts_v2} alert), reduced to
 * what names the threat and the device it is about. Not a network record: it has no flow, only the device's
 * addresses and host name from the alert's device evidence.
 *
 * @param ts when the alert's activity began (Graph {@code firstActivityDateTime}, else {@code createdDateTime})
 * @param uid the Graph alert id, such as {@code da637551227677560813_-961444813}
 * @param severity Graph's severity: {@code high}, {@code medium}, {@code low}, {@code informational} or null
 * @param actorDisplayName the threat activity group Microsoft attributes the alert to, or null
 * @param mitreTechniques MITRE ATT&CK technique ids Defender tagged the alert with (never null)
 * @param deviceDnsName the alerted device's DNS name from its device evidence, or null
 * @param mdeDeviceId the alerted device's Defender for Endpoint id, or null
 * @param ipAddresses the alerted device's addresses from its evidence, routable ones first (never null)
 * @param firstActivity Graph {@code firstActivityDateTime}, or {@link Event#NO_TIME}
 * @param lastActivity Graph {@code lastActivityDateTime}, or {@link Event#NO_TIME}
 */
public record DefenderAlertEvent(
    long ts,
    String uid,
    String title,
    String category,
    String severity,
    String status,
    String actorDisplayName,
    String threatDisplayName,
    List<String> mitreTechniques,
    String detectionSource,
    String serviceSource,
    String deviceDnsName,
    String mdeDeviceId,
    List<String> ipAddresses,
    long firstActivity,
    long lastActivity,
    String alertWebUrl)
    implements Event {

  /** Makes the lists immutable; a missing list is empty. */
  public DefenderAlertEvent {
    mitreTechniques = mitreTechniques == null ? List.of() : List.copyOf(mitreTechniques);
    ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
  }

  @Override
  public LogType logType() {
    return LogType.DEFENDER_ALERT;
  }
}
