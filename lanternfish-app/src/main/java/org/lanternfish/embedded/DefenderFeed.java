package org.lanternfish.embedded;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.defender.AlertBatch;
import org.lanternfish.microsoft.defender.AlertCursor;
import org.lanternfish.microsoft.defender.AlertPoller;
import org.lanternfish.microsoft.defender.AlertVerdict;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.defender.MachineInventory;
import org.lanternfish.microsoft.http.MicrosoftHttp;
import org.lanternfish.microsoft.http.RateLimit;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.store.AlertVerdicts;
import org.lanternfish.store.EventStore;

/**
 * Microsoft Defender alerts, live: polls Graph {@code security/alerts_v2} on a thread of its own every
 * {@code alert_poll_seconds} and hands each poll that found something to the live service, which feeds the new
 * alerts to detection and commits them with the poller's cursor. A failed poll is reported and tried again at the
 * next interval from the same cursor, so nothing is lost; the stored cursor moves on only in the commit of the
 * alerts it passed. Analysts' verdicts on the alerts (classification and determination) are kept in the store as
 * each poll is taken, for the breaches to show. The same feed keeps Defender's machines and their CVEs in the store ({@link MachineRefresh}) and
 * has the AI Analyst investigate each alerted device ({@link TriggeredInvestigation}).
 */
public final class DefenderFeed implements AlertSource, AutoCloseable {
  private final AlertPoller poller;
  private final Duration interval;
  private final IngestReport report;
  private final Consumer<String> problems;
  /** One poll waits here until the live service takes it, so polls reach the store in order. */
  private final BlockingQueue<AlertBatch> ready = new ArrayBlockingQueue<>(1);
  private final Thread thread;
  private final MachineRefresh machines;
  private final AlertVerdicts verdicts;
  private TriggeredInvestigation investigation;
  private OutboxExport investigations;
  private volatile AlertCursor cursor;

  private DefenderFeed(AlertPoller poller, AlertCursor cursor, Duration interval, IngestReport report,
      Consumer<String> problems, MachineRefresh machines, AlertVerdicts verdicts) {
    this.poller = poller;
    this.verdicts = verdicts;
    this.machines = machines;
    this.cursor = cursor;
    this.interval = interval;
    this.report = report;
    this.problems = problems;
    this.thread = new Thread(this::pollUntilClosed, "lanternfish-defender-alerts");
    this.thread.setDaemon(true);
  }

  /**
   * Starts polling with {@code settings} from the cursor {@code store} holds (or {@code first_poll_days} back), and
   * refreshing its machines every {@code machine_refresh_minutes}, and investigating each alerted device with
   * {@code analyst}'s window ({@code site} tells the internal networks); unreadable alerts are counted in
   * {@code report} and failed polls, refreshes and investigations told to {@code problems}. Throws
   * {@link IOException} when the client secret file cannot be used.
   */
  public static DefenderFeed start(MicrosoftSettings settings, EventStore store, IngestReport report,
      AnalystConfig analyst, DeviceConfig site, Consumer<String> problems) throws IOException {
    AuthorizedClient client = AuthorizedClient.of(settings, MicrosoftHttp.standard(), Clock.systemUTC());
    AlertPoller poller = new AlertPoller(client, settings.graph(), Clock.systemUTC(), settings.firstPoll());
    AlertCursor cursor = AlertCursor.start();
    Optional<byte[]> saved = store.state(AlertCursor.STATE_NAME);
    if (saved.isPresent()) {
      try {
        cursor = AlertCursor.fromBytes(saved.get());
      } catch (IllegalArgumentException e) {
        problems.accept(e.getMessage() + "; polling from " + settings.firstPoll().toDays() + " days back");
      }
    }
    MachineRefresh machines = new MachineRefresh(new MachineInventory(client, settings.defender(),
        RateLimit.defender()), store, ResponseService::wallClock);
    DefenderFeed feed = new DefenderFeed(poller, cursor, settings.alertPoll(), report, problems, machines,
        store);
    feed.thread.start();
    machines.start(settings.machineRefresh(), problems);
    feed.investigation = new TriggeredInvestigation(store, analyst, site, ResponseService::wallClock);
    feed.investigations = OutboxExport.start("Defender alert investigations", feed.investigation, problems);
    return feed;
  }

  private void pollUntilClosed() {
    try {
      while (true) {
        try {
          AlertBatch batch = poller.poll(cursor);
          if (!batch.next().equals(cursor)) {
            ready.put(batch);
            cursor = batch.next();
          }
        } catch (ApiFailure e) {
          problems.accept("Defender alerts not polled: " + e.getMessage() + "; trying again in "
              + interval.toSeconds() + " s");
        }
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Optional<Fetched> take() {
    AlertBatch batch = ready.poll();
    if (batch == null) {
      return Optional.empty();
    }
    report.merge(batch.report());
    if (!batch.verdicts().isEmpty()) {
      verdicts.recordAlertVerdicts(batch.verdicts().stream().map(DefenderFeed::stored).toList());
    }
    List<Event> fresh = new ArrayList<>(batch.fresh());
    List<Event> updated = new ArrayList<>(batch.updated());
    return Optional.of(new Fetched(fresh, updated, Map.of(AlertCursor.STATE_NAME, batch.next().toBytes())));
  }

  private static AlertVerdicts.AlertVerdict stored(AlertVerdict v) {
    return new AlertVerdicts.AlertVerdict(v.alertId(), v.classification(), v.determination(),
        ChronoUnit.MICROS.between(Instant.EPOCH, v.updated()));
  }

  /**
   * Stops polling, after running the investigations due by now (the last commit may have stored alerts); a poll in
   * flight is abandoned, and its alerts are read again by the next start.
   */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
    machines.close();
    investigations.close();
    try {
      investigation.exportAvailable();
    } catch (RuntimeException e) {
      problems.accept("Defender alert investigations paused: " + e.getMessage());
    }
  }
}
