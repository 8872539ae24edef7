package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/**
 * The store's record of ingestion: live-tail checkpoints, malformed-input counts with located samples, and run
 * summaries. Works inside the caller's transaction; {@link DuckDbEventStore} commits.
 */
final class IngestLedger {
  private static final int FILES_PER_STATEMENT = 200;
  /** Samples kept per problem class: enough to find the bad input, bounded however bad the input is. */
  static final int SAMPLES_PER_CLASS = 20;

  private final Connection connection;

  IngestLedger(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS ingest_checkpoints (source VARCHAR PRIMARY KEY, file_key VARCHAR,"
        + " first_line_hash BIGINT, byte_offset BIGINT, line_number BIGINT, updated_at TIMESTAMP)");
    statement.execute("CREATE TABLE IF NOT EXISTS ingest_problem_counts (problem_class VARCHAR PRIMARY KEY,"
        + " lines BIGINT)");
    statement.execute("CREATE TABLE IF NOT EXISTS ingest_problem_samples (problem_class VARCHAR, file VARCHAR,"
        + " line BIGINT, reason VARCHAR)");
    statement.execute("CREATE TABLE IF NOT EXISTS ingest_runs (run_id BIGINT PRIMARY KEY, started_at TIMESTAMP,"
        + " finished_at TIMESTAMP, files VARCHAR[], first_ts TIMESTAMP, last_ts TIMESTAMP)");
    statement.execute("CREATE TABLE IF NOT EXISTS ingest_run_records (run_id BIGINT, log_type VARCHAR,"
        + " records BIGINT)");
    statement.execute("CREATE TABLE IF NOT EXISTS ingested_files (content_key VARCHAR PRIMARY KEY, path VARCHAR,"
        + " bytes BIGINT, head_key VARCHAR, lines BIGINT, ingested_at TIMESTAMP)");
    statement.execute("CREATE TABLE IF NOT EXISTS learned_state (name VARCHAR PRIMARY KEY, bytes BLOB,"
        + " saved_at TIMESTAMP)");
  }

