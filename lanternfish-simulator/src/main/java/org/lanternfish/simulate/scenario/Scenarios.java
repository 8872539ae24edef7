package org.lanternfish.simulate.scenario;

import java.util.List;
import java.util.Locale;

/** The catalogue of scenarios the simulator can inject, by the ids users type. */
public final class Scenarios {
  /** Every scenario id, in the order {@code all} expands to. */
  public static final List<String> IDS = List.of("S1", "S2", "S3", "beaconing", "port-scan", "brute-force", "dga",
      "c2-unusual-port");

  private Scenarios() {}

  /** The scenario with id {@code id} (case-insensitive). */
  public static Scenario byId(String id) {
    return switch (id.toLowerCase(Locale.ROOT)) {
      case "s1" -> new NewAgentWithDefenderAlert();
      case "s2", "shadowpad" -> new ShadowPad();
      case "s3", "data-theft" -> new DataTheft();
      case "beaconing" -> new Generic.Beaconing();
      case "port-scan", "portscan" -> new Generic.PortScan();
      case "brute-force", "bruteforce" -> new Generic.BruteForce();
      case "dga" -> new Generic.Dga();
      case "c2-unusual-port", "reverse-shell" -> new Generic.UnusualPortC2();
      default -> throw new IllegalArgumentException("unknown scenario '" + id + "'; known: " + String.join(", ", IDS));
    };
  }
}
