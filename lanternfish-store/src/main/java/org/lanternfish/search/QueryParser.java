package org.lanternfish.search;

import static org.lanternfish.search.SearchSyntaxException.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.search.QueryNode.Operator;

/**
 * Recursive-descent parser of the Advanced Search language; precedence from loosest to tightest is OR, AND
 * (explicit or implied by juxtaposition), NOT.
 *
 * <pre>
 * query      := or EOF
 * or         := and ("OR" and)*
 * and        := unary (["AND"] unary)*
 * unary      := "NOT" unary | "(" or ")" | "last" DURATION | comparison
 * comparison := FIELD (":" | "=" | "!=" | ">" | ">=" | "<" | "<=") (WORD | "quoted string")
 * </pre>
 */
final class QueryParser {
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhdw])");
  /** Deeper nesting than anyone writes; the limit keeps a pasted wall of brackets from overflowing the stack. */
  static final int MAX_DEPTH = 100;
  /** The longest 'last' a store can hold: a hundred years. */
  private static final Duration MAX_LAST = Duration.ofDays(36_525);

  private final String text;
  private int position;
  private int depth;

  private QueryParser(String text) {
    this.text = text;
  }

  static QueryNode parse(String text) {
    QueryParser parser = new QueryParser(text);
    parser.skipSpace();
    if (parser.atEnd()) {
      throw new SearchSyntaxException("empty query: type a search such as type:conn AND id.resp_p:445", text, 1);
    }
    QueryNode node = parser.or();
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.error("unexpected '" + parser.text.charAt(parser.position) + "'", parser.position);
    }
    return node;
  }

  private QueryNode or() {
    List<QueryNode> operands = new ArrayList<>();
    operands.add(and());
    while (keyword("OR")) {
      operands.add(and());
    }
    return operands.size() == 1 ? operands.getFirst() : new QueryNode.Or(operands);
  }

  private QueryNode and() {
    List<QueryNode> operands = new ArrayList<>();
    operands.add(unary());
    while (true) {
      skipSpace();
      if (atEnd() || peek() == ')' || peekKeyword("OR")) {
        break;
      }
      keyword("AND");
      operands.add(unary());
    }
    return operands.size() == 1 ? operands.getFirst() : new QueryNode.And(operands);
  }

  private QueryNode unary() {
    skipSpace();
    if (atEnd()) {
      throw error("the query ends where a condition was expected", position);
    }
    if (peekKeyword("NOT") || peek() == '(') {
      return nested();
    }
    if (peek() == ')') {
      throw error("')' without a matching '('", position);
    }
    if (peekKeyword("AND") || peekKeyword("OR")) {
      throw error("'" + word(position) + "' needs a condition on its left", position);
    }
    if (peekKeyword("last")) {
      keyword("last");
      skipSpace();
      int start = position;
      String amount = word(start);
      Matcher matcher = DURATION.matcher(amount);
      if (!matcher.matches()) {
        throw error("'last' needs a duration such as 30m, 24h or 7d, not '" + token(amount) + "'", start);
      }
      Duration duration = matcher.group(1).length() > 9 ? null
          : duration(Long.parseLong(matcher.group(1)), matcher.group(2).charAt(0));
      if (duration == null || duration.compareTo(MAX_LAST) > 0) {
        throw error("'last " + token(amount) + "' is too long; the longest is 100 years (36525d)", start);
      }
      position += amount.length();
      return new QueryNode.Last(duration);
    }
    return comparison();
  }

  /** A NOT or a parenthesised group, each a level deeper; recursion is bounded by {@link #MAX_DEPTH}. */
  private QueryNode nested() {
    if (++depth > MAX_DEPTH) {
      throw error("the query is nested deeper than " + MAX_DEPTH + " levels of NOT and parentheses", position);
    }
    QueryNode node;
    if (keyword("NOT")) {
      node = new QueryNode.Not(unary());
    } else {
      int open = position;
      position++;
      node = or();
      skipSpace();
      if (atEnd() || peek() != ')') {
        throw error("'(' is never closed", open);
      }
      position++;
    }
    depth--;
    return node;
  }


  private QueryNode comparison() {
    int fieldStart = position;
    while (!atEnd() && fieldChar(peek())) {
      position++;
    }
    String field = text.substring(fieldStart, position);
    if (field.isEmpty()) {
      throw error("expected a field name such as id.orig_h, not '" + peek() + "'", fieldStart);
    }
    int operatorStart = position;
    Operator operator = operator();
    if (operator == null) {
      if (atEnd() || Character.isWhitespace(peek()) || peek() == ')') {
        String shown = token(field);
        throw error("'" + shown + "' needs a comparison such as " + shown + ":value", fieldStart);
      }
      throw error("unexpected '" + peek() + "' after field '" + token(field) + "'", operatorStart);
    }
    int valueStart = position;
    if (!atEnd() && peek() == '"') {
      return new QueryNode.Comparison(field, fieldStart + 1, operator, quoted(), valueStart + 1, true);
    }
    while (!atEnd() && !Character.isWhitespace(peek()) && peek() != ')' && peek() != '(') {
      position++;
    }
    if (position == valueStart) {
      throw error("'" + token(field) + operator.symbol() + "' needs a value", valueStart);
    }
    return new QueryNode.Comparison(field, fieldStart + 1, operator, text.substring(valueStart, position),
        valueStart + 1, false);
  }

  private Operator operator() {
    if (atEnd()) {
      return null;
    }
    char c = peek();
    char next = position + 1 < text.length() ? text.charAt(position + 1) : 0;
    Operator operator = switch (c) {
      case ':' -> Operator.MATCHES;
      case '=' -> Operator.EQUALS;
      case '!' -> next == '=' ? Operator.NOT_EQUALS : null;
      case '>' -> next == '=' ? Operator.GREATER_OR_EQUAL : Operator.GREATER;
      case '<' -> next == '=' ? Operator.LESS_OR_EQUAL : Operator.LESS;
      default -> null;
    };
    if (operator != null) {
      position += operator.symbol().length();
    }
    return operator;
  }

  private String quoted() {
    int open = position;
    position++;
    StringBuilder value = new StringBuilder();
    while (!atEnd()) {
      char c = text.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && !atEnd()) {
        c = text.charAt(position++);
      }
      value.append(c);
    }
    throw error("the quoted value is never closed", open);
  }

  private static Duration duration(long amount, char unit) {
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> Duration.ofDays(7 * amount);
    };
  }

  private boolean keyword(String keyword) {
    skipSpace();
    if (peekKeyword(keyword)) {
      position += keyword.length();
      return true;
    }
    return false;
  }

  // A keyword is a whole word: "ORacle:x" is a field, and "NOT(" is NOT followed by a group.
  private boolean peekKeyword(String keyword) {
    int end = position + keyword.length();
    return text.regionMatches(true, position, keyword, 0, keyword.length())
        && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(');
  }

  private String word(int start) {
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ')') {
      end++;
    }
    return text.substring(start, end);
  }

  private static boolean fieldChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      position++;
    }
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  private char peek() {
    return text.charAt(position);
  }

  private SearchSyntaxException error(String problem, int zeroBasedColumn) {
    return new SearchSyntaxException(problem + " at column " + (zeroBasedColumn + 1), text, zeroBasedColumn + 1);
  }
}
