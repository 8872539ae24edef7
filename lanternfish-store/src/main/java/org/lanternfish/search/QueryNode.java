package org.lanternfish.search;

import java.time.Duration;
import java.util.List;

/** A node of a parsed Advanced Search query. */
sealed interface QueryNode {
  /** Every operand must hold. */
  record And(List<QueryNode> operands) implements QueryNode {}

  /** At least one operand must hold. */
  record Or(List<QueryNode> operands) implements QueryNode {}

  /** The operand must not hold. */
  record Not(QueryNode operand) implements QueryNode {}

  /**
   * {@code field op value}, such as {@code id.resp_p:445}.
   *
   * @param fieldColumn 1-based column of the field name, for error messages
   * @param valueColumn 1-based column of the value
   * @param quoted whether the value was in double quotes, which makes {@code *} and {@code ?} literal
   */
  record Comparison(String field, int fieldColumn, Operator operator, String value, int valueColumn, boolean quoted)
      implements QueryNode {}

  /** {@code last 24h}: events no older than the duration before now. */
  record Last(Duration duration) implements QueryNode {}

  /** The comparison operators of the language. */
  enum Operator {
    MATCHES(":"), EQUALS("="), NOT_EQUALS("!="), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    String symbol() {
      return symbol;
    }

    boolean ordering() {
      return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
    }
  }
}
