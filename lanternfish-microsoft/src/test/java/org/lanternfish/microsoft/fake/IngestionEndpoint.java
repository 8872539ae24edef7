package org.lanternfish.microsoft.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The fake's Azure Monitor Logs Ingestion API for the shipped data collection rule ({@code sentinel/dcr.json}):
 * it takes gzip'd JSON arrays of at most 1 MB a call, and refuses (400, as the API does) a row with a column the
 * rule's stream does not declare or a value of the wrong type. What it accepted is kept per stream, in order.
 */
public final class IngestionEndpoint {
  /** The rule's immutable id the fake serves. */
  public static final String DCR = "dcr-00000000000000000000000000000001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 1 << 20;

  private final Map<String, Map<String, String>> streams = new HashMap<>();
  private final Map<String, List<JsonNode>> accepted = new HashMap<>();
  private final List<Integer> callSizes = new ArrayList<>();

  /** Serves the streams of {@code sentinel/dcr.json} on {@code fake}. */
  public IngestionEndpoint(FakeMicrosoft fake) {
    Path dcr = Path.of(System.getProperty("lanternfish.repo", ".")).resolve("sentinel/dcr.json");
    Assumptions.assumeTrue(Files.isRegularFile(dcr), "no data collection rule at " + dcr);
    try {
      JsonNode declarations = JSON.readTree(dcr.toFile()).path("properties").path("streamDeclarations");
      declarations.fields().forEachRemaining(stream -> {
        Map<String, String> columns = new HashMap<>();
        stream.getValue().path("columns").forEach(c -> columns.put(c.path("name").asText(), c.path("type").asText()));
        streams.put(stream.getKey(), columns);
        fake.on("/dataCollectionRules/" + DCR + "/streams/" + stream.getKey(), exchange -> take(stream.getKey(),
            exchange));
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows accepted on {@code stream}, in order. */
  public synchronized List<JsonNode> rows(String stream) {
    return List.copyOf(accepted.getOrDefault(stream, List.of()));
  }

  /** The uncompressed size of every accepted call's body. */
  public synchronized List<Integer> callSizes() {
    return List.copyOf(callSizes);
  }

  private synchronized FakeMicrosoft.Reply take(String stream, HttpExchange exchange) {
    try {
      if (!"POST".equals(exchange.getRequestMethod())
          || !"gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        return refuse("expected a POST with Content-Encoding: gzip");
      }
      byte[] compressed = exchange.getRequestBody().readAllBytes();
      byte[] body = new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes();
      if (compressed.length > LIMIT || body.length > LIMIT) {
        return new FakeMicrosoft.Reply(413, "{\"error\":{\"code\":\"ContentLengthLimitExceeded\",\"message\":"
            + "\"The request is " + body.length + " bytes; the limit is 1 MB\"}}", Map.of());
      }
      JsonNode rows = JSON.readTree(body);
      if (!rows.isArray()) {
        return refuse("the body is not a JSON array");
      }
      Map<String, String> columns = streams.get(stream);
      for (JsonNode row : rows) {
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) row::fields) {
          String type = columns.get(field.getKey());
          if (type == null) {
            return refuse("column " + field.getKey() + " is not declared by stream " + stream);
          }
          if (!typed(type, field.getValue())) {
            return refuse("column " + field.getKey() + " is not a " + type + ": " + field.getValue());
          }
        }
      }
      callSizes.add(body.length);
      rows.forEach(row -> accepted.computeIfAbsent(stream, s -> new ArrayList<>()).add(row));
      return new FakeMicrosoft.Reply(204, "", Map.of());
    } catch (IOException e) {
      return refuse("unreadable body: " + e.getMessage());
    }
  }

  private static boolean typed(String type, JsonNode value) {
    if (value.isNull()) {
      return true;
    }
    return switch (type) {
      case "string" -> value.isTextual();
      case "int", "long" -> value.isIntegralNumber();
      case "real" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "dynamic" -> true;
      case "datetime" -> value.isTextual() && instant(value.asText());
      default -> false;
    };
  }

  private static boolean instant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static FakeMicrosoft.Reply refuse(String message) {
    return FakeMicrosoft.Reply.json(400, "{\"error\":{\"code\":\"InvalidStream\",\"message\":\""
        + message.replace("\"", "'") + "\"}}");
  }
}
