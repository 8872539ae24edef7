package org.lanternfish.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One test on a signal attribute, such as {@code bytes >= 1000000} or {@code share ~ \$$}, with alternatives
 * written {@code a = 1 | b = 2} (either holds).
 *
 * <p>Parsed once, judged for every signal of its kind: the operator, the number and the pattern are compiled here.
 */
public final class Condition {

  static final List<String> OPERATORS = List.of("!=", ">=", "<=", "!~", "=", ">", "<", "~", " in ");

  private final String attribute;
  private final String op;
  private final String value;
  private final Test test;
  /** The value as a number for numeric tests and number equality, else NaN. */
  private final double number;
  private final Pattern pattern;
  private final List<String> options;
  /** Tests of which any may hold instead of this one. */
  private final Condition[] alternatives;
  /**
   * Recent answers of the pattern by text. Matched attributes are mostly names from a small vocabulary (RPC
   * interfaces and operations, shares, device names), so most tests are answered without running the pattern.
   * Entries are immutable, so shard threads sharing the model may race on a slot harmlessly.
   */
  private final PatternAnswer[] answers;

  private record PatternAnswer(String text, boolean found) {}

  private static final int ANSWERS = 64;

  private Condition(String attribute, String op, String value, Pattern pattern, List<String> options,
      List<Condition> alternatives) {
    // Interned, so looking the attribute up in a signal usually finds the name constant by reference.
    this.attribute = attribute.intern();
    this.op = op;
    this.value = value;
    this.test = Test.of(op);
    this.number = parseNumber(value);
    this.pattern = pattern;
    this.options = options;
    this.alternatives = alternatives.toArray(new Condition[0]);
    this.answers = pattern == null ? null : new PatternAnswer[ANSWERS];
  }

  private static double parseNumber(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException notANumber) {
      return Double.NaN;
    }
  }

  /** Parses {@code attribute op value [| attribute op value...]}; throws IllegalArgumentException with a reason. */
  public static Condition parse(String text) {
    String[] parts = text.split(" \\| ");
    List<Condition> alternatives = new java.util.ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      alternatives.add(single(parts[i].trim()));
    }
    Condition first = single(parts[0].trim());
    return new Condition(first.attribute, first.op, first.value, first.pattern, first.options,
        List.copyOf(alternatives));
  }

  private static Condition single(String text) {
    for (String op : OPERATORS) {
      int at = text.indexOf(op);
      if (at > 0) {
        String attribute = text.substring(0, at).trim();
        String value = unquote(text.substring(at + op.length()).trim());
        if (!attribute.matches("[a-z_][a-z0-9_]*")) {
          throw new IllegalArgumentException("bad attribute name '" + attribute + "'");
        }
        Pattern pattern = null;
        List<String> options = List.of();
        String o = op.trim();
        if (o.equals("~") || o.equals("!~")) {
          pattern = Pattern.compile(value, Pattern.CASE_INSENSITIVE);
        } else if (o.equals("in")) {
          options = List.of(value.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        } else if (!o.equals("=") && !o.equals("!=")) {
          try {
            Double.parseDouble(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + o + "' needs a number, got '" + value + "'");
          }
        }
        return new Condition(attribute, o, value, pattern, options, List.of());
      }
    }
    throw new IllegalArgumentException("no operator in '" + text + "' (use = != > >= < <= ~ !~ in)");
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** The attributes this test reads, its alternatives' included. */
  public List<String> attributes() {
    List<String> names = new java.util.ArrayList<>(1 + alternatives.length);
    names.add(attribute);
    for (Condition c : alternatives) {
      names.add(c.attribute);
    }
    return names;
  }

  /** True when the signal's attribute passes this test; a missing attribute passes only {@code !=} and {@code !~}. */
  public boolean test(Signal signal) {
    if (testThis(signal)) {
      return true;
    }
    for (Condition c : alternatives) { // an array: no iterator per test
      if (c.testThis(signal)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the signal already fails this test for good: each attribute the test (and every alternative) reads is
   * set and is not one of {@code unsettled}, the attributes still to be set or replaced before the signal is judged.
   */
  public boolean rulesOut(Signal signal, Set<String> unsettled) {
    if (!settled(signal, unsettled) || testThis(signal)) {
      return false;
    }
    for (Condition c : alternatives) {
      if (!c.settled(signal, unsettled) || c.testThis(signal)) {
        return false;
      }
    }
    return true;
  }

  private boolean settled(Signal signal, Set<String> unsettled) {
    return signal.has(attribute) && !unsettled.contains(attribute);
  }

  private boolean testThis(Signal signal) {
    Object actual = signal.get(attribute);
    if (actual == null) {
      return test == Test.NOT_EQUAL || test == Test.NOT_MATCHING;
    }
    return switch (test) {
      case EQUAL -> equal(actual);
      case NOT_EQUAL -> !equal(actual);
      case MATCHING -> matches(actual);
      case NOT_MATCHING -> !matches(actual);
      case IN -> options.contains(actual.toString().toLowerCase(Locale.ROOT));
      case GREATER -> actual instanceof Number n && n.doubleValue() > number;
      case GREATER_OR_EQUAL -> actual instanceof Number n && n.doubleValue() >= number;
      case LESS -> actual instanceof Number n && n.doubleValue() < number;
      case LESS_OR_EQUAL -> actual instanceof Number n && n.doubleValue() <= number;
    };
  }

  private boolean equal(Object actual) {
    if (actual instanceof Boolean b) {
      // Flags are the commonest test (new_share = true): compare without making text of them.
      return value.equalsIgnoreCase(b ? "true" : "false");
    }
    if (actual instanceof Number n) {
      return n.doubleValue() == number;
    }
    return actual.toString().equalsIgnoreCase(value);
  }

  private boolean matches(Object actual) {
    String text = actual instanceof String t ? t : actual.toString();
    int slot = text.hashCode() & (ANSWERS - 1);
    PatternAnswer known = answers[slot];
    if (known != null && (known.text() == text || known.text().equals(text))) {
      return known.found();
    }
    boolean found = pattern.matcher(text).find();
    answers[slot] = new PatternAnswer(text, found);
    return found;
  }

  /** What the operator tests, so judging a signal does not compare operator text. */
  private enum Test {
    EQUAL, NOT_EQUAL, MATCHING, NOT_MATCHING, IN, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL;

    static Test of(String op) {
      return switch (op) {
        case "=" -> EQUAL;
        case "!=" -> NOT_EQUAL;
        case "~" -> MATCHING;
        case "!~" -> NOT_MATCHING;
        case "in" -> IN;
        case ">" -> GREATER;
        case ">=" -> GREATER_OR_EQUAL;
        case "<" -> LESS;
        case "<=" -> LESS_OR_EQUAL;
        default -> throw new IllegalArgumentException("unknown operator '" + op + "'");
      };
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(attribute + " " + op + " " + value);
    for (Condition a : alternatives) {
      s.append(" | ").append(a);
    }
    return s.toString();
  }
}
