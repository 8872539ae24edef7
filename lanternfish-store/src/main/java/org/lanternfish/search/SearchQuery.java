package org.lanternfish.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.store.ColumnKind;
import org.lanternfish.store.EventColumn;
import org.lanternfish.store.EventTable;

/**
 * A parsed Advanced Search query, such as {@code type:conn AND id.resp_p:445 AND NOT id.orig_h:10.0.0.0/8}.
 *
 * <p>The language: {@code field:value} matches case-insensitively with {@code *} and {@code ?} wildcards (quoted
 * values are literal), {@code field=value} matches exactly, {@code !=} excludes (keeping unset fields), and
 * {@code > >= < <=} compare numbers and times. Address fields take a CIDR block for IPv4 or IPv6. {@code ts} takes
 * UTC times like {@code 2024-01-01T00:00} ({@code ts:2024-01-01} is that whole day), {@code last 24h} keeps recent
 * events, and {@code type:} picks log types. Conditions combine with NOT, AND (or mere juxtaposition) and OR, in that
 * order of precedence, and parentheses. Fields are Zeek names ({@code id.orig_h}, {@code query}), optionally
 * qualified by the log ({@code dns.query}), or the aliases {@code src}, {@code dst}, {@code sport}, {@code dport},
 * {@code port}. A query without {@code type:} searches the logs that have the fields it names.
 */
public final class SearchQuery {
  private final String text;
  private final QueryNode root;

  private SearchQuery(String text, QueryNode root) {
    this.text = text;
    this.root = root;
  }

  /** Parses {@code text}, or throws a {@link SearchSyntaxException} that points at the offending token. */
  public static SearchQuery parse(String text) {
    return new SearchQuery(text, QueryParser.parse(text));
  }

  /** The query as the analyst typed it. */
  public String text() {
    return text;
  }

  /**
   * One parameterised SELECT per log type that can match, newest first and at most {@code limit} rows each.
   *
   * @param now the time {@code last 24h} counts back from
   */
  public List<CompiledQuery> compile(Instant now, int limit) {
    SqlCompiler compiler = new SqlCompiler(text, now);
    List<CompiledQuery> queries = new ArrayList<>();
    for (EventTable table : EventTable.all()) {
      SqlCondition condition = compiler.compile(root, table);
      if (condition.truth() == SqlCondition.Truth.FALSE || condition.truth() == SqlCondition.Truth.UNKNOWN) {
        continue;
      }
      List<Object> params = new ArrayList<>(condition.params());
      params.add(limit);
      // The newest rows are picked first and only they are rendered: DuckDB computes a select list before its top-N,
      // and rendering the addresses of every matching row made a CIDR + time search 5 to 14 times slower.
      queries.add(new CompiledQuery(table.logType(), "SELECT " + selectList(table) + " FROM (SELECT * FROM "
          + table.name() + " WHERE " + condition.sql() + " ORDER BY ts DESC LIMIT ?) ORDER BY ts DESC", params));
    }
    return queries;
  }

  /**
   * One parameterised count per log type that can match and has {@code field}: the {@code limit} most frequent values
   * of the field among the matching records, with their counts ({@code value}, {@code records}); {@code type} counts
   * the matching records of each log type. A field no log that can match has yields an empty list; one no log has at
   * all throws a {@link SearchSyntaxException} naming the nearest known field.
   */
  public List<CompiledQuery> compileCount(Instant now, String field, int limit) {
    boolean byType = field.equalsIgnoreCase(FieldCatalog.TYPE);
    if (!byType && !FieldCatalog.known(field)) {
      String nearest = FieldCatalog.suggestion(field);
      throw new SearchSyntaxException("unknown field '" + field + "' to count by"
          + (nearest == null ? "" : " (did you mean " + nearest + "?)"), field, 1);
    }
    SqlCompiler compiler = new SqlCompiler(text, now);
    List<CompiledQuery> queries = new ArrayList<>();
    for (EventTable table : EventTable.all()) {
      EventColumn column = byType ? null : FieldCatalog.column(table, field);
      SqlCondition condition = compiler.compile(root, table);
      if (!byType && column == null || condition.truth() == SqlCondition.Truth.FALSE
          || condition.truth() == SqlCondition.Truth.UNKNOWN) {
        continue;
      }
      List<Object> params = new ArrayList<>(condition.params());
      params.add(limit);
      // A log type's name is one of the enum's, so it is written into the SQL as a literal.
      String count = " count(*) AS records FROM " + table.name() + " WHERE " + condition.sql();
      String sql;
      if (column != null && column.kind() == ColumnKind.ADDRESS) {
        // Groups by the key and renders only the distinct addresses.
        sql = "SELECT " + column.valueSql() + " AS value, records FROM (SELECT " + column.highName() + ", "
            + column.lowName() + "," + count + " GROUP BY ALL) ORDER BY 2 DESC, 1 LIMIT ?";
      } else {
        String value = byType ? "'" + table.logType().logName() + "'" : column.valueSql();
        sql = "SELECT " + value + " AS value," + count + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?";
      }
      queries.add(new CompiledQuery(table.logType(), sql, params));
    }
    return queries;
  }

  private static String selectList(EventTable table) {
    List<String> columns = new ArrayList<>();
    for (EventColumn column : table.columns()) {
      columns.add(column.valueSql() + " AS \"" + column.field() + "\"");
    }
    return String.join(", ", columns);
  }

  @Override
  public String toString() {
    return text;
  }
}
