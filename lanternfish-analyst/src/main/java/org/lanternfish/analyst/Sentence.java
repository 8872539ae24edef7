package org.lanternfish.analyst;

import java.util.List;

/**
 * One sentence of an incident's summary with the breaches and records that back it, so every claim can be checked.
 *
 * @param text the sentence as the analyst reads it
 * @param breachIds the breaches the sentence is written from, never empty
 * @param recordUids the records (Zeek uid or store key) behind those breaches
 */
public record Sentence(String text, List<String> breachIds, List<String> recordUids) {

  /** Refuses a sentence that links to nothing, and makes the lists immutable. */
  public Sentence {
    if (breachIds.isEmpty()) {
      throw new IllegalArgumentException("a summary sentence must link to at least one breach: " + text);
    }
    breachIds = List.copyOf(breachIds);
    recordUids = List.copyOf(recordUids);
  }
}
