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

/** The analysts' verdicts on alerts, one row an alert, the newest kept. */
final class VerdictTable {
  private final Connection connection;

  VerdictTable(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS alert_verdicts (alert_id VARCHAR PRIMARY KEY,"
        + " classification VARCHAR NOT NULL, determination VARCHAR, updated BIGINT NOT NULL)");
  }

  void record(List<AlertVerdict> verdicts) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO alert_verdicts VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (alert_id) DO UPDATE SET classification = excluded.classification,"
        + " determination = excluded.determination, updated = excluded.updated"
        + " WHERE excluded.updated >= alert_verdicts.updated")) {
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
    try (PreparedStatement select = connection.prepareStatement("SELECT alert_id, classification, determination,"
        + " updated FROM alert_verdicts WHERE alert_id IN (" + String.join(", ", Collections.nCopies(alertIds.size(),
        "?")) + ") ORDER BY alert_id")) {
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
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'alert_verdicts'")) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }
}
