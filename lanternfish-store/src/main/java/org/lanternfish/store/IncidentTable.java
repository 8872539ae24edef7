package org.lanternfish.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** AI Analyst incidents, replaced as a whole each time the analyst re-threads the stored breaches. */
final class IncidentTable {
  private final Connection connection;

  IncidentTable(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS incidents (id VARCHAR PRIMARY KEY, title VARCHAR, priority INTEGER,"
        + " first_ts TIMESTAMP, last_ts TIMESTAMP, breaches INTEGER, devices VARCHAR[], body VARCHAR)");
  }

  void replace(List<StoredIncident> incidents) throws SQLException {
    try (Statement clear = connection.createStatement();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO incidents VALUES (?, ?, ?,"
            + " make_timestamp(?), make_timestamp(?), ?, ?, ?)")) {
      clear.execute("DELETE FROM incidents");
      for (StoredIncident incident : incidents) {
        insert.setString(1, incident.id());
        insert.setString(2, incident.title());
        insert.setInt(3, incident.priority());
        insert.setLong(4, incident.firstTs());
        insert.setLong(5, incident.lastTs());
        insert.setInt(6, incident.breaches());
        insert.setArray(7, connection.createArrayOf("VARCHAR", incident.devices().toArray()));
        insert.setString(8, incident.json());
        insert.executeUpdate();
      }
    }
  }

  List<StoredIncident> atLeast(int minPriority) throws SQLException {
    List<StoredIncident> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT id, title, priority, epoch_us(first_ts),"
        + " epoch_us(last_ts), breaches, devices, body FROM incidents WHERE priority >= ?"
        + " ORDER BY priority DESC, first_ts, id")) {
      select.setInt(1, minPriority);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Array devices = rows.getArray(7);
          List<String> names = Arrays.stream((Object[]) devices.getArray()).map(String::valueOf).toList();
          found.add(new StoredIncident(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getLong(4),
              rows.getLong(5), rows.getInt(6), names, rows.getString(8)));
        }
      }
    }
    return found;
  }
}
