package org.lanternfish.search;

import java.util.List;
import org.lanternfish.event.LogType;

/**
 * The SQL that runs an Advanced Search on one log type's table, with every user value as a JDBC parameter.
 *
 * @param logType the table searched
 * @param sql a SELECT whose only identifiers are known column names, with {@code ?} for every value
 * @param params the values, in order
 */
public record CompiledQuery(LogType logType, String sql, List<Object> params) {
  /** Copies the parameters so the query can be kept and rerun. */
  public CompiledQuery {
    params = List.copyOf(params);
  }
}
