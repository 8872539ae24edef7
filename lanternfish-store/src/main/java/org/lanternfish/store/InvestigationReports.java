package org.lanternfish.store;

import java.util.Optional;

/**
 * The AI Analyst's investigations that breaches triggered (a Defender alert's), each kept with the breach that
 * started it and recorded together with the position of the outbox consumer that ran it.
 */
public interface InvestigationReports {

  /** Stores {@code report} and moves {@code consumer}'s outbox position to {@code seq}, in one transaction. */
  void recordInvestigation(String consumer, long seq, InvestigationReport report);

  /** The investigation breach {@code breachId} triggered, if one ran. */
  Optional<InvestigationReport> investigationOf(String breachId);

  /**
   * One investigation's outcome.
   *
   * @param breachId the breach that triggered it
   * @param device the device investigated
   * @param atMicros the time investigated around, in microseconds since the Unix epoch
   * @param found true when it found an incident, false for "nothing unusual found"
   * @param conclusion its one sentence for the analyst
   * @param json the whole investigation (what was looked at, the incident found) as JSON
   */
  record InvestigationReport(String breachId, String device, long atMicros, boolean found, String conclusion,
      String json) {}
}
