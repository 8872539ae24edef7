package org.lanternfish.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lanternfish.breach.Breach;

/** The job's one JSON mapper: breaches and incident updates as the output topics carry them. */
final class Json {
  /** Map entries by key, so equal breaches are equal text whatever map they were built in. */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static Breach breach(String json) {
    try {
      return MAPPER.readValue(json, Breach.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a breach: " + json, e);
    }
  }
}
