package org.lanternfish.microsoft.defender;

import java.time.Instant;

/**
 * An analyst's verdict on a Defender alert, as Graph {@code alerts_v2} gives it once the alert is classified.
 *
 * @param alertId the Graph alert id
 * @param classification {@code truePositive}, {@code informationalExpectedActivity} or {@code falsePositive}
 * @param determination why, such as {@code malware}, {@code securityTesting} or {@code notMalicious}, or null
 * @param updated the alert's {@code lastUpdateDateTime} when it carried this verdict
 */
public record AlertVerdict(String alertId, String classification, String determination, Instant updated) {}
