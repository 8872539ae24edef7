package org.lanternfish.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Entities;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Tactic;

/**
 * One act, one breach: the models that fire on one act of a device (an executable written to an admin share is a
 * drive write, a new admin-share write and a masquerade at once; the session it was written in was a first admin
 * session) are told as the breach of the highest-scoring model, which names the others, their scores and
 * explanations, and carries their techniques, tactics, records and entities, so the analyst reads one breach per act
 * and nothing any of them saw is lost. A remote execution (a payload written to a peer, then run there through a
 * service, a scheduled task, WMI or DCOM) is one act too, though its write and its execution are separate records:
 * the execution leads it, whichever scored highest, and the act keeps the highest score of its parts.
 */
final class Fold {

  private static final String ALSO = " The same act also matched ";
  /** Between a folded model's display name and its explanation in its evidence. */
  private static final String NAME_END = " \u2014 ";
  /** Lateral tool transfer: the technique of a payload written to another device. */
  private static final String PAYLOAD_WRITE = "T1570";
  /** Running something on another device: a service, a scheduled task or at job, WMI, DCOM. */
  private static final List<String> REMOTE_EXECUTION = List.of("T1569", "T1053", "T1047", "T1021.003");

  private Fold() {}

  /** The breaches of one act as one breach; {@code raised} is in the order they were raised and not empty. */
  static Breach of(List<Breach> raised) {
    Breach winner = raised.getFirst();
    Breach deed = null;
    boolean written = false;
    int score = 0;
    for (Breach b : raised) {
      // The first of equal scores wins, so the catalogue's order decides ties the same way every time.
      if (b.score() > winner.score()) {
        winner = b;
      }
      if (executesRemotely(b) && (deed == null || b.score() > deed.score())) {
        deed = b;
      }
      written |= writesPayload(b);
      score = Math.max(score, b.score());
    }
    if (raised.size() == 1) {
      return winner;
    }
    if (deed != null && written) {
      // The analyst reads what was done to the peer; the write that staged it is cited.
      winner = deed;
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
        winner.peer(), score, List.copyOf(techniques), List.copyOf(tactics), explanation, evidence,
        List.copyOf(uids), entities);
  }

  /** True when {@code b} (or a model folded into it) saw a payload written to its peer. */
  static boolean writesPayload(Breach b) {
    return b.techniques().contains(PAYLOAD_WRITE);
  }

  /** True when {@code b} (or a model folded into it) saw its device run something on its peer. */
  static boolean executesRemotely(Breach b) {
    for (String technique : b.techniques()) {
      for (String execution : REMOTE_EXECUTION) {
        if (technique.equals(execution) || technique.startsWith(execution + ".")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when {@code a} and {@code b} are the write and the execution of one remote execution: one wrote a payload
   * to the peer and the other ran something there, from the same device, under the same credential when both
   * name one.
   */
  static boolean oneRemoteExecution(Breach a, Breach b) {
    if (a.peerValue() == null || !a.device().equals(b.device()) || !a.peerValue().equals(b.peerValue())) {
      return false;
    }
    String credential = a.entities().get(Entities.CREDENTIAL);
    String other = b.entities().get(Entities.CREDENTIAL);
    if (credential != null && other != null && !credential.equalsIgnoreCase(other)) {
      return false;
    }
    return writesPayload(a) && executesRemotely(b) || executesRemotely(a) && writesPayload(b);
  }

  /** A breach's own explanation, without the models folded into it. */
  private static String base(String explanation) {
    int at = explanation.indexOf(ALSO);
    return at < 0 ? explanation : explanation.substring(0, at);
  }
}
