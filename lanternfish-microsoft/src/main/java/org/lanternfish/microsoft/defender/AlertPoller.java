package org.lanternfish.microsoft.defender;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.DefenderAlerts;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.Malformation;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.Resource;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * Polls Microsoft Graph {@code security/alerts_v2} for the alerts updated since the cursor's watermark, following
 * {@code @odata.nextLink} to the last page. Each alert is read by {@link DefenderAlerts}, the same reader as alert
 * files, so a polled alert and a stored one become the same event. A poll is all or nothing: when a page fails
 * (after {@link MicrosoftHttp}'s retries) it throws and the cursor stays where it was, so the next poll reads the
 * same alerts again and none is lost or taken twice.
 */
public final class AlertPoller {
  /** The application permission {@code security/alerts_v2} needs. */
  public static final String PERMISSION = "SecurityAlert.Read.All";
  static final String WHAT = "Graph security/alerts_v2";

  private final AuthorizedClient client;
  private final URI graph;
  private final Clock clock;
  private final Duration firstPoll;

  /** A poller of {@code graph}'s alerts; the first poll reaches {@code firstPoll} back from now. */
  public AlertPoller(AuthorizedClient client, URI graph, Clock clock, Duration firstPoll) {
    this.client = client;
    this.graph = graph;
    this.clock = clock;
    this.firstPoll = firstPoll;
  }

  /** The first page's address for a poll from {@code cursor}. */
  URI firstPage(AlertCursor cursor) {
    Instant since = cursor.watermark() != null ? cursor.watermark() : clock.instant().minus(firstPoll);
    String filter = URLEncoder.encode("lastUpdateDateTime ge " + since, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(graph + "/v1.0/security/alerts_v2?$filter=" + filter);
  }

  /** Reads every alert updated since {@code cursor}; throws when a page cannot be read, leaving nothing taken. */
  public AlertBatch poll(AlertCursor cursor) throws ApiFailure, InterruptedException {
    IngestReport report = new IngestReport();
    List<DefenderAlertEvent> fresh = new ArrayList<>();
    List<DefenderAlertEvent> updated = new ArrayList<>();
    List<AlertVerdict> verdicts = new ArrayList<>();
    AlertCursor next = cursor;
    int pages = 0;
    for (URI page = firstPage(cursor); page != null; ) {
      JsonNode body = client.get(Resource.GRAPH, page, WHAT, PERMISSION).json(WHAT);
      pages++;
      JsonNode value = body.get("value");
      if (value == null || !value.isArray()) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, WHAT + ": page " + pages
            + " has no 'value' array of alerts");
      }
      int index = 0;
      for (JsonNode alert : value) {
        index++;
        String source = "graph:" + WHAT + " page " + pages;
        String id = alert.path("id").asText("");
        Instant version = version(alert);
        if (id.isEmpty() || version == null) {
          report.malformed(Malformation.BAD_JSON, source, index, "alert without an id or a lastUpdateDateTime");
          continue;
        }
        Instant taken = next.version(id).orElse(null);
        if (taken != null && !version.isAfter(taken)) {
          continue;
        }
        DefenderAlertEvent event = read(alert, source, index, report);
        // An unreadable version is remembered too, so it is reported once, not at every poll.
        next = next.with(id, version);
        if (event != null) {
          report.record(LogType.DEFENDER_ALERT);
          (taken == null ? fresh : updated).add(event);
          verdict(alert, id, version).ifPresent(verdicts::add);
        }
      }
      page = nextLink(body, pages);
    }
    return new AlertBatch(fresh, updated, verdicts, next, pages, report);
  }

  /**
   * The analyst's verdict on {@code alert}, if it has been classified: Graph says {@code unknown} (or nothing) until
   * then, and {@code unknownFutureValue} for values newer than this reader.
   */
  static Optional<AlertVerdict> verdict(JsonNode alert, String id, Instant version) {
    String classification = alert.path("classification").asText("").strip();
    if (classification.isEmpty() || classification.equalsIgnoreCase("unknown")
        || classification.equalsIgnoreCase("unknownFutureValue")) {
      return Optional.empty();
    }
    String determination = alert.path("determination").asText("").strip();
    return Optional.of(new AlertVerdict(id, classification, determination.isEmpty()
        || determination.equalsIgnoreCase("unknown") ? null : determination, version));
  }

  private static Instant version(JsonNode alert) {
    for (String field : List.of("lastUpdateDateTime", "createdDateTime")) {
      String text = alert.path(field).asText("");
      if (!text.isEmpty()) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static DefenderAlertEvent read(JsonNode alert, String source, int index, IngestReport report) {
    List<Event> events = new ArrayList<>(1);
    IngestReport one = new IngestReport();
    try {
      DefenderAlerts.read(new ByteArrayInputStream(MicrosoftHttp.JSON.writeValueAsBytes(alert)), source,
          events::add, one);
    } catch (IOException e) {
      report.malformed(Malformation.BAD_JSON, source, index, e.getMessage());
      return null;
    }
    for (Malformation kind : Malformation.values()) {
      for (String sample : one.samples(kind)) {
        report.malformed(kind, source, index, sample);
      }
    }
    return events.size() == 1 && events.get(0) instanceof DefenderAlertEvent a ? a : null;
  }

  private URI nextLink(JsonNode body, int pages) throws ApiFailure {
    JsonNode link = body.get("@odata.nextLink");
    if (link == null || link.isNull()) {
      return null;
    }
    try {
      URI next = new URI(link.asText());
      if (!next.isAbsolute() || !next.getHost().equalsIgnoreCase(graph.getHost())) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, WHAT + ": page " + pages
            + " links to " + link.asText() + ", which is not on " + graph.getHost());
      }
      return next;
    } catch (URISyntaxException e) {
      throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, WHAT + ": page " + pages + " has a bad @odata.nextLink", e);
    }
  }
}
