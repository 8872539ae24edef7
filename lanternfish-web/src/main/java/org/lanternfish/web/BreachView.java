package org.lanternfish.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.store.OutboxEntry;

/**
 * A stored breach as the API and the pages show it: times as instants, and evidence without NaN (absent instead).
 *
 * @param seq the commit order number, also the cursor of the breach list
 * @param id the breach's id
 * @param modelId the stable id of the model that fired
 * @param model the model that fired, by its display name
 * @param category the model's category
 * @param ts when
 * @param device the device that breached, by host name or address
 * @param peer the other endpoint, or null
 * @param peerKind what the peer is: DEVICE, ADDRESS or DOMAIN, or null with no peer
 * @param score 0 to 100
 * @param techniques MITRE ATT&CK technique ids
 * @param tactics the ATT&CK tactics it reached
 * @param explanation why, in words and numbers
 * @param evidence the anomalies behind it
 * @param recordUids the records behind it
 * @param entities what it touched, by kind
 * @param suppressedBy the id of the suppression in force that hides it from default lists, or null
 */
public record BreachView(long seq, String id, String modelId, String model, String category, Instant ts, String device,
    String peer, String peerKind, int score, List<String> techniques, List<String> tactics, String explanation,
    List<EvidenceView> evidence, List<String> recordUids, Map<String, String> entities, String suppressedBy) {

  /** The view of a stored breach that {@code suppressedBy} hides (null when none does). */
  public static BreachView of(OutboxEntry.BreachStored stored, String suppressedBy) {
    Breach b = stored.breach();
    return new BreachView(stored.seq(), b.id(), b.modelId(), b.model(), b.category(), instant(b.ts()), b.device(),
        b.peerValue(), b.peer() == null ? null : b.peer().kind().name(), b.score(), b.techniques(),
        b.tactics().stream().map(Enum::name).toList(), b.explanation(),
        b.evidence().stream().map(EvidenceView::of).toList(), b.recordUids(), b.entities(), suppressedBy);
  }

  /** The same breach with its explanation rewritten by {@code rewrite}. */
  public BreachView withExplanation(java.util.function.UnaryOperator<String> rewrite) {
    return new BreachView(seq, id, modelId, model, category, ts, device, peer, peerKind, score, techniques, tactics,
        rewrite.apply(explanation), evidence, recordUids, entities, suppressedBy);
  }

  /** Microseconds since the epoch as an instant. */
  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /**
   * The Advanced Search query that finds the records behind {@code uids}, for breaches from {@code first} to
   * {@code last}: within three days before (a long connection is logged when it began) and a day after, so the store
   * reads only the days that can hold them (over the demo's fortnight: 0.3 s instead of 0.9 s). The window is in the
   * query, so an analyst sees it and can widen it.
   */
  public static String recordsQuery(List<String> uids, Instant first, Instant last) {
    return "(" + String.join(" OR ", uids.stream().distinct().map(uid -> "uid:" + uid).toList()) + ") AND ts>="
        + first.minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + " ts<"
        + last.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
  }

  /**
   * One anomaly.
   *
   * @param kind what was measured
   * @param text the sentence
   * @param value the figure, or null when there is none
   */
  public record EvidenceView(String kind, String text, Double value) {
    static EvidenceView of(Evidence evidence) {
      return new EvidenceView(evidence.kind(), evidence.text(),
          Double.isFinite(evidence.value()) ? evidence.value() : null);
    }
  }
}
