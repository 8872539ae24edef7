package org.lanternfish.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model definition: which signal it listens to, the conditions that make it fire, its score, category, ATT&CK
 * techniques and explanation. Models are data, parsed from text by {@link ModelParser}, never compiled in.
 *
 * @param name full name such as {@code Compliance / SMB Drive Write}; may quote attributes, e.g. {@code {signature}}
 * @param on the signal kind it listens to
 * @param conditions all must hold
 * @param boosts score added when a condition holds
 * @param sequences earlier signals that must have happened on the same device
 * @param score base score 0-100
 * @param techniques MITRE ATT&CK technique ids; an entry {@code {attribute}} stands for the ids a signal carries in
 *     that attribute (an integration alert's own techniques), see {@link #techniques(Signal)}
 * @param explanation template quoting attributes in braces
 * @param cooldownMicros minimum time between two breaches of this model for one device and peer
 * @param enabled false when the user disabled it
 * @param source where the definition came from, for error messages
 * @param line the line of its {@code model:} header
 */
public record Model(
    String name,
    String on,
    List<Condition> conditions,
    List<Boost> boosts,
    List<Sequence> sequences,
    int score,
    List<String> techniques,
    String explanation,
    long cooldownMicros,
    boolean enabled,
    String source,
    int line) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

  /**
   * A score increment applied when its condition holds.
   *
   * @param condition the test
   * @param amount points added (may be negative)
   */
  public record Boost(Condition condition, int amount) {}

  /** Makes the lists immutable. */
  public Model {
    conditions = List.copyOf(conditions);
    boosts = List.copyOf(boosts);
    sequences = List.copyOf(sequences);
    techniques = List.copyOf(techniques);
  }

  /** The category, the part of the name before " / ". */
  public String category() {
    int at = name.indexOf(" / ");
    return at < 0 ? name : name.substring(0, at);
  }

  /** True when every condition holds for the signal (sequences are checked by the caller, who holds history). */
  public boolean matches(Signal signal) {
    // Indexed: judged for every signal, and an iterator per call is garbage the JIT does not always avoid.
    for (int i = 0, n = conditions.size(); i < n; i++) {
      if (!conditions.get(i).test(signal)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when one of the conditions already fails on the signal for good (see {@link Condition#rulesOut}), so the
   * signal need not be completed before it is judged.
   */
  public boolean ruledOut(Signal signal, Set<String> unsettled) {
    for (int i = 0, n = conditions.size(); i < n; i++) {
      if (conditions.get(i).rulesOut(signal, unsettled)) {
        return true;
      }
    }
    return false;
  }

  /** The score for this signal: the base score plus every boost whose condition holds, clamped to 0-100. */
  public int score(Signal signal) {
    int s = score;
    for (Boost b : boosts) {
      if (b.condition().test(signal)) {
        s += b.amount();
      }
    }
    return Math.max(0, Math.min(100, s));
  }

  /**
   * The techniques of a breach of this model on {@code signal}: the fixed ids, with each {@code {attribute}} entry
   * replaced by the ids the signal's attribute lists (comma-separated, or a list); duplicates and blanks dropped.
   */
  public List<String> techniques(Signal signal) {
    List<String> out = new java.util.ArrayList<>(techniques.size());
    for (String technique : techniques) {
      Matcher m = PLACEHOLDER.matcher(technique);
      if (!m.matches()) {
        if (!out.contains(technique)) {
          out.add(technique);
        }
        continue;
      }
      Object value = signal.get(m.group(1));
      List<?> ids = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value.toString()
          .split(","));
      for (Object id : ids) {
        String text = id == null ? "" : id.toString().strip();
        if (!text.isEmpty() && !out.contains(text)) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /** The template with each {@code {attribute}} replaced by the signal's value ("?" when missing). */
  public static String render(String template, Map<String, Object> attributes) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 32);
    while (m.find()) {
      Object v = attributes.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "?" : format(v)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    return v.toString();
  }
}
