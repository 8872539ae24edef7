package org.lanternfish.search;

import static org.lanternfish.search.SearchSyntaxException.token;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lanternfish.search.QueryNode.Comparison;
import org.lanternfish.search.QueryNode.Operator;
import org.lanternfish.store.AddressKey;
import org.lanternfish.store.ColumnKind;
import org.lanternfish.store.EventColumn;
import org.lanternfish.store.EventTable;

/**
 * Turns a parsed query into a parameterised WHERE condition for one event table. Every value becomes a JDBC
 * parameter; the only identifiers written into the SQL are the store's own column names.
 */
final class SqlCompiler {
  private final String query;
  private final Instant now;

  SqlCompiler(String query, Instant now) {
    this.query = query;
    this.now = now;
  }

  SqlCondition compile(QueryNode node, EventTable table) {
    return switch (node) {
      case QueryNode.And and -> SqlCondition.and(and.operands().stream().map(n -> compile(n, table)).toList());
      case QueryNode.Or or -> SqlCondition.or(or.operands().stream().map(n -> compile(n, table)).toList());
      case QueryNode.Not not -> compile(not.operand(), table).not();
      case QueryNode.Last last -> SqlCondition.of("ts >= make_timestamp(?)", micros(now.minus(last.duration())));
      case Comparison comparison -> comparison(comparison, table);
    };
  }

