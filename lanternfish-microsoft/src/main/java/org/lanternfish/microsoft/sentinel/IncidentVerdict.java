package org.lanternfish.microsoft.sentinel;

import java.time.Instant;

/**
 * An analyst's verdict on a Microsoft Sentinel incident that a shipped analytic rule raised for a Lanternfish
 * incident.
 *
 * @param lanternfishIncidentId the Lanternfish incident the Sentinel incident came from
 * @param sentinelIncident the Sentinel incident's number, as its portal shows it
 * @param classification {@code TruePositive}, {@code BenignPositive} or {@code FalsePositive}
 * @param reason the classification's reason, such as {@code SuspiciousActivity} or {@code IncorrectAlertLogic},
 *     or null
 * @param updated the Sentinel incident's {@code lastModifiedTimeUtc} when it carried this verdict
 */
public record IncidentVerdict(String lanternfishIncidentId, String sentinelIncident, String classification,
    String reason, Instant updated) {}
