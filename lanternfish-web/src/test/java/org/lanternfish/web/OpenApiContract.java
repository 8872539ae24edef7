package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI document the server publishes, as the contract every API response in the tests is checked against:
 * the path and method must be described, the status must be listed for it, and a JSON body must match its schema.
 */
final class OpenApiContract {
  private static final JsonNode DOCUMENT = read();
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private OpenApiContract() {}

  static JsonNode document() {
    return DOCUMENT;
  }

  /** Asserts that {@code body}, answered with {@code status} to {@code method} {@code path}, keeps the contract. */
  static void check(String method, String path, int status, String contentType, String body) {
    String template = template(path);
    JsonNode operation = DOCUMENT.path("paths").path(template).path(method.toLowerCase());
    assertThat(operation.isMissingNode()).as("%s %s is in the OpenAPI document", method, template).isFalse();
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    assertThat(response.isMissingNode()).as("%s %s documents status %d (body %s)", method, template, status, body)
        .isFalse();
    if (contentType == null || !contentType.startsWith("application/json")) {
      return;
    }
    JsonNode schema = response.path("content").path("application/json").path("schema");
    assertThat(schema.isMissingNode()).as("%s %s %d has a JSON schema", method, template, status).isFalse();
    Schema compiled = COMPILED.computeIfAbsent(method + template + status, key -> compile(schema));
    List<Error> errors = compiled.validate(body, InputFormat.JSON);
    assertThat(errors).as("%s %s %d body %s", method, path, status, abbreviate(body)).isEmpty();
  }

  /** The document's path template that {@code path} (without query) matches. */
  static String template(String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (Iterator<String> names = DOCUMENT.path("paths").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (Pattern.matches(name.replaceAll("\\{[^}]+}", "[^/]+"), bare)) {
        return name;
      }
    }
    return bare;
  }

  private static Schema compile(JsonNode schema) {
    // The response's schema with the document's components beside it, so its #/components/... references resolve.
    ObjectNode root = schema.deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", DOCUMENT.path("components"));
    return SCHEMAS.getSchema(root.toString(), InputFormat.JSON);
  }

  private static String abbreviate(String body) {
    return body.length() > 600 ? body.substring(0, 600) + "..." : body;
  }

  private static JsonNode read() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
      return WebJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
