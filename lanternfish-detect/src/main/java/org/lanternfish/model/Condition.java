package org.lanternfish.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One test on a signal attribute, such as {@code bytes >= 1000000} or {@code share ~ \$$}, with alternatives
 * written {@code a = 1 | b = 2} (either holds).
 *
 * @param attribute the attribute name
 * @param op one of {@code = != > >= < <= ~ !~ in}
 * @param value the text after the operator, unquoted
 * @param pattern the compiled value of {@code ~} and {@code !~}, else null
 * @param options the values of {@code in}, else empty
 * @param alternatives tests of which any may hold instead of this one
 */
public record Condition(
    String attribute, String op, String value, Pattern pattern, List<String> options, List<Condition> alternatives) {

  static final List<String> OPERATORS = List.of("!=", ">=", "<=", "!~", "=", ">", "<", "~", " in ");

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

  /** True when the signal's attribute passes this test; a missing attribute passes only {@code !=} and {@code !~}. */
  public boolean test(Signal signal) {
    if (testThis(signal)) {
      return true;
    }
    for (Condition c : alternatives) {
      if (c.testThis(signal)) {
        return true;
      }
    }
    return false;
  }

  private boolean testThis(Signal signal) {
    Object actual = signal.get(attribute);
    if (actual == null) {
      return op.equals("!=") || op.equals("!~");
    }
    return switch (op) {
      case "=" -> equal(actual);
      case "!=" -> !equal(actual);
      case "~" -> pattern.matcher(actual.toString()).find();
      case "!~" -> !pattern.matcher(actual.toString()).find();
      case "in" -> options.contains(actual.toString().toLowerCase(Locale.ROOT));
      default -> compare(actual);
    };
  }

  private boolean equal(Object actual) {
    if (actual instanceof Number n) {
      try {
        return n.doubleValue() == Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return actual.toString().equalsIgnoreCase(value);
  }

  private boolean compare(Object actual) {
    if (!(actual instanceof Number n)) {
      return false;
    }
    double a = n.doubleValue();
    double b = Double.parseDouble(value);
    return switch (op) {
      case ">" -> a > b;
      case ">=" -> a >= b;
      case "<" -> a < b;
      default -> a <= b;
    };
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(attribute + " " + op + " " + value);
    alternatives.forEach(a -> s.append(" | ").append(a));
    return s.toString();
  }
}
