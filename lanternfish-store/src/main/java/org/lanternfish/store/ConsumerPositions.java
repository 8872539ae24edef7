package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** How far each named outbox consumer has got, like a Kafka consumer group's committed offset. */
final class ConsumerPositions {
  private final Connection connection;

  ConsumerPositions(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS outbox_positions (consumer VARCHAR PRIMARY KEY, seq BIGINT,"
        + " updated_at TIMESTAMP)");
  }

  long position(String consumer) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT seq FROM outbox_positions WHERE consumer = ?")) {
      select.setString(1, consumer);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  void advance(String consumer, long seq) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO outbox_positions VALUES (?, ?,"
        + " current_timestamp) ON CONFLICT (consumer) DO UPDATE SET seq = greatest(seq, excluded.seq),"
        + " updated_at = excluded.updated_at")) {
      upsert.setString(1, consumer);
      upsert.setLong(2, seq);
      upsert.executeUpdate();
    }
  }
}
