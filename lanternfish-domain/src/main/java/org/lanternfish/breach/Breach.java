package org.lanternfish.breach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model breach: a model fired on one device at one time, with a score, the reasons, and the records behind it.
 * Consumers decide what a breach means from its model id, peer, entities, techniques and tactics, never from its
 * display name, which users may change.
 *
 * @param id stable identifier, the same for the same input (deterministic, so replays give equal breaches); it
 *     derives from the model id, not from the display name
 * @param modelId the model's stable id, such as {@code smb-drive-write}
 * @param model the model's display name, such as {@code Compliance / SMB Drive Write}
 * @param category the model's category, the part of its display name before " / "
 * @param ts event time of the breach in microseconds since the Unix epoch
 * @param device stable id of the device that breached (see the device identity stage)
 * @param peer the other endpoint involved, or null
 * @param score 0 to 100
 * @param techniques MITRE ATT&CK technique ids such as {@code T1021.002}
 * @param tactics ATT&CK tactics the breach reached: the model's own, or those of its techniques
 * @param explanation one or two sentences that say why, in words and numbers
 * @param evidence the anomalies that made the model fire
 * @param recordUids the ids (Zeek uid or store key) of every record behind the breach
 * @param entities what the breach touched, keyed by the kinds of {@link Entities}; the AI Analyst threads breaches on
 *     these
 */
public record Breach(
    String id,
    String modelId,
    String model,
    String category,
    long ts,
    String device,
    Peer peer,
    int score,
    List<String> techniques,
    List<Tactic> tactics,
    String explanation,
    List<Evidence> evidence,
    List<String> recordUids,
    Map<String, String> entities) {

  /** Makes the lists and map immutable so a breach can be shared between threads and stages. */
  public Breach {
    techniques = List.copyOf(techniques);
    tactics = List.copyOf(tactics);
    evidence = List.copyOf(evidence);
    recordUids = List.copyOf(recordUids);
    entities = Map.copyOf(entities);
  }

  /**
   * The ids of every model behind the breach: its own, then those of the models that matched the same act and were
   * folded into it (each named by an {@link Evidence#FOLDED_MODEL} evidence).
   */
  public List<String> modelIds() {
    List<String> ids = new ArrayList<>();
    if (modelId != null) {
      ids.add(modelId);
    }
    for (Evidence e : evidence) {
      if (e.kind().startsWith(Evidence.FOLDED_MODEL)) {
        ids.add(e.kind().substring(Evidence.FOLDED_MODEL.length()));
      }
    }
    return ids;
  }

  /** The peer's value (device id, address or domain), or null when there is none. */
  public String peerValue() {
    return Peer.valueOf(peer);
  }
}
