package org.lanternfish.model;

import java.util.regex.Pattern;

/**
 * A sequence step a model requires before its signal: an earlier signal of {@code kind} on the same device within a
 * window, optionally whose label (a breach's model name, a share) matches a pattern and with the same peer.
 *
 * @param kind the earlier signal's kind, such as {@code smb_write} or {@code breach}
 * @param label pattern the earlier signal's label must match, or null
 * @param windowMicros how far back to look
 * @param samePeer true when the earlier signal must have had the same peer
 */
public record Sequence(String kind, Pattern label, long windowMicros, boolean samePeer) {

  /** Parses {@code KIND [~ REGEX] within DURATION [same peer]}. */
  public static Sequence parse(String text) {
    String t = text.trim();
    boolean samePeer = false;
    if (t.endsWith("same peer")) {
      samePeer = true;
      t = t.substring(0, t.length() - "same peer".length()).trim();
    }
    int within = t.lastIndexOf(" within ");
    if (within < 0) {
      throw new IllegalArgumentException("'after:' needs 'within DURATION', e.g. 'after: smb_write within 10m'");
    }
    long window = Durations.parse(t.substring(within + 8).trim());
    String head = t.substring(0, within).trim();
    Pattern label = null;
    int tilde = head.indexOf('~');
    String kind = head;
    if (tilde >= 0) {
      kind = head.substring(0, tilde).trim();
      label = Pattern.compile(head.substring(tilde + 1).trim(), Pattern.CASE_INSENSITIVE);
    }
    if (!kind.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("bad signal kind '" + kind + "' in 'after:'");
    }
    return new Sequence(kind, label, window, samePeer);
  }
}
