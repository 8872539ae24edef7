package org.lanternfish.embedded;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.sentinel.IncidentPoller;
import org.lanternfish.microsoft.sentinel.IncidentVerdict;
import org.lanternfish.store.AlertVerdicts;

/**
 * Microsoft Sentinel's verdicts on Lanternfish's incidents, read back: every {@code alert_poll_seconds} lists the
 * workspace's incidents modified since the last poll and keeps each classification by the Lanternfish incident it
 * came from, for the incident's page. The watermark lives in memory: the first poll after a start reaches
 * {@code first_poll_days} back, and storing a verdict again changes nothing, so a restart repeats reads, never
 * loses one.
 */
public final class SentinelVerdictFeed implements OutboxExport.Run {
  private final IncidentPoller poller;
  private final AlertVerdicts verdicts;
  private final Clock clock;
  private final Duration interval;
  private Instant watermark;
  private Instant due;

  /** A feed polling with {@code poller} every {@code interval} from {@code firstPoll} back, into {@code verdicts}. */
  public SentinelVerdictFeed(IncidentPoller poller, AlertVerdicts verdicts, Clock clock, Duration interval,
      Duration firstPoll) {
    this.poller = poller;
    this.verdicts = verdicts;
    this.clock = clock;
    this.interval = interval;
    this.watermark = clock.instant().minus(firstPoll);
    this.due = clock.instant();
  }

  /** The feed {@code settings} describe (which must name a Sentinel workspace); throws when the secret is unusable. */
  public static SentinelVerdictFeed of(MicrosoftSettings settings, AlertVerdicts verdicts) throws IOException {
    AuthorizedClient client = AuthorizedClient.of(settings, MicrosoftHttp.standard(), Clock.systemUTC());
    return new SentinelVerdictFeed(new IncidentPoller(client, settings.management(), settings.sentinelWorkspace()),
        verdicts, Clock.systemUTC(), settings.alertPoll(), settings.firstPoll());
  }

  /** Polls when the interval has passed, storing the verdicts found; returns how many it stored. */
  @Override
  public long exportAvailable() throws ApiFailure, InterruptedException {
    if (clock.instant().isBefore(due)) {
      return 0;
    }
    due = clock.instant().plus(interval);
    IncidentPoller.Poll poll = poller.poll(watermark);
    List<AlertVerdicts.AlertVerdict> found = poll.verdicts().stream().map(SentinelVerdictFeed::stored).toList();
    if (!found.isEmpty()) {
      verdicts.recordIncidentVerdicts(found);
    }
    watermark = poll.watermark();
    return found.size();
  }

  private static AlertVerdicts.AlertVerdict stored(IncidentVerdict v) {
    return new AlertVerdicts.AlertVerdict(v.lanternfishIncidentId(), v.classification(), v.reason(),
        ChronoUnit.MICROS.between(Instant.EPOCH, v.updated()));
  }
}