  private SqlCondition comparison(Comparison c, EventTable table) {
    if (c.field().equalsIgnoreCase(FieldCatalog.TYPE)) {
      return typeTest(c, table);
    }
    EventColumn column = FieldCatalog.column(table, c.field());
    if (column == null) {
      if (!FieldCatalog.known(c.field())) {
        String suggestion = FieldCatalog.suggestion(c.field());
        throw error("unknown field '" + token(c.field()) + "' at column " + c.fieldColumn()
            + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"), c.fieldColumn());
      }
      return SqlCondition.UNKNOWN;
    }
    if (c.operator().ordering() && !(column.kind().numeric() || column.kind() == ColumnKind.TIME)) {
      throw error("'" + c.operator().symbol() + "' compares numbers and times, but " + column.field() + " is "
          + describe(column.kind()) + "; use ':' or '='", c.fieldColumn() + c.field().length());
    }
    return switch (column.kind()) {
      case COUNT, PORT, INTERVAL -> number(c, column);
      case TIME -> time(c, column);
      case FLAG -> flag(c, column);
      case TEXT -> text(c, column.name());
      case ADDRESS -> address(c, column);
      case TEXT_LIST -> negate(c, SqlCondition.of(
          "len(list_filter(" + column.name() + ", lambda v: " + ilike("v", c) + ")) > 0", pattern(c)), column.name());
      case NUMBER_LIST -> negate(c, SqlCondition.of("list_contains(" + column.name() + ", ?)",
          parseNumber(c).doubleValue()), column.name());
    };
  }

  private SqlCondition typeTest(Comparison c, EventTable table) {
    if (c.operator() != Operator.MATCHES && c.operator() != Operator.EQUALS && c.operator() != Operator.NOT_EQUALS) {
      throw error("type takes ':' or '!=', such as type:conn", c.fieldColumn() + c.field().length());
    }
    String wanted = c.value().toLowerCase(Locale.ROOT);
    boolean anyType = false;
    boolean matches = false;
    for (EventTable candidate : EventTable.all()) {
      boolean hit = glob(wanted, candidate.name());
      anyType |= hit;
      matches |= hit && candidate == table;
    }
    if (!anyType) {
      throw error("unknown log type '" + token(c.value()) + "' at column " + c.valueColumn() + "; known types: "
          + String.join(", ", EventTable.all().stream().map(EventTable::name).toList()), c.valueColumn());
    }
    return matches == (c.operator() != Operator.NOT_EQUALS) ? SqlCondition.TRUE : SqlCondition.FALSE;
  }

  private SqlCondition number(Comparison c, EventColumn column) {
    Number value = parseNumber(c);
    Object param = column.kind() == ColumnKind.INTERVAL ? (Object) value.doubleValue() : value;
    return switch (c.operator()) {
      case MATCHES, EQUALS -> SqlCondition.of(column.name() + " = ?", param);
      case NOT_EQUALS -> SqlCondition.of(column.name() + " IS DISTINCT FROM ?", param);
      default -> SqlCondition.of(column.name() + " " + c.operator().symbol() + " ?", param);
    };
  }

  private SqlCondition time(Comparison c, EventColumn column) {
    String value = c.value();
    LocalDate day = value.length() == 10 ? parseDay(value) : null;
    if (day != null && c.operator() == Operator.MATCHES) {
      long start = micros(day.atStartOfDay(ZoneOffset.UTC).toInstant());
      long end = micros(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
      return SqlCondition.of("(" + column.name() + " >= make_timestamp(?) AND " + column.name()
          + " < make_timestamp(?))", start, end);
    }
    long micros = day != null ? micros(day.atStartOfDay(ZoneOffset.UTC).toInstant()) : parseTime(c);
    String operator = switch (c.operator()) {
      case MATCHES, EQUALS -> "=";
      case NOT_EQUALS -> "IS DISTINCT FROM";
      default -> c.operator().symbol();
    };
    return SqlCondition.of(column.name() + " " + operator + " make_timestamp(?)", micros);
  }

  private SqlCondition flag(Comparison c, EventColumn column) {
    Boolean value = switch (c.value().toLowerCase(Locale.ROOT)) {
      case "t", "true", "yes", "1" -> Boolean.TRUE;
      case "f", "false", "no", "0" -> Boolean.FALSE;
      default -> throw error(column.field() + " is true or false, not '" + token(c.value()) + "'", c.valueColumn());
    };
    return SqlCondition.of(column.name() + (c.operator() == Operator.NOT_EQUALS ? " IS DISTINCT FROM ?" : " = ?"),
        value);
  }

  private SqlCondition text(Comparison c, String column) {
    if (c.operator() == Operator.EQUALS) {
      return SqlCondition.of(column + " = ?", c.value());
    }
    return negate(c, SqlCondition.of(ilike(column, c), pattern(c)), column);
  }

  /**
   * {@code operand ILIKE ?} for the {@link #pattern} of {@code c}, with an ESCAPE clause only when the value has a
   * character to escape: DuckDB matches without one 2.3 times as fast (10M names against {@code %.microsoftonline.com}:
   * 388 against 886 ms), and a pattern without a backslash means the same either way.
   */
  private static String ilike(String operand, Comparison c) {
    boolean escapes = c.value().chars().anyMatch(ch -> ch == '%' || ch == '_' || ch == '\\');
    return operand + " ILIKE ?" + (escapes ? " ESCAPE '\\'" : "");
  }

  private SqlCondition address(Comparison c, EventColumn column) {
    boolean wildcard = !c.quoted() && (c.value().indexOf('*') >= 0 || c.value().indexOf('?') >= 0);
    String octets = wildcard ? leadingOctetsBlock(c.value()) : c.value();
    if (octets == null) {
      // Renders the text of every row the rest of the query leaves (about 1 CPU microsecond each), where a block
      // compares keys.
      return negate(c, SqlCondition.of(ilike(column.valueSql(), c), pattern(c)), column.presenceName());
    }
    AddressKey[] range = AddressKey.range(octets);
    if (range == null) {
      if (!addressEverywhere(c.field())) {
        // Like "host", which is a name in http.log and an address in software.log: this table cannot match.
        return SqlCondition.FALSE;
      }
      throw error("'" + token(c.value()) + "' is not an IP address or CIDR block such as 10.0.0.0/8 or 2001:db8::/32",
          c.valueColumn());
    }
    String high = column.highName();
    String low = column.lowName();
    SqlCondition match;
    if (range[0].high() == range[1].high()) {
      match = SqlCondition.of("(" + high + " = ? AND " + low + " BETWEEN ? AND ?)", range[0].high(), range[0].low(),
          range[1].low());
    } else {
      // A prefix of 64 bits or fewer spans whole low halves, so the high half alone decides.
      match = SqlCondition.of(high + " BETWEEN ? AND ?", range[0].high(), range[1].high());
    }
    return negate(c, match, column.presenceName());
  }

  /**
   * The CIDR block that matches exactly the addresses a pattern of whole leading IPv4 octets and a final {@code *}
   * matches as text ({@code 10.1.*} is {@code 10.1.0.0/16}), or null for any other pattern.
   */
  private static String leadingOctetsBlock(String pattern) {
    if (!LEADING_OCTETS.matcher(pattern).matches()) {
      return null;
    }
    String[] octets = pattern.substring(0, pattern.length() - 2).split("\\.");
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      String octet = i < octets.length ? octets[i] : "0";
      if (Integer.parseInt(octet) > 255) {
        return null;
      }
      block.append(i == 0 ? "" : ".").append(octet);
    }
    return block.append('/').append(8 * octets.length).toString();
  }

  private static final Pattern LEADING_OCTETS = Pattern.compile("((0|[1-9][0-9]{0,2})\\.){1,3}\\*");

  private static boolean addressEverywhere(String field) {
    for (EventTable table : EventTable.all()) {
      EventColumn column = FieldCatalog.column(table, field);
      if (column != null && column.kind() != ColumnKind.ADDRESS) {
        return false;
      }
    }
    return true;
  }

  // '!=' keeps rows where the field is unset: "service!=dns" should not drop connections with no service.
  private static SqlCondition negate(Comparison c, SqlCondition match, String column) {
    if (c.operator() != Operator.NOT_EQUALS) {
      return match;
    }
    List<Object> params = new ArrayList<>(match.params());
    return new SqlCondition("(" + column + " IS NULL OR NOT " + match.sql() + ")", List.copyOf(params),
        SqlCondition.Truth.ROWS);
  }

  /** The ILIKE pattern of a value: bare {@code *} and {@code ?} are wildcards, everything else is literal. */
  private static String pattern(Comparison c) {
    StringBuilder like = new StringBuilder();
    for (char ch : c.value().toCharArray()) {
      switch (ch) {
        case '%', '_', '\\' -> like.append('\\').append(ch);
        case '*' -> like.append(c.quoted() ? "*" : "%");
        case '?' -> like.append(c.quoted() ? "?" : "_");
        default -> like.append(ch);
      }
    }
    return like.toString();
  }

  private Number parseNumber(Comparison c) {
    try {
      if (c.value().matches("[+-]?\\d+")) {
        return Long.parseLong(c.value());
      }
      return Double.parseDouble(c.value());
    } catch (NumberFormatException e) {
      throw error("'" + token(c.value()) + "' is not a number (" + c.field() + " is numeric)", c.valueColumn());
    }
  }

  private long parseTime(Comparison c) {
    String value = c.value();
    long micros;
    try {
      if (value.matches("\\d+(\\.\\d+)?")) {
        micros = Math.round(Double.parseDouble(value) * 1_000_000);
      } else if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
        micros = micros(OffsetDateTime.parse(value).toInstant());
      } else {
        micros = micros(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
      }
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      micros = Long.MAX_VALUE;
    }
    if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
      throw error("'" + token(value) + "' is not a time of the years 1 to 9999; write 2024-01-31, 2024-01-31T13:45 or"
          + " epoch seconds (UTC)", c.valueColumn());
    }
    return micros;
  }

  private static LocalDate parseDay(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean glob(String pattern, String name) {
    StringBuilder regex = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return name.matches(regex.toString());
  }

  private static String describe(ColumnKind kind) {
    return switch (kind) {
      case ADDRESS -> "an address";
      case FLAG -> "true/false";
      case TEXT_LIST, NUMBER_LIST -> "a list";
      default -> "text";
    };
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static final long EARLIEST_MICROS = micros(Instant.parse("0001-01-01T00:00:00Z"));
  private static final long LATEST_MICROS = micros(Instant.parse("9999-12-31T23:59:59Z"));

  private SearchSyntaxException error(String problem, int column) {
    return new SearchSyntaxException(problem.contains(" at column ") ? problem : problem + " at column " + column,
        query, column);
  }
}
