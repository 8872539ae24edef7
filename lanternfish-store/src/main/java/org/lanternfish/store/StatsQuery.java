package org.lanternfish.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/** Gathers {@link StoreStats}: a full count per table, so it is for the {@code stats} command, not a hot path. */
final class StatsQuery {
  private StatsQuery() {}

  static StoreStats run(Connection connection, IngestLedger ledger, Path directory) throws SQLException, IOException {
    Map<LogType, Long> rows = new EnumMap<>(LogType.class);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    List<String> hosts = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (EventTable table : EventTable.all()) {
        try (ResultSet result = statement.executeQuery(
            "SELECT count(*), epoch_us(min(ts)), epoch_us(max(ts)) FROM " + table.name())) {
          result.next();
          if (result.getLong(1) > 0) {
            rows.put(table.logType(), result.getLong(1));
            first = Math.min(first, result.getLong(2));
            last = Math.max(last, result.getLong(3));
          }
        }
        if (table.column("id.orig_h") != null) {
          hosts.add("SELECT orig_h_hi AS hi, orig_h_lo AS lo FROM " + table.name()
              + " UNION SELECT resp_h_hi, resp_h_lo FROM " + table.name());
        }
      }
      long devices;
      try (ResultSet result = statement.executeQuery(
          "SELECT count(*) FROM (" + String.join(" UNION ", hosts) + ") WHERE hi IS NOT NULL")) {
        result.next();
        devices = result.getLong(1);
      }
      boolean empty = rows.isEmpty();
      return new StoreStats(rows, empty ? Event.NO_TIME : first, empty ? Event.NO_TIME : last, devices,
          ledger.problemCounts(), ledger.problemSamples(), ledger.runs(), databaseBytes(directory));
    }
  }

  private static long databaseBytes(Path directory) throws IOException {
    long bytes = 0;
    for (String name : List.of(DuckDbEventStore.DATABASE_FILE, DuckDbEventStore.DATABASE_FILE + ".wal")) {
      Path file = directory.resolve(name);
      if (Files.exists(file)) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }
}
