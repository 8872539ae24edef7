package org.lanternfish.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled WHERE condition for one table with its parameters, folded when it is a constant.
 *
 * <p>Constants come from {@code type:} tests and from fields the table lacks, which are unknown (SQL NULL) rather
 * than false, so that {@code NOT query:x} does not match every conn record. A table whose condition folds to false or
 * unknown is not queried at all.
 */
record SqlCondition(String sql, List<Object> params, Truth truth) {
  static final SqlCondition TRUE = new SqlCondition("TRUE", List.of(), Truth.TRUE);
  static final SqlCondition FALSE = new SqlCondition("FALSE", List.of(), Truth.FALSE);
  static final SqlCondition UNKNOWN = new SqlCondition("NULL", List.of(), Truth.UNKNOWN);

  /** Three-valued constants, or SQL to evaluate per row. */
  enum Truth { TRUE, FALSE, UNKNOWN, ROWS }

  static SqlCondition of(String sql, Object... params) {
    return new SqlCondition(sql, List.of(params), Truth.ROWS);
  }

  static SqlCondition and(List<SqlCondition> operands) {
    return combine(operands, Truth.FALSE, Truth.TRUE, " AND ");
  }

  static SqlCondition or(List<SqlCondition> operands) {
    return combine(operands, Truth.TRUE, Truth.FALSE, " OR ");
  }

  // absorbing decides the result alone (FALSE in AND, TRUE in OR); neutral drops out.
  private static SqlCondition combine(List<SqlCondition> operands, Truth absorbing, Truth neutral, String joiner) {
    List<SqlCondition> kept = new ArrayList<>();
    for (SqlCondition operand : operands) {
      if (operand.truth == absorbing) {
        return operand;
      }
      if (operand.truth != neutral) {
        kept.add(operand);
      }
    }
    if (kept.isEmpty()) {
      return neutral == Truth.TRUE ? TRUE : FALSE;
    }
    if (kept.stream().allMatch(c -> c.truth == Truth.UNKNOWN)) {
      return UNKNOWN;
    }
    if (kept.size() == 1) {
      return kept.getFirst();
    }
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (SqlCondition condition : kept) {
      parts.add(condition.sql);
      params.addAll(condition.params);
    }
    return new SqlCondition("(" + String.join(joiner, parts) + ")", List.copyOf(params), Truth.ROWS);
  }

  SqlCondition not() {
    return switch (truth) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
      case ROWS -> new SqlCondition("(NOT " + sql + ")", params, Truth.ROWS);
    };
  }
}
