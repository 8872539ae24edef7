package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.store.AlertVerdicts.AlertVerdict;

/** The analysts' verdicts on alerts (or incidents), one row an alert, the newest kept. */
final class VerdictTable {
  private final Connection connection;
  private final String table;
  private final String key;

  /** The table {@code table} of verdicts keyed by the column {@code key}. */
  VerdictTable(Connection connection, String table, String key) {
    this.connection = connection;
    this.table = table;
    this.key = key;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + key + " VARCHAR PRIMARY KEY,"
        + " classification VARCHAR NOT NULL, determination VARCHAR, updated BIGINT NOT NULL)");
  }

  void record(List<AlertVerdict> verdicts) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (" + key + ") DO UPDATE SET classification = excluded.classification,"
        + " determination = excluded.determination, updated = excluded.updated"
        + " WHERE excluded.updated >= " + table + ".updated")) {
      for (AlertVerdict v : verdicts) {
        upsert.setString(1, v.alertId());
        upsert.setString(2, v.classification());
        if (v.determination() == null) {
          upsert.setNull(3, Types.VARCHAR);
        } else {
          upsert.setString(3, v.determination());
        }
        upsert.setLong(4, v.updatedMicros());
        upsert.execute();
      }
    }
  }

  Map<String, AlertVerdict> of(Collection<String> alertIds) throws SQLException {
    Map<String, AlertVerdict> found = new LinkedHashMap<>();
    if (alertIds.isEmpty() || !exists()) {
      return found;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT " + key + ", classification, determination,"
        + " updated FROM " + table + " WHERE " + key + " IN (" + String.join(", ", Collections.nCopies(alertIds.size(),
        "?")) + ") ORDER BY " + key)) {
      int i = 1;
      for (String id : alertIds) {
        select.setString(i++, id);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.put(rows.getString(1), new AlertVerdict(rows.getString(1), rows.getString(2), rows.getString(3),
              rows.getLong(4)));
        }
      }
    }
    return found;
  }

  /** False in a read-only store written before this table existed. */
  private boolean exists() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = '" + table + "'")) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }
}
