package org.lanternfish.microsoft.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.Resource;
import org.lanternfish.microsoft.auth.SentinelWorkspace;
import org.lanternfish.microsoft.http.ApiFailure;

/**
 * Reads back the analysts' verdicts on the Microsoft Sentinel incidents raised from Lanternfish's incidents: lists
 * the workspace's incidents modified since a watermark (Resource Manager's {@code nextLink} paging) and keeps the
 * classified ones whose title the shipped rule {@code sentinel/analytic-rules/lanternfish-incident.yaml} wrote
 * ({@value #TITLE_PREFIX}{@code ID: title}). A poll is all or nothing: a page that fails (after
 * {@code MicrosoftHttp}'s retries) throws and the watermark stays, so the next poll reads the same incidents again.
 */
public final class IncidentPoller {
  /** How the shipped analytic rule begins the name of the incidents it raises, the Lanternfish incident id next. */
  public static final String TITLE_PREFIX = "Lanternfish incident ";
  static final String WHAT = "Sentinel incidents";
  private static final Pattern TITLE = Pattern.compile(Pattern.quote(TITLE_PREFIX) + "(\\S+):");

  private final AuthorizedClient client;
  private final URI management;
  private final SentinelWorkspace workspace;

  /** A poller of {@code workspace}'s incidents through the Resource Manager endpoint {@code management}. */
  public IncidentPoller(AuthorizedClient client, URI management, SentinelWorkspace workspace) {
    this.client = client;
    this.management = management;
    this.workspace = workspace;
  }

  /**
   * What one poll found.
   *
   * @param verdicts the verdicts on classified incidents that came from Lanternfish
   * @param watermark the newest {@code lastModifiedTimeUtc} seen, to poll from next time
   * @param pages how many pages the poll read
   */
  public record Poll(List<IncidentVerdict> verdicts, Instant watermark, int pages) {
    /** Makes the list immutable. */
    public Poll {
      verdicts = List.copyOf(verdicts);
    }
  }

  /** The first page's address for a poll of the incidents modified at or after {@code since}. */
  URI firstPage(Instant since) {
    String filter = URLEncoder.encode("properties/lastModifiedTimeUtc ge " + since, StandardCharsets.UTF_8)
        .replace("+", "%20");
    return workspace.incidents(management, "&$filter=" + filter);
  }

  /** Reads the verdicts on the incidents modified since {@code since}; throws when a page cannot be read. */
  public Poll poll(Instant since) throws ApiFailure, InterruptedException {
    List<IncidentVerdict> verdicts = new ArrayList<>();
    Instant watermark = since;
    int pages = 0;
    for (URI page = firstPage(since); page != null; ) {
      JsonNode body = client.get(Resource.AZURE_MANAGEMENT, page, WHAT, SentinelWorkspace.READER_ROLE).json(WHAT);
      pages++;
      JsonNode value = body.get("value");
      if (value == null || !value.isArray()) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, WHAT + ": page " + pages
            + " has no 'value' array of incidents");
      }
      for (JsonNode incident : value) {
        Instant modified = modified(incident.path("properties"));
        if (modified == null) {
          continue;
        }
        if (modified.isAfter(watermark)) {
          watermark = modified;
        }
        verdict(incident, modified).ifPresent(verdicts::add);
      }
      page = nextLink(body, pages);
    }
    return new Poll(verdicts, watermark, pages);
  }

  /**
   * The verdict on {@code incident} if it came from a Lanternfish incident and has been classified;
   * {@code Undetermined} is no verdict.
   */
  static Optional<IncidentVerdict> verdict(JsonNode incident, Instant modified) {
    JsonNode properties = incident.path("properties");
    Matcher title = TITLE.matcher(properties.path("title").asText(""));
    String classification = properties.path("classification").asText("").strip();
    if (!title.lookingAt() || classification.isEmpty() || classification.equalsIgnoreCase("Undetermined")) {
      return Optional.empty();
    }
    String reason = properties.path("classificationReason").asText("").strip();
    String number = properties.path("incidentNumber").asText(incident.path("name").asText(""));
    return Optional.of(new IncidentVerdict(title.group(1), number, classification, reason.isEmpty() ? null : reason,
        modified));
  }

  private static Instant modified(JsonNode properties) {
    try {
      String text = properties.path("lastModifiedTimeUtc").asText("");
      return text.isEmpty() ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private URI nextLink(JsonNode body, int pages) throws ApiFailure {
    JsonNode link = body.get("nextLink");
    if (link == null || link.isNull() || link.asText().isEmpty()) {
      return null;
    }
    try {
      URI next = new URI(link.asText());
      if (!next.isAbsolute() || !next.getHost().equalsIgnoreCase(management.getHost())) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, WHAT + ": page " + pages + " links to "
            + link.asText() + ", which is not on " + management.getHost());
      }
      return next;
    } catch (URISyntaxException e) {
      throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, WHAT + ": page " + pages + " has a bad nextLink", e);
    }
  }
}
