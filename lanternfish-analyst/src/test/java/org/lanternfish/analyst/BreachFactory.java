package org.lanternfish.analyst;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

/** Builds realistic breaches for tests, as the detection core would emit them. */
final class BreachFactory {

  static final long MINUTE = 60_000_000L;
  static final long HOUR = AnalystConfig.HOUR;
  static final long DAY = 24 * HOUR;
  /** Monday 7 October 2024, 00:00 UTC: the week the tests replay. */
  static final long MONDAY = Instant.parse("2024-10-07T00:00:00Z").getEpochSecond() * 1_000_000L;

  private final String id;
  private final String model;
  private String device;
  private String peer;
  private long ts;
  private int score = 50;
  private final List<String> techniques = new ArrayList<>();
  private final Map<String, String> entities = new LinkedHashMap<>();

  private BreachFactory(String id, String model) {
    this.id = id;
    this.model = model;
  }

  /** Starts a breach of one model. */
  static BreachFactory breach(String id, String model) {
    return new BreachFactory(id, model);
  }

  BreachFactory on(String device) {
    this.device = device;
    return this;
  }

  BreachFactory to(String peer) {
    this.peer = peer;
    return this;
  }

  BreachFactory at(long ts) {
    this.ts = ts;
    return this;
  }

  BreachFactory score(int score) {
    this.score = score;
    return this;
  }

  BreachFactory techniques(String... ids) {
    techniques.addAll(List.of(ids));
    return this;
  }

  BreachFactory with(String key, String value) {
    entities.put(key, value);
    return this;
  }

  /**
   * The id of a shipped model from its display name: the name after the category (and before an alert's quoted
   * title), in lower case with hyphens.
   */
  static String modelId(String model) {
    int slash = model.indexOf(" / ");
    String name = slash < 0 ? model : model.substring(slash + 3);
    // An integration model's name quotes the alert's title after a colon, which is no part of the model's id.
    String words = name.indexOf(':') < 0 ? name : name.substring(0, name.indexOf(':'));
    return words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /** A peer typed as detection types it: an address, a dotted domain, or else a device id. */
  static Peer peer(String value) {
    if (value == null) {
      return null;
    }
    if (value.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
      return new Peer(value.startsWith("10.") ? Peer.Kind.DEVICE : Peer.Kind.ADDRESS, value);
    }
    return new Peer(value.indexOf('.') < 0 ? Peer.Kind.DEVICE : Peer.Kind.DOMAIN, value);
  }

  Breach build() {
    int slash = model.indexOf(" / ");
    String category = slash < 0 ? model : model.substring(0, slash);
    List<String> uids = List.of("C" + Integer.toHexString((id + "a").hashCode()), "C" + Integer.toHexString((id + "b").hashCode()));
    String explanation = model + " on " + device + (peer == null ? "" : " towards " + peer);
    return new Breach(id, modelId(model), model, category, ts, device, peer(peer), score, techniques,
        Tactic.ofAll(techniques), explanation, List.of(new Evidence("rarity", "seen from 0 of 412 devices in 30 days", 0)), uids, entities);
  }
}
