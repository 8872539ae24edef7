package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Tactic;

/**
 * One act, one breach: the models that fire on one act of a device (an executable written to an admin share is a
 * drive write, a new admin-share write and a masquerade at once; the session it was written in was a first admin
 * session) are told as the breach of the highest-scoring model, which names the others, their scores and
 * explanations, and carries their techniques, tactics, records and entities, so the analyst reads one breach per act
 * and nothing any of them saw is lost.
 */
final class Fold {

  private static final String ALSO = " The same act also matched ";
  /** Between a folded model's display name and its explanation in its evidence. */
  private static final String NAME_END = " \u2014 ";

  private Fold() {}

  /** The breaches of one act as one breach; {@code raised} is in the order they were raised and not empty. */
  static Breach of(List<Breach> raised) {
    Breach winner = raised.getFirst();
    for (Breach b : raised) {
      // The first of equal scores wins, so the catalogue's order decides ties the same way every time.
      if (b.score() > winner.score()) {
        winner = b;
      }
    }
    if (raised.size() == 1) {
      return winner;
    }
    Set<String> techniques = new LinkedHashSet<>(winner.techniques());
    Set<Tactic> tactics = new LinkedHashSet<>(winner.tactics());
    Set<String> uids = new LinkedHashSet<>(winner.recordUids());
    Map<String, String> entities = new TreeMap<>(winner.entities());
    List<Evidence> evidence = new ArrayList<>(winner.evidence());
    for (Breach b : raised) {
      if (b == winner) {
        continue;
      }
      techniques.addAll(b.techniques());
      tactics.addAll(b.tactics());
      uids.addAll(b.recordUids());
      b.entities().forEach(entities::putIfAbsent);
      for (Evidence e : b.evidence()) {
        if (!evidence.contains(e)) {
          evidence.add(e);
        }
      }
      evidence.add(new Evidence(Evidence.FOLDED_MODEL + b.modelId(), b.model() + NAME_END + base(b.explanation()),
          b.score()));
    }
    Map<String, String> others = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      int end = e.text().indexOf(NAME_END);
      if (e.kind().startsWith(Evidence.FOLDED_MODEL) && end > 0) {
        others.putIfAbsent(e.kind(), e.text().substring(0, end) + " (" + (int) e.value() + ")");
      }
    }
    String explanation = base(winner.explanation()) + ALSO + String.join(", ", others.values()) + ".";
    return new Breach(winner.id(), winner.modelId(), winner.model(), winner.category(), winner.ts(), winner.device(),
        winner.peer(), winner.score(), List.copyOf(techniques), List.copyOf(tactics), explanation, evidence,
        List.copyOf(uids), entities);
  }

  /** A breach's own explanation, without the models folded into it. */
  private static String base(String explanation) {
    int at = explanation.indexOf(ALSO);
    return at < 0 ? explanation : explanation.substring(0, at);
  }
}