  /**
   * Saves the state called {@code name}, replacing what was saved under it. The bytes go in by a plain INSERT into a
   * temporary table and from there into {@code learned_state} by an UPDATE (an INSERT for a name not yet saved):
   * DuckDB takes a large BLOB parameter cheaply only in an INSERT's VALUES, and rendered it as text (Blob::ToString in
   * a profile) in {@code INSERT OR REPLACE} and in an UPDATE. For a simulated day's detector state (9.6 MB) that took
   * 0.23 to 0.33 CPU seconds with INSERT OR REPLACE, 0.13 to 0.18 with an UPDATE, 0.03 to 0.05 this way. A DELETE and
   * INSERT would be as cheap, but a deleted row stays in a row group of a few rows for good, so the file would grow
   * by every state saved.
   */
  void saveState(String name, byte[] bytes) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE TEMPORARY TABLE learned_state_upload (bytes BLOB)");
      try (PreparedStatement upload = connection.prepareStatement("INSERT INTO learned_state_upload VALUES (?)")) {
        upload.setBytes(1, bytes);
        upload.executeUpdate();
      }
      try (PreparedStatement update = connection.prepareStatement("UPDATE learned_state SET bytes = (SELECT bytes"
              + " FROM learned_state_upload), saved_at = current_timestamp WHERE name = ?");
          PreparedStatement insert = connection.prepareStatement("INSERT INTO learned_state SELECT ?, bytes,"
              + " current_timestamp FROM learned_state_upload")) {
        update.setString(1, name);
        if (update.executeUpdate() == 0) {
          insert.setString(1, name);
          insert.executeUpdate();
        }
      }
      statement.execute("DROP TABLE learned_state_upload");
    }
  }

  Optional<byte[]> state(String name) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT bytes FROM learned_state WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
      }
    }
  }

  void saveCheckpoint(IngestCheckpoint checkpoint) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT OR REPLACE INTO ingest_checkpoints VALUES (?, ?, ?, ?, ?, current_timestamp)")) {
      upsert.setString(1, checkpoint.source());
      upsert.setString(2, checkpoint.fileKey());
      upsert.setLong(3, checkpoint.headHash());
      upsert.setLong(4, checkpoint.byteOffset());
      upsert.setLong(5, checkpoint.lineNumber());
      upsert.executeUpdate();
    }
  }

  Optional<IngestCheckpoint> checkpoint(String source) throws SQLException {
    List<IngestCheckpoint> found = selectCheckpoints(" WHERE source = ?", source);
    return found.stream().findFirst();
  }

  List<IngestCheckpoint> checkpoints() throws SQLException {
    return selectCheckpoints(" ORDER BY source", null);
  }

  private List<IngestCheckpoint> selectCheckpoints(String where, String source) throws SQLException {
    List<IngestCheckpoint> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT source, file_key, first_line_hash,"
        + " byte_offset, line_number FROM ingest_checkpoints" + where)) {
      if (source != null) {
        select.setString(1, source);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new IngestCheckpoint(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
              rows.getLong(5)));
        }
      }
    }
    return found;
  }

  void recordProblems(List<IngestProblem> problems, Map<String, Long> totals) throws SQLException {
    Map<String, List<IngestProblem>> byClass = new LinkedHashMap<>();
    for (IngestProblem problem : problems) {
      byClass.computeIfAbsent(problem.problemClass(), c -> new ArrayList<>()).add(problem);
    }
    for (String problemClass : totals.keySet()) {
      byClass.computeIfAbsent(problemClass, c -> new ArrayList<>());
    }
    Map<String, Long> kept = sampleCounts();
    try (PreparedStatement count = connection.prepareStatement("INSERT INTO ingest_problem_counts VALUES (?, ?)"
            + " ON CONFLICT (problem_class) DO UPDATE SET lines = lines + excluded.lines");
        PreparedStatement sample = connection.prepareStatement(
            "INSERT INTO ingest_problem_samples VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, List<IngestProblem>> entry : byClass.entrySet()) {
        count.setString(1, entry.getKey());
        count.setLong(2, Math.max(entry.getValue().size(), totals.getOrDefault(entry.getKey(), 0L)));
        count.executeUpdate();
        long room = SAMPLES_PER_CLASS - kept.getOrDefault(entry.getKey(), 0L);
        for (IngestProblem problem : entry.getValue().subList(0, (int) Math.min(room, entry.getValue().size()))) {
          sample.setString(1, problem.problemClass());
          sample.setString(2, problem.file());
          sample.setLong(3, problem.line());
          sample.setString(4, problem.reason());
          sample.executeUpdate();
        }
      }
    }
  }

  private Map<String, Long> sampleCounts() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT problem_class, count(*) FROM ingest_problem_samples GROUP BY problem_class")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  Map<String, Long> problemCounts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT problem_class, lines FROM ingest_problem_counts ORDER BY lines DESC, problem_class")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  List<IngestProblem> problemSamples() throws SQLException {
    List<IngestProblem> samples = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT file, line, problem_class, reason"
            + " FROM ingest_problem_samples ORDER BY problem_class, file, line")) {
      while (rows.next()) {
        samples.add(new IngestProblem(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4)));
      }
    }
    return samples;
  }

  List<IngestedFile> storedFiles() throws SQLException {
    List<IngestedFile> files = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT content_key, path, bytes, head_key, lines FROM ingested_files")) {
      while (rows.next()) {
        files.add(new IngestedFile(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4),
            rows.getLong(5)));
      }
    }
    return files;
  }

  /**
   * Notes {@code files} as stored, a few hundred rows per statement: a statement per file took about 1.4 ms each
   * inside a batch ingest's large transaction (320 files of a simulated day, 0.45 CPU seconds). A content read twice
   * under two names is noted under the last, as one statement per file left it.
   */
  void recordStoredFiles(List<IngestedFile> files) throws SQLException {
    Map<String, IngestedFile> byContent = new LinkedHashMap<>();
    for (IngestedFile file : files) {
      byContent.remove(file.contentKey());
      byContent.put(file.contentKey(), file);
    }
    List<IngestedFile> rows = List.copyOf(byContent.values());
    for (int from = 0; from < rows.size(); from += FILES_PER_STATEMENT) {
      List<IngestedFile> part = rows.subList(from, Math.min(rows.size(), from + FILES_PER_STATEMENT));
      try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO ingested_files VALUES "
          + String.join(", ", Collections.nCopies(part.size(), "(?, ?, ?, ?, ?, current_timestamp)")))) {
        int parameter = 0;
        for (IngestedFile file : part) {
          upsert.setString(++parameter, file.contentKey());
          upsert.setString(++parameter, file.path());
          upsert.setLong(++parameter, file.bytes());
          upsert.setString(++parameter, file.headKey());
          upsert.setLong(++parameter, file.lines());
        }
        upsert.executeUpdate();
      }
    }
  }

  void recordRun(IngestRun run) throws SQLException {
    long id;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs")) {
      rows.next();
      id = rows.getLong(1);
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO ingest_runs VALUES (?, make_timestamp(?), make_timestamp(?), ?, make_timestamp(?),"
        + " make_timestamp(?))")) {
      insert.setLong(1, id);
      insert.setLong(2, micros(run.startedAt()));
      insert.setLong(3, micros(run.finishedAt()));
      insert.setArray(4, connection.createArrayOf("VARCHAR", run.files().toArray()));
      setTime(insert, 5, run.firstTs());
      setTime(insert, 6, run.lastTs());
      insert.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ingest_run_records VALUES (?, ?, ?)")) {
      for (Map.Entry<LogType, Long> entry : run.records().entrySet()) {
        insert.setLong(1, id);
        insert.setString(2, entry.getKey().logName());
        insert.setLong(3, entry.getValue());
        insert.executeUpdate();
      }
    }
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static void setTime(PreparedStatement statement, int index, long micros) throws SQLException {
    if (micros == Event.NO_TIME) {
      statement.setNull(index, java.sql.Types.BIGINT);
    } else {
      statement.setLong(index, micros);
    }
  }

  List<IngestRun> runs() throws SQLException {
    Map<Long, Map<LogType, Long>> records = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT run_id, log_type, records FROM ingest_run_records")) {
      while (rows.next()) {
        LogType type = LogType.fromLogName(rows.getString(2));
        if (type != null) {
          records.computeIfAbsent(rows.getLong(1), id -> new EnumMap<>(LogType.class)).put(type, rows.getLong(3));
        }
      }
    }
    List<IngestRun> runs = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT run_id, epoch_us(started_at), epoch_us(finished_at), files,"
            + " coalesce(epoch_us(first_ts), " + Event.NO_TIME + "), coalesce(epoch_us(last_ts), " + Event.NO_TIME
            + ") FROM ingest_runs ORDER BY run_id")) {
      while (rows.next()) {
        List<String> files = new ArrayList<>();
        for (Object file : (Object[]) rows.getArray(4).getArray()) {
          files.add((String) file);
        }
        runs.add(new IngestRun(instant(rows.getLong(2)), instant(rows.getLong(3)), files,
            records.getOrDefault(rows.getLong(1), Map.of()), rows.getLong(5), rows.getLong(6)));
      }
    }
    return runs;
  }
}
