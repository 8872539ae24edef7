package org.lanternfish.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.breach.Peer;
import org.lanternfish.store.BreachLog;

/**
 * What people call a device that detection knows only by its network card ({@code mac:00:50:56:85:2e:f4}): its host
 * name and address as the stored breaches saw them, so texts written about it (the AI Analyst's stories, breach
 * explanations) read "FS-02 (10.145.1.11)" instead of the id. Relearned whenever the outbox has moved on.
 */
public final class DeviceLabels {
  // A network-card id, with the name a story may have put before it in "NAME (mac:...)".
  private static final Pattern MAC_ID =
      Pattern.compile("(?:([^\\s()]+) \\()?(mac:(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2})(\\))?");
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");

  private final BreachLog breaches;
  private final LongSupplier lastSeq;
  private long learnedAt = -1;
  private Map<String, String> labels = Map.of();

  /** The labels the stored {@code breaches} give, relearned when {@code lastSeq} (the outbox's last entry) moves. */
  public DeviceLabels(BreachLog breaches, LongSupplier lastSeq) {
    this.breaches = breaches;
    this.lastSeq = lastSeq;
  }

  /**
   * The story of an incident with its title, sentences, devices, graph edges and timeline written with names and
   * addresses, in place.
   */
  public ObjectNode story(ObjectNode story) {
    rewrite(story, "title");
    for (JsonNode sentence : story.path("summary")) {
      rewrite(sentence, "text");
    }
    if (story.path("devices") instanceof ArrayNode devices) {
      for (int i = 0; i < devices.size(); i++) {
        devices.set(i, text(devices.get(i).asText()));
      }
    }
    for (JsonNode edge : story.path("edges")) {
      rewrite(edge, "from");
      rewrite(edge, "to");
    }
    for (JsonNode entry : story.path("timeline")) {
      rewrite(entry, "device");
      rewrite(entry, "peer");
    }
    return story;
  }

  private void rewrite(JsonNode node, String field) {
    if (node instanceof ObjectNode object && object.path(field).isTextual()) {
      object.put(field, text(object.path(field).asText()));
    }
  }

  /** {@code text} with every network-card device id in it replaced by the device's name and address, when known. */
  public String text(String text) {
    if (text == null || !text.contains("mac:")) {
      return text;
    }
    Map<String, String> known = labels();
    Matcher m = MAC_ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String label = known.get(m.group(2).toLowerCase(Locale.ROOT));
      String name = m.group(1);
      String replacement;
      if (label == null) {
        replacement = m.group();
      } else if (name != null && m.group(3) != null && (label.equals(name) || label.startsWith(name + " ("))) {
        // "FS-02 (mac:...)" reads "FS-02 (10.145.1.11)", not "FS-02 (FS-02 (10.145.1.11))".
        replacement = label;
      } else {
        replacement = (name == null ? "" : name + " (") + label + (m.group(3) == null ? "" : ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private synchronized Map<String, String> labels() {
    long seq = lastSeq.getAsLong();
    if (seq != learnedAt) {
      Map<String, String[]> seen = new HashMap<>();
      // {name, address}, the latest breach's winning
      for (Breach b : breaches.breaches(Instant.EPOCH, END_OF_TIME, 0)) {
        see(seen, b.device(), b.entities().get(Entities.DEVICE_NAME), b.entities().get(Entities.DEVICE_IP));
        if (b.peer() != null && b.peer().kind() == Peer.Kind.DEVICE) {
          see(seen, b.peerValue(), b.entities().get(Entities.PEER_NAME), b.entities().get(Entities.PEER_ADDRESS));
        }
      }
      Map<String, String> made = new HashMap<>();
      seen.forEach((id, known) -> {
        if (known[0] != null || known[1] != null) {
          made.put(id, known[0] == null ? known[1] : known[1] == null ? known[0] : known[0] + " (" + known[1] + ")");
        }
      });
      labels = Map.copyOf(made);
      learnedAt = seq;
    }
    return labels;
  }

  private static void see(Map<String, String[]> seen, String id, String name, String address) {
    if (id == null || !id.startsWith("mac:")) {
      return;
    }
    String[] known = seen.computeIfAbsent(id.toLowerCase(Locale.ROOT), k -> new String[2]);
    if (name != null && !name.isBlank() && !name.startsWith("mac:")) {
      known[0] = name;
    }
    if (address != null && !address.isBlank()) {
      known[1] = address;
    }
  }
}
