package org.lanternfish.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lanternfish.breach.Tactic;

/**
 * Parses model definitions from text: blocks of {@code key: value} lines, each block opened by {@code model:}.
 *
 * <pre>
 * model: Compliance / SMB Drive Write
 * id: smb-drive-write
 * on: smb_write
 * where: share_admin = true
 * score: 40
 * boost: new_pair = true =&gt; +10
 * after: smb_write within 10m same peer
 * techniques: T1021.002, T1570
 * tactics: lateral-movement
 * # or the signal's own, e.g. an integration alert's: techniques: {mitre_techniques}
 * # per device unless it says otherwise: 1h per peer (each peer and credential), 6h per campaign
 * cooldown: 1h
 * # while the network learns, its first firing on a device breaches and its repeats are learned as the habit
 * learning: first breaches
 * explain: {device} wrote {file} to {share} on {peer}
 * enabled: true
 * </pre>
 *
 * A block with an error is skipped with a message naming the source and line; the other blocks still load. A block
 * whose signal kind, or any attribute it tests, boosts on or quotes, is not one the core raises (see
 * {@link SignalKinds}) is such an error, with the nearest known name as a suggestion.
 */
public final class ModelParser {

  /**
   * What parsing one text gave.
   *
   * @param models the models that parsed
   * @param errors one message per rejected block, as {@code source:line: reason}
   */
  public record Result(List<Model> models, List<String> errors) {}

  /** The attribute set for each model once it matched (see {@link SignalKinds#WHEN_JUDGED}). */
  private static final String HABIT_CREDENTIAL = "habit_credential";

  private ModelParser() {}

