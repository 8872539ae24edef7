package org.lanternfish.microsoft.defender;

import java.util.List;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.ingest.IngestReport;

/**
 * What one poll of {@code security/alerts_v2} found.
 *
 * @param fresh alerts not seen before, for detection
 * @param updated alerts seen before whose {@code lastUpdateDateTime} moved on (status, classification,
 *     evidence): stored as the alert's latest version, never a second breach
 * @param verdicts the analysts' classifications of the alerts read, fresh or updated, that carry one
 * @param next the cursor to store with these alerts and poll from next time
 * @param pages how many pages the poll read
 * @param report alerts that could not be read, with their page and position
 */
public record AlertBatch(List<DefenderAlertEvent> fresh, List<DefenderAlertEvent> updated,
    List<AlertVerdict> verdicts, AlertCursor next,
    int pages, IngestReport report) {

  /** Makes the lists immutable. */
  public AlertBatch {
    fresh = List.copyOf(fresh);
    updated = List.copyOf(updated);
    verdicts = List.copyOf(verdicts);
  }
}
