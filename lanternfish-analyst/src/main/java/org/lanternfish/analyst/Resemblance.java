package org.lanternfish.analyst;

import java.util.List;

/**
 * How much an incident resembles a known actor's tradecraft: a hint with its reasons, never a verdict.
 *
 * @param profile the tradecraft profile's name, such as "DPRK-linked data theft"
 * @param confidence 0 to 1: the share of the profile's markers the incident shows
 * @param matched how many markers matched
 * @param total how many markers the profile has
 * @param reasons one line per matched marker, naming the artefact that matched
 * @param breachIds the breaches whose artefacts matched
 */
public record Resemblance(String profile, double confidence, int matched, int total, List<String> reasons,
    List<String> breachIds) {

  /** Makes the lists immutable. */
  public Resemblance {
    reasons = List.copyOf(reasons);
    breachIds = List.copyOf(breachIds);
  }

  /** The confidence in words: low, medium or high. */
  public String level() {
    return confidence >= 0.8 ? "high" : confidence >= 0.5 ? "medium" : "low";
  }

  /** The hint as one line, such as "resembles X (medium confidence): 4 of 6 tradecraft markers". */
  public String headline() {
    return "resembles " + profile + " (" + level() + " confidence): " + matched + " of " + total
        + " tradecraft markers";
  }
}
