package org.lanternfish.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The verdicts analysts gave, in the security products Lanternfish shares with, on the alerts behind its breaches:
 * a Defender alert classified true positive, expected activity or false positive is read back and kept here by the
 * alert's id, so the breach it became can show it. Likewise a Microsoft Sentinel incident raised from a Lanternfish
 * incident is kept by that Lanternfish incident's id, for the incident to show.
 */
public interface AlertVerdicts {

  /** Keeps {@code verdicts}, each replacing the one stored for its alert unless that one is newer. */
  void recordAlertVerdicts(List<AlertVerdict> verdicts);

  /** The stored verdicts on the alerts {@code alertIds}, by alert id; alerts without one are absent. */
  Map<String, AlertVerdict> alertVerdicts(Collection<String> alertIds);

  /**
   * Keeps {@code verdicts} on SIEM incidents raised from Lanternfish's incidents, each {@link AlertVerdict#alertId()}
   * being the Lanternfish incident's id, replacing the one stored for that incident unless that one is newer.
   */
  void recordIncidentVerdicts(List<AlertVerdict> verdicts);

  /** The stored verdicts on the Lanternfish incidents {@code incidentIds}, by incident id. */
  Map<String, AlertVerdict> incidentVerdicts(Collection<String> incidentIds);

  /**
   * One verdict.
   *
   * @param alertId the product's alert id, or for an incident verdict the Lanternfish incident's id
   * @param classification such as {@code truePositive}, {@code informationalExpectedActivity} or
   *     {@code falsePositive}
   * @param determination why, such as {@code notMalicious} (Sentinel's classification reason), or null
   * @param updatedMicros when the product last updated the alert, in microseconds since the Unix epoch
   */
  record AlertVerdict(String alertId, String classification, String determination, long updatedMicros) {

    /** Whether the analyst found the alert a false positive, which a suppression can keep quiet. */
    public boolean falsePositive() {
      return classification.equalsIgnoreCase("falsePositive");
    }
  }
}
