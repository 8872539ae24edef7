package org.lanternfish.respond;

import java.util.Collection;
import java.util.Set;
import org.lanternfish.microsoft.defender.MachineActions;

/**
 * One rule of the response policy: which breaches call for which action, for how long, and whether a person must
 * confirm it first.
 *
 * @param name what the audit trail calls the rule ({@code policy:<name>})
 * @param modelIds models whose breaches it answers
 * @param categories model categories whose breaches it answers (with {@code modelIds} both empty: any breach)
 * @param minScore the least score it answers
 * @param maxScore the highest score it answers
 * @param withIntegrationAlert true when it answers only a device that a security integration (Defender) also alerted
 *     on within {@code windowMicros}, as in the seed's story
 * @param windowMicros how far apart the two breaches may be
 * @param kind the action
 * @param durationMicros how long it lasts (ignored when escalating)
 * @param escalating true to take the duration from the escalation ladder, holding repeat offenders longer each time
 * @param autonomous true to act at once, false to wait for an analyst
 * @param incidents true when it answers incidents instead of breaches: it acts on every device of an incident whose
 *     priority enters the score band (models, categories and the integration alert do not apply)
 * @param isolation for a quarantine, how Defender isolates the device; null for the Defender backend's own setting
 */
public record ResponseRule(String name, Set<String> modelIds, Set<String> categories, int minScore, int maxScore,
    boolean withIntegrationAlert, long windowMicros, ActionKind kind, long durationMicros, boolean escalating,
    boolean autonomous, boolean incidents, MachineActions.Isolation isolation) {

  /** Makes the sets immutable. */
  public ResponseRule {
    modelIds = Set.copyOf(modelIds);
    categories = Set.copyOf(categories);
  }

  /** A rule that answers breaches. */
  public ResponseRule(String name, Set<String> modelIds, Set<String> categories, int minScore, int maxScore,
      boolean withIntegrationAlert, long windowMicros, ActionKind kind, long durationMicros, boolean escalating,
      boolean autonomous) {
    this(name, modelIds, categories, minScore, maxScore, withIntegrationAlert, windowMicros, kind, durationMicros,
        escalating, autonomous, false, null);
  }

  /** True when {@code score} (a breach's score or an incident's priority) is within the rule's band. */
  public boolean inBand(int score) {
    return score >= minScore && score <= maxScore;
  }

  /**
   * True when a breach of the models {@code breachModelIds} (its own and those it folded) in {@code category}
   * scoring {@code score} is one this rule answers.
   */
  public boolean answers(Collection<String> breachModelIds, String category, int score) {
    boolean selected = modelIds.isEmpty() && categories.isEmpty()
        || breachModelIds.stream().anyMatch(modelIds::contains) || categories.contains(category);
    return !incidents && selected && inBand(score);
  }
}
