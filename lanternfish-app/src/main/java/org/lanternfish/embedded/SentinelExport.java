package org.lanternfish.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.sentinel.LogsIngestion;
import org.lanternfish.microsoft.sentinel.SentinelRecords;
import org.lanternfish.store.Outbox;
import org.lanternfish.store.OutboxEntry;
import org.lanternfish.store.StoredIncident;

/**
 * Shares breaches and incident updates with Microsoft Sentinel: reads the store's outbox after its position
 * ({@value #CONSUMER}), sends runs of entries of one stream in batches of at most 1 MB, and advances the position
 * after each batch Azure Monitor accepted, so a restart resumes after the last batch sent (a crash between a send
 * and its advance repeats that one batch, never loses one).
 */
public final class SentinelExport implements OutboxExport.Run {
  /** The outbox consumer's name. */
  public static final String CONSUMER = "sentinel";
  static final int PAGE = 1_000;

  private final Outbox outbox;
  private final LogsIngestion ingestion;
  private final Clock clock;
  private final Consumer<String> problems;

  /** An export of {@code outbox} through {@code ingestion}; rows it cannot send are told to {@code problems}. */
  public SentinelExport(Outbox outbox, LogsIngestion ingestion, Clock clock, Consumer<String> problems) {
    this.outbox = outbox;
    this.ingestion = ingestion;
    this.clock = clock;
    this.problems = problems;
  }

  /** The export {@code settings} describe; throws when the client secret file cannot be used. */
  public static SentinelExport of(MicrosoftSettings settings, Outbox outbox, Consumer<String> problems)
      throws IOException {
    AuthorizedClient client = AuthorizedClient.of(settings, MicrosoftHttp.standard(), Clock.systemUTC());
    return new SentinelExport(outbox, new LogsIngestion(client, settings.ingestion(), settings.dcrImmutableId()),
        Clock.systemUTC(), problems);
  }

  /** Sends every outbox entry after the position; returns how many entries it passed. */
  @Override
  public long exportAvailable() throws ApiFailure, InterruptedException {
    long passed = 0;
    while (true) {
      List<OutboxEntry> page = outbox.read(outbox.position(CONSUMER), PAGE);
      if (page.isEmpty()) {
        return passed;
      }
      for (int i = 0; i < page.size(); ) {
        String stream = stream(page.get(i));
        List<ObjectNode> rows = new ArrayList<>();
        int j = i;
        for (; j < page.size() && stream(page.get(j)).equals(stream); j++) {
          ObjectNode row = row(page.get(j));
          if (row != null) {
            rows.add(row);
          }
        }
        for (List<ObjectNode> batch : LogsIngestion.batches(rows)) {
          ingestion.send(stream, batch);
          outbox.advance(CONSUMER, batch.get(batch.size() - 1).get("Seq").asLong());
        }
        // Entries whose rows were all left out still count as passed.
        outbox.advance(CONSUMER, page.get(j - 1).seq());
        i = j;
      }
      passed += page.size();
    }
  }

  private static String stream(OutboxEntry entry) {
    return entry instanceof OutboxEntry.BreachStored ? SentinelRecords.BREACHES : SentinelRecords.INCIDENTS;
  }

  /** The entry's row; null (told to the problems) for one too large for any call. */
  private ObjectNode row(OutboxEntry entry) {
    ObjectNode row = switch (entry) {
      case OutboxEntry.BreachStored b -> SentinelRecords.breach(b.seq(), b.breach());
      case OutboxEntry.IncidentUpdated u -> {
        StoredIncident i = u.incident().orElse(null);
        yield i == null
            ? SentinelRecords.incident(u.seq(), u.incidentId(), true, null, 0, 0, 0, 0, List.of(), null,
                clock.instant())
            : SentinelRecords.incident(u.seq(), u.incidentId(), false, i.title(), i.priority(), i.firstTs(),
                i.lastTs(), i.breaches(), i.devices(), i.json(), clock.instant());
      }
    };
    if (!LogsIngestion.fits(row)) {
      // The whole incident or the evidence is what grows; the row without it still tells what happened.
      row.remove(List.of("Incident", "Evidence"));
      if (!LogsIngestion.fits(row)) {
        problems.accept("Sentinel export: outbox entry " + entry.seq() + " is too large to send even without its"
            + " details; left out");
        return null;
      }
      problems.accept("Sentinel export: outbox entry " + entry.seq() + " sent without its details (over 1 MB)");
    }
    return row;
  }
}
