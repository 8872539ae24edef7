package org.lanternfish.respond;

import java.util.Set;

/**
 * One line of the response policy: which breaches call for which action, for how long, and whether a person must
 * confirm it first.
 *
 * @param name what the audit trail calls the rule ({@code policy:<name>})
 * @param modelIds models whose breaches it answers (empty: any model)
 * @param minScore the least score it answers
 * @param withIntegrationAlert true when it answers only a device that a security integration (Defender) also alerted
 *     on within {@code windowMicros}, as in the seed's story
 * @param windowMicros how far apart the two breaches may be
 * @param kind the action
 * @param durationMicros how long it lasts (the first step when escalating)
 * @param escalating true to hold repeat offenders longer each time
 * @param autonomous true to act at once, false to wait for an analyst
 */
public record ResponseRule(String name, Set<String> modelIds, int minScore, boolean withIntegrationAlert,
    long windowMicros, ActionKind kind, long durationMicros, boolean escalating, boolean autonomous) {

  /** Makes the model ids immutable. */
  public ResponseRule {
    modelIds = Set.copyOf(modelIds);
  }
}
