package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.lanternfish.store.InvestigationReports.InvestigationReport;

/** Triggered investigations, one row per triggering breach. */
final class InvestigationTable {
  private final Connection connection;

  InvestigationTable(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS investigations (breach_id VARCHAR PRIMARY KEY, device VARCHAR,"
        + " at_micros BIGINT, found BOOLEAN, conclusion VARCHAR, json VARCHAR)");
  }

  void record(InvestigationReport report) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO investigations VALUES"
        + " (?, ?, ?, ?, ?, ?)")) {
      upsert.setString(1, report.breachId());
      upsert.setString(2, report.device());
      upsert.setLong(3, report.atMicros());
      upsert.setBoolean(4, report.found());
      upsert.setString(5, report.conclusion());
      upsert.setString(6, report.json());
      upsert.executeUpdate();
    }
  }

  Optional<InvestigationReport> of(String breachId) throws SQLException {
    try (Statement check = connection.createStatement();
        ResultSet exists = check.executeQuery(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'investigations'")) {
      // A read-only store written before this table existed has none.
      if (!exists.next() || exists.getLong(1) == 0) {
        return Optional.empty();
      }
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT breach_id, device, at_micros, found,"
        + " conclusion, json FROM investigations WHERE breach_id = ?")) {
      select.setString(1, breachId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(new InvestigationReport(rows.getString(1), rows.getString(2),
            rows.getLong(3), rows.getBoolean(4), rows.getString(5), rows.getString(6))) : Optional.empty();
      }
    }
  }
}
