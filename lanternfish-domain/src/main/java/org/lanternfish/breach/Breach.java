package org.lanternfish.breach;

import java.util.List;
import java.util.Map;

/**
 * A model breach: a model fired on one device at one time, with a score, the reasons, and the records behind it.
 *
 * @param id stable identifier, the same for the same input (deterministic, so replays give equal breaches)
 * @param model full model name, such as {@code Compliance / SMB Drive Write}
 * @param category the model's category, the part of its name before " / "
 * @param ts event time of the breach in microseconds since the Unix epoch
 * @param device stable id of the device that breached (see the device identity stage)
 * @param peer the other endpoint involved (device id, IP or domain), or null
 * @param score 0 to 100
 * @param techniques MITRE ATT&CK technique ids such as {@code T1021.002}
 * @param explanation one or two sentences that say why, in words and numbers
 * @param evidence the anomalies that made the model fire
 * @param recordUids the ids (Zeek uid or store key) of every record behind the breach
 * @param entities what the breach touched, keyed by kind: {@code credential}, {@code file}, {@code domain},
 *     {@code destination}, {@code user_agent}...; the AI Analyst threads breaches on these
 */
public record Breach(
    String id,
    String model,
    String category,
    long ts,
    String device,
    String peer,
    int score,
    List<String> techniques,
    String explanation,
    List<Evidence> evidence,
    List<String> recordUids,
    Map<String, String> entities) {

  /** Makes the lists and map immutable so a breach can be shared between threads and stages. */
  public Breach {
    techniques = List.copyOf(techniques);
    evidence = List.copyOf(evidence);
    recordUids = List.copyOf(recordUids);
    entities = Map.copyOf(entities);
  }
}
