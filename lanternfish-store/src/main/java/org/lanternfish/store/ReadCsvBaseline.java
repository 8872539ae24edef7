package org.lanternfish.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB's own CSV reader on a Zeek conn.log: the yardstick for the Java parse-and-store path. The scratch table has
 * the log's 21 columns typed as Zeek types them, with {@code ts} converted to a TIMESTAMP as the store does.
 */
final class ReadCsvBaseline {
  private static final String CONN_LOG_COLUMNS = "{'ts': 'DOUBLE', 'uid': 'VARCHAR', 'orig_h': 'VARCHAR',"
      + " 'orig_p': 'INTEGER', 'resp_h': 'VARCHAR', 'resp_p': 'INTEGER', 'proto': 'VARCHAR', 'service': 'VARCHAR',"
      + " 'duration': 'DOUBLE', 'orig_bytes': 'BIGINT', 'resp_bytes': 'BIGINT', 'conn_state': 'VARCHAR',"
      + " 'local_orig': 'BOOLEAN', 'local_resp': 'BOOLEAN', 'missed_bytes': 'BIGINT', 'history': 'VARCHAR',"
      + " 'orig_pkts': 'BIGINT', 'orig_ip_bytes': 'BIGINT', 'resp_pkts': 'BIGINT', 'resp_ip_bytes': 'BIGINT',"
      + " 'tunnel_parents': 'VARCHAR'}";

  private ReadCsvBaseline() {}

  /** Loads {@code connLog} into {@code conn_read_csv} in the connection's transaction; returns the rows loaded. */
  static long load(Connection connection, Path connLog) throws SQLException {
    String sql = "CREATE OR REPLACE TABLE conn_read_csv AS SELECT make_timestamp(CAST(ts * 1000000 AS BIGINT)) AS ts,"
        + " * EXCLUDE (ts) FROM read_csv(?, delim = '\t', comment = '#', header = false, nullstr = '-',"
        + " auto_detect = false, columns = " + CONN_LOG_COLUMNS + ")";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, connLog.toAbsolutePath().toString());
      statement.execute();
    }
    try (Statement count = connection.createStatement();
        ResultSet result = count.executeQuery("SELECT count(*) FROM conn_read_csv")) {
      result.next();
      return result.getLong(1);
    }
  }
}
