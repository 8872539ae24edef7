package org.lanternfish.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.FormBody;
import org.lanternfish.web.WebJson;

/** Request bodies read strictly: JSON objects (or HTML forms) whose fields are text, and nothing else. */
final class Bodies {
  private Bodies() {}

  /** The body as a JSON object with no fields but {@code allowed}, each a string; a form counts as one. */
  static JsonNode object(Context ctx, Set<String> allowed) {
    return object(ctx, allowed, Set.of());
  }

  /**
   * The body as a JSON object with no fields but {@code allowed}, each a string, and {@code numbers}, each a whole
   * number (a form gives them as text, which is read as a number).
   */
  static JsonNode object(Context ctx, Set<String> allowed, Set<String> numbers) {
    JsonNode body;
    if (FormBody.is(ctx)) {
      body = WebJson.MAPPER.valueToTree(ctx.formParamMap().entrySet().stream()
          .filter(e -> !e.getKey().equals("csrf"))
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().isEmpty() ? "" : e.getValue().get(0))));
    } else {
      String text = ctx.body();
      if (text.isBlank()) {
        body = WebJson.MAPPER.createObjectNode();
      } else {
        try {
          body = WebJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
          throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
      }
    }
    if (body == null || !body.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (numbers.contains(name)) {
        JsonNode value = body.get(name);
        if (!value.isIntegralNumber() && !(value.isTextual() && value.asText().matches("-?\\d{1,9}"))) {
          throw new BadRequest(name + " must be a whole number");
        }
        continue;
      }
      if (!allowed.contains(name)) {
        throw new BadRequest("unknown field '" + name + "'; expected " + String.join(", ", allowed)
            + (numbers.isEmpty() ? "" : ", " + String.join(", ", numbers)));
      }
      if (!body.get(name).isTextual() && !body.get(name).isNull()) {
        throw new BadRequest(name + " must be a string");
      }
      BadRequest.requireText(name, body.get(name).asText());
    }
    return body;
  }

  /** The text field {@code name} of a body that has at most that field; null when absent. */
  static String optionalText(Context ctx, String name) {
    JsonNode value = object(ctx, Set.of(name)).get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The text field {@code name}, which must be present and not blank. */
  static String required(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new BadRequest(name + " is required");
    }
    return value.asText();
  }
}
