package org.lanternfish.microsoft.sentinel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.Resource;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * Sends rows to Microsoft Sentinel through the Azure Monitor Logs Ingestion API: a JSON array a call, gzip'd, to
 * {@code {endpoint}/dataCollectionRules/{dcr}/streams/{stream}}. The API takes at most 1 MB a call, so rows are
 * cut into batches whose JSON stays within {@link #MAX_BATCH_BYTES} before compression; throttled (429) and failing
 * (5xx) calls are retried by {@link MicrosoftHttp}, honouring {@code Retry-After}.
 */
public final class LogsIngestion {
  /** The API version of the calls. */
  static final String API_VERSION = "2023-01-01";
  /** The most JSON a batch holds, uncompressed: the API's limit of 1 MB a call, with room to spare. */
  public static final int MAX_BATCH_BYTES = 1_000_000;
  /** The role the application needs on the data collection rule. */
  public static final String PERMISSION = "Monitoring Metrics Publisher role on the data collection rule";

  private final AuthorizedClient client;
  private final URI endpoint;
  private final String dcrImmutableId;

  /** Sends to the rule {@code dcrImmutableId} ({@code dcr-...}) through {@code endpoint} (its logs ingestion URL). */
  public LogsIngestion(AuthorizedClient client, URI endpoint, String dcrImmutableId) {
    this.client = client;
    this.endpoint = endpoint;
    this.dcrImmutableId = dcrImmutableId;
  }

  /** A row that alone is larger than a call may be; it is reported, not sent. */
  public static final class RowTooLarge extends IllegalArgumentException {
    RowTooLarge(String message) {
      super(message);
    }
  }

  /** True when {@code row} alone fits a call. */
  public static boolean fits(ObjectNode row) {
    return bytes(row).length + 2 <= MAX_BATCH_BYTES;
  }

  /**
   * Cuts {@code rows} into batches of at most {@link #MAX_BATCH_BYTES} of JSON each, in order; throws
   * {@link RowTooLarge} for a row that cannot fit a batch alone.
   */
  public static List<List<ObjectNode>> batches(List<ObjectNode> rows) {
    List<List<ObjectNode>> batches = new ArrayList<>();
    List<ObjectNode> current = new ArrayList<>();
    long size = 2; // the array's brackets
    for (ObjectNode row : rows) {
      int bytes = bytes(row).length;
      if (!fits(row)) {
        throw new RowTooLarge("a row of " + bytes + " bytes is over the " + MAX_BATCH_BYTES
            + " bytes a Logs Ingestion call takes");
      }
      long grown = size + bytes + (current.isEmpty() ? 0 : 1);
      if (grown > MAX_BATCH_BYTES) {
        batches.add(current);
        current = new ArrayList<>();
        grown = 2 + bytes;
      }
      current.add(row);
      size = grown;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** Sends one batch (at most {@link #MAX_BATCH_BYTES} of JSON) to {@code stream}. */
  public void send(String stream, List<ObjectNode> batch) throws ApiFailure, InterruptedException {
    byte[] body = gzip(bytes(MicrosoftHttp.JSON.createArrayNode().addAll(batch)));
    URI uri = URI.create(endpoint + "/dataCollectionRules/" + encode(dcrImmutableId) + "/streams/"
        + encode(stream) + "?api-version=" + API_VERSION);
    client.send(Resource.AZURE_MONITOR, uri, "Logs Ingestion " + stream, PERMISSION, builder -> builder
        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Object json) {
    try {
      return MicrosoftHttp.JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
