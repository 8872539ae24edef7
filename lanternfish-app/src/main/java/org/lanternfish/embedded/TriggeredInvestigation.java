package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Investigation;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.store.EventStore;
import org.lanternfish.store.InvestigationReports.InvestigationReport;
import org.lanternfish.store.OutboxEntry;

/**
 * A Defender alert starts the AI Analyst's investigation of its device around the alert's time: this outbox
 * consumer takes each Defender alert breach once the investigation's window after it has passed (in the logs'
 * event time, or in wall time when the logs are silent), runs {@link DeviceInvestigation}, and stores the result
 * (an incident or "nothing unusual found") with the breach that triggered it, together with its outbox position,
 * so a restart neither repeats nor skips one. Entries after a breach whose window is still open wait for it.
 */
public final class TriggeredInvestigation implements OutboxExport.Run {
  /** The outbox consumer's name. */
  public static final String CONSUMER = "investigations";
  /** The models whose breaches start an investigation. */
  static final Set<String> TRIGGERS = Set.of("defender-alert");
  private static final int PAGE = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventStore store;
  private final AnalystConfig analyst;
  private final DeviceConfig site;
  private final LongSupplier wallClock;

  /**
   * Investigations over {@code store} with {@code analyst}'s window and thresholds; {@code site} tells the internal
   * networks and {@code wallClock} gives microseconds since the Unix epoch.
   */
  public TriggeredInvestigation(EventStore store, AnalystConfig analyst, DeviceConfig site, LongSupplier wallClock) {
    this.store = store;
    this.analyst = analyst;
    this.site = site;
    this.wallClock = wallClock;
  }

  /** Investigates every due trigger after the consumer's position; returns how many outbox entries it passed. */
  @Override
  public long exportAvailable() {
    long now = Math.max(wallClock.getAsLong(), store.state(LiveService.CLOCK_STATE)
        .map(bytes -> ByteBuffer.wrap(bytes).getLong()).orElse(Long.MIN_VALUE));
    long passed = 0;
    while (true) {
      List<OutboxEntry> page = store.read(store.position(CONSUMER), PAGE);
      long reached = 0;
      for (OutboxEntry entry : page) {
        if (entry instanceof OutboxEntry.BreachStored stored && TRIGGERS.contains(stored.breach().modelId())) {
          if (now < stored.breach().ts() + analyst.investigationAfterMicros()) {
            advance(reached);
            return passed;
          }
          Investigation found = DeviceInvestigation.run(store, analyst, site, stored.breach().device(),
              stored.breach().ts());
          store.recordInvestigation(CONSUMER, entry.seq(), new InvestigationReport(stored.breach().id(),
              found.device(), found.atMicros(), found.found(), found.conclusion(), json(found)));
          reached = 0;
        } else {
          reached = entry.seq();
        }
        passed++;
      }
      advance(reached);
      if (page.size() < PAGE) {
        return passed;
      }
    }
  }

  private void advance(long seq) {
    if (seq > 0) {
      store.advance(CONSUMER, seq);
    }
  }

  private static String json(Investigation investigation) {
    try {
      return JSON.writeValueAsString(investigation);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the investigation as JSON", e);
    }
  }
}
