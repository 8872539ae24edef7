package org.lanternfish.microsoft.defender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.microsoft.http.MicrosoftHttp;

/**
 * How far the alert poller has read: the newest {@code lastUpdateDateTime} seen (the next poll asks for alerts
 * updated at or after it) and the version of each alert already taken, so an alert seen again unchanged is
 * skipped and one updated since is told apart from a new one. Saved in the store's commit with the alerts it
 * took, so a restart neither loses nor repeats one.
 *
 * @param watermark the newest {@code lastUpdateDateTime} seen, or null before the first alert
 * @param known each taken alert's id and its {@code lastUpdateDateTime}
 */
public record AlertCursor(Instant watermark, Map<String, Instant> known) {
  /** The learned-state name under which the cursor is stored. */
  public static final String STATE_NAME = "defender-alerts";
  /** Alerts not updated for this long before the watermark are forgotten; Defender keeps alerts 180 days. */
  static final Duration REMEMBER = Duration.ofDays(180);
  private static final int VERSION = 1;

  /** Makes the map unmodifiable. */
  public AlertCursor {
    known = Collections.unmodifiableMap(new HashMap<>(known));
  }

  /** The cursor before any poll. */
  public static AlertCursor start() {
    return new AlertCursor(null, Map.of());
  }

  /** The version of alert {@code id} already taken, if any. */
  public Optional<Instant> version(String id) {
    return Optional.ofNullable(known.get(id));
  }

  /** The cursor after taking alert {@code id} as updated at {@code updated}. */
  AlertCursor with(String id, Instant updated) {
    Map<String, Instant> next = new HashMap<>(known);
    next.put(id, updated);
    Instant mark = watermark == null || updated.isAfter(watermark) ? updated : watermark;
    Instant forgetBefore = mark.minus(REMEMBER);
    next.values().removeIf(at -> at.isBefore(forgetBefore));
    return new AlertCursor(mark, next);
  }

  /** The cursor as bytes for the store. */
  public byte[] toBytes() {
    ObjectNode root = MicrosoftHttp.JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("watermark", watermark == null ? null : watermark.toString());
    ObjectNode alerts = root.putObject("known");
    known.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> alerts.put(e.getKey(), e.getValue().toString()));
    try {
      return MicrosoftHttp.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the alert cursor", e);
    }
  }

  /** Reads a cursor {@link #toBytes()} wrote; throws {@link IllegalArgumentException} for anything else. */
  public static AlertCursor fromBytes(byte[] bytes) {
    try {
      JsonNode root = MicrosoftHttp.JSON.readTree(bytes);
      if (root == null || root.path("version").asInt() != VERSION) {
        throw new IllegalArgumentException("the stored Defender alert cursor is not of version " + VERSION);
      }
      Map<String, Instant> known = new HashMap<>();
      root.path("known").fields().forEachRemaining(e -> known.put(e.getKey(), Instant.parse(e.getValue().asText())));
      JsonNode mark = root.get("watermark");
      return new AlertCursor(mark == null || mark.isNull() ? null : Instant.parse(mark.asText()), known);
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("the stored Defender alert cursor cannot be read: " + e.getMessage(), e);
    }
  }
}
