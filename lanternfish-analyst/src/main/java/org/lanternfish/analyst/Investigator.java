package org.lanternfish.analyst;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Peer;

/**
 * Investigates a device around a time, on demand or when a trigger such as a Defender alert arrives: asks the app
 * for the device's unusual surrounding activity, threads it with nearby breaches, and reports an incident or that
 * nothing unusual was found.
 */
public final class Investigator {

  private static final String CATEGORY = "AI Analyst";
  /** The prefix of the model ids of an investigation's findings. */
  private static final String FINDING = "investigation-";
  /** The model id of a credential an investigation found used for the first time. */
  static final String NEW_CREDENTIAL = FINDING + "new-credential";

  private final AnalystConfig config;
  private final TradecraftProfiles profiles;

  /** An investigator using the analyst's thresholds and tradecraft profiles. */
  public Investigator(AnalystConfig config, TradecraftProfiles profiles) {
    this.config = config;
    this.profiles = profiles;
  }

  /** Investigates one device around one time, looking at breaches near it and at what {@code surroundings} reports. */
  public Investigation investigate(String device, long atMicros, List<Breach> nearbyBreaches,
      Surroundings surroundings) {
    long from = atMicros - config.investigationBeforeMicros();
    long to = atMicros + config.investigationAfterMicros();
    List<Breach> evidence = new ArrayList<>();
    List<String> lookedAt = new ArrayList<>();
    List<Breach> nearby = nearbyBreaches.stream().filter(b -> b.ts() >= from && b.ts() < to).toList();
    long own = nearby.stream().filter(b -> b.device().equals(device)).count();
    evidence.addAll(nearby);
    lookedAt.add(own + (own == 1 ? " breach" : " breaches") + " on " + device + " and " + (nearby.size() - own)
        + " on other devices between " + Instant.ofEpochSecond(Math.floorDiv(from, 1_000_000L)) + " and "
        + Instant.ofEpochSecond(Math.floorDiv(to, 1_000_000L)));
    ask("unusual connections", "Unusual Connection", surroundings::unusualConnections, device, from, to, evidence,
        lookedAt);
    ask("new credentials", "New Credential", surroundings::newCredentials, device, from, to, evidence, lookedAt);
    ask("rare external destinations", "Rare Destination", surroundings::rareDestinations, device, from, to, evidence,
        lookedAt);
    AnalystConfig relaxed = new AnalystConfig(config.linkThreshold(), config.hubDevices(), config.strongScore(), 2, 1,
        config.investigationMinSignal(), config.soloScore(), 0, config.deviceWindowMicros(), config.chainWindowMicros(),
        config.markWindowMicros(), config.investigationBeforeMicros(), config.investigationAfterMicros(),
        config.investigationMinSignal());
    Incident incident = Analyst.thread(evidence, relaxed, profiles).stream()
        .filter(i -> i.devices().contains(device))
        .max(Comparator.comparingInt(Incident::priority).thenComparing(Incident::id, Comparator.reverseOrder()))
        .orElse(null);
    String conclusion = incident == null
        ? "Nothing unusual found around " + device + ": " + evidence.size() + " weak or isolated signals."
        : "Found " + incident.breaches().size() + " related events: " + incident.title() + ".";
    return new Investigation(device, atMicros, from, to, incident, lookedAt, conclusion);
  }

  private static void ask(String what, String model, Lookup lookup, String device, long from, long to,
      List<Breach> evidence, List<String> lookedAt) {
    List<Observation> found = lookup.apply(device, from, to);
    lookedAt.add(found.size() + " " + what + " of " + device);
    for (Observation o : found) {
      String id = "investigation:" + device + ":" + model + ":" + o.ts() + ":"
          + (o.recordUids().isEmpty() ? String.valueOf(o.peer()) : o.recordUids().get(0));
      String modelId = FINDING + model.toLowerCase(Locale.ROOT).replace(' ', '-');
      evidence.add(new Breach(id, modelId, CATEGORY + " / " + model, CATEGORY, o.ts(), device, peer(o.peer()),
          Math.max(0, Math.min(100, o.score())), List.of(), List.of(), o.description(), List.of(), o.recordUids(),
          o.entities()));
    }
  }

  /** Whether a breach is an investigation's finding rather than a model's. */
  static boolean found(Breach breach) {
    return breach.modelId() != null && breach.modelId().startsWith(FINDING);
  }

  // The store answers with addresses and host or domain names, never device ids.
  private static Peer peer(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    boolean address = value.indexOf(':') >= 0 || value.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    return new Peer(address ? Peer.Kind.ADDRESS : Peer.Kind.DOMAIN, value);
  }

  /** One of the questions an investigation asks of its surroundings. */
  @FunctionalInterface
  private interface Lookup {
    List<Observation> apply(String device, long from, long to);
  }
}
