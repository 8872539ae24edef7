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
import java.util.Optional;

/**
 * AI Analyst incidents as they stand ({@code incidents}) and every change to them in commit order
 * ({@code incident_updates}, a row per version, the outbox's incident entries). Works inside the caller's transaction.
 */
final class IncidentTable {
  private static final String COLUMNS = "id, title, priority, epoch_us(first_ts), epoch_us(last_ts), breaches,"
      + " devices, body";

  private final Connection connection;

  IncidentTable(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS incidents (id VARCHAR PRIMARY KEY, title VARCHAR, priority INTEGER,"
        + " first_ts TIMESTAMP, last_ts TIMESTAMP, breaches INTEGER, devices VARCHAR[], body VARCHAR)");
    // A row with a null body retires the incident.
    statement.execute("CREATE TABLE IF NOT EXISTS incident_updates (seq BIGINT PRIMARY KEY, id VARCHAR,"
        + " title VARCHAR, priority INTEGER, first_ts TIMESTAMP, last_ts TIMESTAMP, breaches INTEGER,"
        + " devices VARCHAR[], body VARCHAR)");
  }

  long maxSeq() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM incident_updates")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** True when {@code incident} is not stored exactly as it is. */
  boolean changes(StoredIncident incident) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT body FROM incidents WHERE id = ?")) {
      select.setString(1, incident.id());
      try (ResultSet rows = select.executeQuery()) {
        return !rows.next() || !incident.json().equals(rows.getString(1));
      }
    }
  }

  void upsert(StoredIncident incident, long seq) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM incidents WHERE id = ?")) {
      delete.setString(1, incident.id());
      delete.executeUpdate();
    }
    insert("incidents (id, title, priority, first_ts, last_ts, breaches, devices, body) VALUES (", incident, -1);
    insert("incident_updates VALUES (?, ", incident, seq);
  }

  /** Removes incident {@code id}, recording the retirement as update {@code seq}; false when it was not stored. */
  boolean retire(String id, long seq) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM incidents WHERE id = ?")) {
      delete.setString(1, id);
      if (delete.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incident_updates (seq, id)"
        + " VALUES (?, ?)")) {
      insert.setLong(1, seq);
      insert.setString(2, id);
      insert.executeUpdate();
    }
    return true;
  }

  private void insert(String into, StoredIncident incident, long seq) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + into
        + "?, ?, ?, make_timestamp(?), make_timestamp(?), ?, ?, ?)")) {
      int i = 1;
      if (seq >= 0) {
        insert.setLong(i++, seq);
      }
      insert.setString(i++, incident.id());
      insert.setString(i++, incident.title());
      insert.setInt(i++, incident.priority());
      insert.setLong(i++, incident.firstTs());
      insert.setLong(i++, incident.lastTs());
      insert.setInt(i++, incident.breaches());
      insert.setArray(i++, connection.createArrayOf("VARCHAR", incident.devices().toArray()));
      insert.setString(i, incident.json());
      insert.executeUpdate();
    }
  }

  List<StoredIncident> atLeast(int minPriority) throws SQLException {
    List<StoredIncident> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM incidents"
        + " WHERE priority >= ? ORDER BY priority DESC, first_ts, id")) {
      select.setInt(1, minPriority);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(incident(rows, 1));
        }
      }
    }
    return found;
  }

  List<OutboxEntry.IncidentUpdated> updatesAfter(long afterSeq, int limit) throws SQLException {
    List<OutboxEntry.IncidentUpdated> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT seq, " + COLUMNS + " FROM incident_updates"
        + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, afterSeq);
      select.setInt(2, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Optional<StoredIncident> incident = rows.getString(9) == null ? Optional.empty()
              : Optional.of(incident(rows, 2));
          found.add(new OutboxEntry.IncidentUpdated(rows.getLong(1), rows.getString(2), incident));
        }
      }
    }
    return found;
  }

  private static StoredIncident incident(ResultSet rows, int first) throws SQLException {
    Array devices = rows.getArray(first + 6);
    List<String> names = Arrays.stream((Object[]) devices.getArray()).map(String::valueOf).toList();
    return new StoredIncident(rows.getString(first), rows.getString(first + 1), rows.getInt(first + 2),
        rows.getLong(first + 3), rows.getLong(first + 4), rows.getInt(first + 5), names, rows.getString(first + 7));
  }
}
