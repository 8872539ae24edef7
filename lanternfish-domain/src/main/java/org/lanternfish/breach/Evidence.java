package org.lanternfish.breach;

/**
 * One anomaly behind a breach, in words and numbers, such as "seen from 0 of 412 devices in 30 days".
 *
 * @param kind what was measured: {@code rarity}, {@code first-seen}, {@code volume}, {@code regularity}...
 * @param text the sentence an analyst reads
 * @param value the measured figure the text is about (a count, a ratio, a z-score), or NaN
 */
public record Evidence(String kind, String text, double value) {

  /**
   * The kind of evidence that names a model folded into the breach, followed by the model's id (such as
   * {@code folded_model:smb-drive-write}); its text is that model's explanation and its value that model's score.
   */
  public static final String FOLDED_MODEL = "folded_model:";
}