  /** Parses every model block in {@code text}; {@code source} names it in error messages. */
  public static Result parse(String source, String text) {
    List<Model> models = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    Block block = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        if (block != null) {
          block.fail(i + 1, "expected 'key: value', got '" + line + "'");
        } else {
          errors.add(source + ":" + (i + 1) + ": expected 'model: NAME' to start a model, got '" + line + "'");
        }
        continue;
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (key.equals("model")) {
        finish(block, models, errors);
        block = new Block(source, i + 1, value);
      } else if (block == null) {
        errors.add(source + ":" + (i + 1) + ": '" + key + ":' outside a model; start one with 'model: NAME'");
      } else {
        block.set(i + 1, key, value);
      }
    }
    finish(block, models, errors);
    return new Result(List.copyOf(models), List.copyOf(errors));
  }

  private static void finish(Block block, List<Model> models, List<String> errors) {
    if (block == null) {
      return;
    }
    if (block.error == null && block.on == null) {
      block.fail(block.line, "model '" + block.name + "' has no 'on:' signal kind");
    }
    if (block.error == null) {
      block.checkNames();
    }
    if (block.error == null && block.firstBreachesWhileLearning && block.readsNetworkLearning()) {
      block.fail(block.learningLine, "'learning: first breaches' judges the model while the network learns; drop its"
          + " 'where: network_learning = false'");
    }
    if (block.error == null && block.score < 0) {
      block.fail(block.line, "model '" + block.name + "' has no 'score:'");
    }
    if (block.error != null) {
      errors.add(block.error);
      return;
    }
    String id = block.id == null ? Model.idOf(block.name) : block.id;
    if (models.stream().anyMatch(m -> m.id().equals(id))) {
      errors.add(block.source + ":" + block.line + ": model id '" + id + "' is already used in this file"
          + (block.id == null ? " (give the model its own 'id:')" : ""));
      return;
    }
    models.add(new Model(id, block.name, block.on, block.conditions, block.boosts, block.sequences, block.score,
        block.techniques, block.tactics, block.explanation == null ? block.name : block.explanation, block.cooldown,
        block.cooldownScope, block.firstBreachesWhileLearning, block.enabled, 0, block.source, block.line));
  }

  private static final class Block {
    final String source;
    final int line;
    final String name;
    String id;
    String on;
    int onLine;
    List<Tactic> tactics = List.of();
    /** Attribute names the block reads, with the line that reads each, checked once its kind is known. */
    final List<Map.Entry<Integer, String>> reads = new ArrayList<>();
    final List<Condition> conditions = new ArrayList<>();
    final List<Model.Boost> boosts = new ArrayList<>();
    final List<Sequence> sequences = new ArrayList<>();
    int score = -1;
    List<String> techniques = List.of();
    String explanation;
    long cooldown = 3_600_000_000L;
    Model.CooldownScope cooldownScope = Model.CooldownScope.DEVICE;
    boolean firstBreachesWhileLearning;
    int learningLine;
    boolean enabled = true;
    String error;

    Block(String source, int line, String name) {
      this.source = source;
      this.line = line;
      this.name = name;
      if (name.isEmpty()) {
        fail(line, "'model:' needs a name such as 'Device / Port Scan'");
      }
    }

    void fail(int at, String reason) {
      if (error == null) {
        error = source + ":" + at + ": " + reason;
      }
    }

    void set(int at, String key, String value) {
      try {
        switch (key) {
          case "id" -> {
            if (!value.matches("[a-z0-9][a-z0-9-]*")) {
              throw new IllegalArgumentException("bad model id '" + value
                  + "' (use lower-case letters, digits and hyphens, such as smb-drive-write)");
            }
            id = value;
          }
          case "on" -> {
            if (!value.matches("[a-z_][a-z0-9_]*")) {
              throw new IllegalArgumentException("bad signal kind '" + value + "'");
            }
            on = value;
            onLine = at;
          }
          case "where" -> {
            Condition condition = Condition.parse(value);
            if (condition.attributes().contains(HABIT_CREDENTIAL)) {
              throw new IllegalArgumentException("'" + HABIT_CREDENTIAL + "' is known once a model matched: score"
                  + " with it in 'boost:'");
            }
            conditions.add(condition);
            reads(at, conditions.getLast());
          }
          case "boost" -> {
            boosts.add(boost(value));
            reads(at, boosts.getLast().condition());
          }
          case "after" -> {
            Sequence sequence = Sequence.parse(value);
            if (!SignalKinds.isKind(sequence.kind())) {
              throw new IllegalArgumentException(SignalKinds.unknown("signal kind", sequence.kind(),
                  SignalKinds.kinds()) + " in 'after:'");
            }
            sequences.add(sequence);
          }
          case "score" -> score = score(value);
          case "techniques" -> {
            techniques = techniques(value);
            techniques.forEach(t -> Model.placeholders(t).forEach(a -> reads.add(Map.entry(at, a))));
          }
          case "tactics" -> tactics = Arrays.stream(value.split(",")).filter(t -> !t.isBlank()).map(Tactic::parse)
              .sorted().distinct().toList();
          case "explain" -> {
            explanation = value;
            Model.placeholders(value).forEach(a -> reads.add(Map.entry(at, a)));
          }
          case "cooldown" -> cooldown(value);
          case "learning" -> {
            if (!value.equals("first breaches")) {
              throw new IllegalArgumentException("unknown learning rule '" + value + "' (known: first breaches)");
            }
            firstBreachesWhileLearning = true;
            learningLine = at;
          }
          case "enabled" -> enabled = bool(value);
          default -> throw new IllegalArgumentException("unknown key '" + key + ":' (known: id, on, where, boost,"
              + " after, score, techniques, tactics, explain, cooldown, learning, enabled)");
        }
      } catch (IllegalArgumentException e) {
        fail(at, e.getMessage());
      }
    }

    /** {@code 1h}, {@code 1h per peer} or {@code 6h per campaign}. */
    private void cooldown(String value) {
      String[] words = value.strip().split("\\s+");
      if (words.length == 3 && words[1].equals("per")) {
        cooldownScope = switch (words[2]) {
          case "device" -> Model.CooldownScope.DEVICE;
          case "peer" -> Model.CooldownScope.PEER;
          case "campaign" -> Model.CooldownScope.CAMPAIGN;
          default -> throw new IllegalArgumentException("unknown cooldown scope '" + words[2]
              + "' (known: device, peer, campaign)");
        };
      } else if (words.length != 1) {
        throw new IllegalArgumentException("bad cooldown '" + value + "' (such as 1h, 1h per peer, 6h per campaign)");
      }
      cooldown = Durations.parse(words[0]);
    }

    boolean readsNetworkLearning() {
      return conditions.stream().anyMatch(c -> c.attributes().contains("network_learning"));
    }

    private void reads(int at, Condition condition) {
      condition.attributes().forEach(a -> reads.add(Map.entry(at, a)));
    }

    /** Refuses a kind the core never raises and an attribute its signals never carry. */
    void checkNames() {
      if (!SignalKinds.isKind(on)) {
        fail(onLine, SignalKinds.unknown("signal kind", on, SignalKinds.kinds()));
        return;
      }
      Set<String> known = SignalKinds.attributes(on);
      Model.placeholders(name).forEach(a -> reads.add(0, Map.entry(line, a)));
      for (Map.Entry<Integer, String> read : reads) {
        if (!known.contains(read.getValue())) {
          fail(read.getKey(), SignalKinds.unknown("attribute", read.getValue(), known) + " of '" + on
              + "' signals");
          return;
        }
      }
    }

    /** Technique ids, or {@code {attribute}} for the ids a signal carries, such as an integration alert's own. */
    private static List<String> techniques(String value) {
      List<String> ids = Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
      for (String id : ids) {
        if ((id.startsWith("{") || id.endsWith("}")) && !id.matches("\\{[a-z_][a-z0-9_]*}")) {
          throw new IllegalArgumentException("bad technique placeholder '" + id
              + "' (use an attribute name in braces, such as {mitre_techniques})");
        }
      }
      return ids;
    }

    private static int score(String value) {
      try {
        int s = Integer.parseInt(value);
        if (s < 0 || s > 100) {
          throw new IllegalArgumentException("score must be 0-100, got " + s);
        }
        return s;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("score must be a whole number 0-100, got '" + value + "'");
      }
    }

    private static Model.Boost boost(String value) {
      int arrow = value.lastIndexOf("=>");
      if (arrow < 0) {
        throw new IllegalArgumentException("'boost:' needs 'CONDITION => +N'");
      }
      String amount = value.substring(arrow + 2).trim();
      try {
        return new Model.Boost(Condition.parse(value.substring(0, arrow).trim()),
            Integer.parseInt(amount.startsWith("+") ? amount.substring(1) : amount));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("boost amount must be a whole number such as +10, got '" + amount + "'");
      }
    }

    private static boolean bool(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
      };
    }
  }
}
