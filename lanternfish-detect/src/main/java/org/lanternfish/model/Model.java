package org.lanternfish.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.breach.Tactic;

/**
 * A model definition: which signal it listens to, the conditions that make it fire, its score, category, ATT&CK
 * techniques and explanation. Models are data, parsed from text by {@link ModelParser}, never compiled in.
 *
 * @param id stable id such as {@code smb-drive-write}: what breaches, cooldowns and user overrides refer to, so a
 *     display name can change freely
 * @param name full display name such as {@code Compliance / SMB Drive Write}; may quote attributes, e.g.
 *     {@code {signature}}
 * @param on the signal kind it listens to
 * @param conditions all must hold
 * @param boosts score added when a condition holds
 * @param sequences earlier signals that must have happened on the same device
 * @param score base score 0-100
 * @param techniques MITRE ATT&CK technique ids; an entry {@code {attribute}} stands for the ids a signal carries in
 *     that attribute (an integration alert's own techniques), see {@link #techniques(Signal)}
 * @param tactics the ATT&CK tactics the model states, or empty to take those of its breaches' techniques
 * @param explanation template quoting attributes in braces
 * @param cooldownMicros minimum time between two breaches of this model for one device (and peer, or the gap that
 *     ends a campaign, as {@code cooldownScope} says)
 * @param cooldownScope what the cooldown holds for: the device (the default), each peer and credential, or a campaign
 * @param firstBreachesWhileLearning true when, while the network learns, the model's first firing on a device (and
 *     one under a credential, or against a domain controller, new to it there) breaches and its repeats are learned
 *     as the device's habit ({@code learning: first breaches}); an administrative act is never hidden by learning
 * @param enabled false when the user disabled it
 * @param threshold the lowest score at which it raises a breach (0 to 100; 0 raises every firing), set per site
 * @param source where the definition came from, for error messages
 * @param line the line of its {@code model:} header
 */
public record Model(
    String id,
    String name,
    String on,
    List<Condition> conditions,
    List<Boost> boosts,
    List<Sequence> sequences,
    int score,
    List<String> techniques,
    List<Tactic> tactics,
    String explanation,
    long cooldownMicros,
    CooldownScope cooldownScope,
    boolean firstBreachesWhileLearning,
    boolean enabled,
    int threshold,
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

  /** What a model's cooldown holds for ({@code cooldown: 1h per peer}). */
  public enum CooldownScope {
    /** One breach per device and cooldown, whatever its peers: one story is one breach. */
    DEVICE,
    /** Each peer and credential cools down on its own: each hop of lateral movement is a finding. */
    PEER,
    /**
     * Firings less than a cooldown apart are one campaign, whatever their destinations: it breaches when it starts
     * and again when its destinations double or its volume quadruples, each breach listing its
     * destinations.
     */
    CAMPAIGN
  }

  /** Makes the lists immutable. */
  public Model {
    conditions = List.copyOf(conditions);
    boosts = List.copyOf(boosts);
    sequences = List.copyOf(sequences);
    techniques = List.copyOf(techniques);
    tactics = List.copyOf(tactics);
  }

  /** The same model, enabled or disabled. */
  public Model withEnabled(boolean on) {
    return new Model(id, name, this.on, conditions, boosts, sequences, score, techniques, tactics, explanation,
        cooldownMicros, cooldownScope, firstBreachesWhileLearning, on, threshold, source, line);
  }

  /** The same model raising breaches only from {@code score} (0 to 100). */
  public Model withThreshold(int score) {
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("a threshold is a score from 0 to 100, not " + score);
    }
    return new Model(id, name, on, conditions, boosts, sequences, this.score, techniques, tactics, explanation,
        cooldownMicros, cooldownScope, firstBreachesWhileLearning, enabled, score, source, line);
  }

  /**
   * The id a model without an {@code id:} gets: its display name after the category, without placeholders, in
   * lower case with hyphens ({@code Compliance / SMB Drive Write} gives {@code smb-drive-write}).
   */
  public static String idOf(String name) {
    int at = name.indexOf(" / ");
    String words = PLACEHOLDER.matcher(at < 0 ? name : name.substring(at + 3)).replaceAll(" ");
    return words.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /**
   * What tells this model's breaches apart for cooldowns and {@code after: breach ~ PATTERN}: the model id, and for
   * a name quoting attributes (an integration alert's title) their values too, so each alert title cools down on
   * its own whatever the model is called.
   */
  public String key(Signal signal) {
    if (name.indexOf('{') < 0) {
      return id;
    }
    StringBuilder key = new StringBuilder(id);
    for (String attribute : placeholders(name)) {
      Object value = signal.get(attribute);
      key.append(':').append(value == null ? "?" : format(value));
    }
    return key.toString();
  }

  /** The ATT&CK tactics of a breach with these techniques: the model's own when it states them. */
  public List<Tactic> tactics(List<String> breachTechniques) {
    return tactics.isEmpty() ? Tactic.ofAll(breachTechniques) : tactics;
  }

  /** The attribute names a template quotes in braces, in order. */
  public static List<String> placeholders(String template) {
    List<String> names = new java.util.ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
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
