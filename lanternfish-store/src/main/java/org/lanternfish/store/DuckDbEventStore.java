package org.lanternfish.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

/**
 * The embedded event store: one DuckDB file in a data directory, one table per log type.
 *
 * <p>Time partitioning: retention deletes whole UTC days ({@code DELETE ... WHERE ts < midnight of the cutoff day})
 * followed by a CHECKPOINT. Events arrive in near time order, so DuckDB's per-row-group min/max of {@code ts} (its
 * zone map) confines the delete to the oldest row groups, which become empty and are reclaimed; that is what a
 * partition drop would buy. A separate {@code day} column is not needed: it would be derivable from {@code ts}, and
 * its zone map would prune exactly as the one on {@code ts} does, at the price of a column per row. Separate tables per
 * day were rejected too: every search would need a UNION over a changing set of tables. Rows without a time are
 * never aged out.
 *
 * <p>One process writes: {@link #open} takes an OS lock on the directory (see {@link DataDirectoryLock}) before DuckDB
 * takes its own. {@link #openReadOnly} reads without the lock; DuckDB lets it in only while no process has the file
 * open for writing, so a long-running writer {@link #release releases} the file between commits (holding the
 * directory's lock) and readers wait for such a moment.
 */
public final class DuckDbEventStore implements EventStore {
  /** The data directory used when none is given. */
  public static final Path DEFAULT_DIRECTORY = Path.of("lanternfish-data");
  /** The database file inside the data directory. */
  public static final String DATABASE_FILE = "events.duckdb";

  /** The storage format of a database file this store creates (see {@link #connect}). */
  private static final String STORAGE_VERSION = "v1.5.0";

  private static final Pattern DUCKDB_LOCK_PID = Pattern.compile("PID (\\d+)");

  /** How long a reader waits for a writer to let go of the file: a live writer holds it for a commit at a time. */
  private static final Duration READER_PATIENCE = Duration.ofSeconds(10);
  /** How long a writer coming back to the file waits for readers to finish. */
  private static final Duration WRITER_PATIENCE = Duration.ofSeconds(60);

  private final Path directory;
  private final DataDirectoryLock lock;
  private final Map<LogType, EventFeed> feeds = new EnumMap<>(LogType.class);
  /** The open database, or null while a writer has {@link #release released} it. */
  private Connection connection;
  private IngestLedger ledger;
  private BreachTable breachTable;
  private IncidentTable incidentTable;
  private ConsumerPositions positions;
  private InvestigationSql investigation;
  private InventorySql inventory;
  private EndpointTable endpoints;
  private VerdictTable verdicts;
  private VerdictTable incidentVerdicts;
  private InvestigationTable investigations;
  /** The last sequence number given out; only the writer gives them out. */
  private long seq;
  /** Whether the open transaction holds {@link #stage staged} events, which only a commit may publish. */
  private boolean staged;

  private DuckDbEventStore(Path directory, Connection connection, DataDirectoryLock lock) throws SQLException {
    this.directory = directory;
    this.lock = lock;
    attach(connection);
  }

  private void attach(Connection connection) throws SQLException {
    this.connection = connection;
    this.ledger = new IngestLedger(connection);
    this.breachTable = new BreachTable(connection);
    this.incidentTable = new IncidentTable(connection);
    this.positions = new ConsumerPositions(connection);
    this.investigation = new InvestigationSql(connection);
    this.inventory = new InventorySql(connection);
    this.endpoints = new EndpointTable(connection);
    this.verdicts = new VerdictTable(connection, "alert_verdicts", "alert_id");
    this.incidentVerdicts = new VerdictTable(connection, "incident_verdicts", "incident_id");
    this.investigations = new InvestigationTable(connection);
    AddressKey.registerTextFunction(connection);
    if (lock != null) {
      try (Statement statement = connection.createStatement()) {
        // Every read orders by ts, so the parallel feed need not keep row order; 5M-row load ~210k -> ~270k rows/s.
        statement.execute("SET preserve_insertion_order = false");
        // A bulk load compresses and writes each row group to the file once it is full. DuckDB's default holds five
        // per table uncompressed, flushing them together or at the commit: a batch ingest then compressed every table
        // smaller than that in its final commit, on one core while the others idled. A simulated day's whole ingest
        // (2.6M records, 16 tables) ended with 1.5 to 1.75 s of one busy core, now about 0.75 s: 3 to 4% less wall time
        // and 9% less peak memory, CPU within the noise (4 runs each, alternating). The row groups stored are the same.
        statement.execute("SET write_buffer_row_group_count = 1");
      }
      createSchema();
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      feeds.clear();
      for (EventTable table : EventTable.all()) {
        EventFeed feed = new EventFeed(table, threads);
        feed.register(connection);
        feeds.put(table.logType(), feed);
      }
      seq = Math.max(breachTable.maxSeq(), incidentTable.maxSeq());
    }
    connection.setAutoCommit(false);
  }

  /** Opens {@code directory} for writing, creating it and the schema if needed; only one process may do so. */
  public static DuckDbEventStore open(Path directory) {
    DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
    Connection connection = null;
    try {
      connection = connect(directory, false);
      return new DuckDbEventStore(directory, connection, lock);
    } catch (SQLException | RuntimeException e) {
      try {
        if (connection != null) {
          connection.close();
        }
        lock.close();
      } catch (SQLException | IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw translate(directory, e);
    }
  }

  /**
   * Opens an existing {@code directory} for searches and stats only. DuckDB lets a reader in only while no process
   * has the file open for writing; a writer that {@link #release releases} it between commits (as {@code ingest
   * --follow} does) holds it for a moment at a time, so this waits for such a moment.
   */
  public static DuckDbEventStore openReadOnly(Path directory) {
    return openReadOnly(directory, READER_PATIENCE);
  }

  /** {@link #openReadOnly(Path)} waiting at most {@code patience} for a writer to let go of the file. */
  static DuckDbEventStore openReadOnly(Path directory, Duration patience) {
    if (!Files.exists(directory.resolve(DATABASE_FILE))) {
      throw new StoreException("no event store in " + directory + " (missing " + DATABASE_FILE + ")");
    }
    Connection connection = null;
    try {
      connection = connectPatiently(directory, true, patience);
      return new DuckDbEventStore(directory, connection, null);
    } catch (SQLException | RuntimeException e) {
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw translate(directory, e);
    }
  }

  /** Connects, retrying with a growing pause while another process holds DuckDB's lock on the file. */
  private static Connection connectPatiently(Path directory, boolean readOnly, Duration patience)
      throws SQLException {
    long deadline = System.nanoTime() + patience.toNanos();
    for (long pause = 5; ; pause = Math.min(2 * pause, 200)) {
      try {
        return connect(directory, readOnly);
      } catch (SQLException e) {
        if (!String.valueOf(e.getMessage()).contains("lock") || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for " + directory.resolve(DATABASE_FILE), interrupted);
      }
    }
  }

  /**
   * Closes the database file until this writer next needs it, so readers in other processes can open it between
   * commits; the data directory's lock stays held, so a second writer is still refused. The next call that reads or
   * writes reopens it, waiting while readers hold it. Does nothing on a read-only store.
   */
  @Override
  public synchronized void release() {
    if (lock == null || connection == null) {
      return;
    }
    if (staged) {
      throw new IllegalStateException("staged events must be committed before the store is released");
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot release event store in " + directory + ": " + e.getMessage(), e);
    } finally {
      connection = null;
    }
  }

  /** Reopens the database file after {@link #release}. */
  private void reattach() {
    if (connection != null) {
      return;
    }
    Connection reopened = null;
    try {
      reopened = connectPatiently(directory, false, WRITER_PATIENCE);
      attach(reopened);
    } catch (SQLException e) {
      connection = null;
      try {
        if (reopened != null) {
          reopened.close();
        }
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw translate(directory, e);
    }
  }

  private static Connection connect(Path directory, boolean readOnly) throws SQLException {
    Properties properties = new Properties();
    if (readOnly) {
      properties.setProperty("duckdb.read_only", "true");
    }
    // A new file is written in DuckDB 1.5's storage format instead of the default one readable since 0.10.2: its
    // strings get DICT_FSST (dictionary and FSST in one pass) rather than each tried apart. A simulated day (2.6M
    // records) stored in it took 6.8 to 7.6 CPU seconds against 7.5 to 8.2, at 57.6 bytes per record against 64 to
    // 66. A file keeps the format it was created in, so an existing store is read and written as before.
    properties.setProperty("storage_compatibility_version", STORAGE_VERSION);
    return DriverManager.getConnection("jdbc:duckdb:" + directory.resolve(DATABASE_FILE).toAbsolutePath(),
        properties);
  }

  private static RuntimeException translate(Path directory, Exception e) {
    if (e instanceof StoreException store) {
      return store;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("lock")) {
      Matcher pid = DUCKDB_LOCK_PID.matcher(message);
      long holder = pid.find() ? Long.parseLong(pid.group(1)) : DataDirectoryLock.holder(directory);
      StoreLockedException locked = new StoreLockedException(directory, holder,
          "it kept the database file open longer than another process waits for it; try again");
      locked.initCause(e);
      return locked;
    }
    return new StoreException("cannot open event store in " + directory + ": " + message, e);
  }

  private void createSchema() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (EventTable table : EventTable.all()) {
        statement.execute(table.createSql());
        for (String migration : table.migrationSql()) {
          statement.execute(migration);
        }
      }
      ledger.createSchema(statement);
      breachTable.createSchema(statement);
      incidentTable.createSchema(statement);
      positions.createSchema(statement);
      endpoints.createSchema(statement);
      verdicts.createSchema(statement);
      incidentVerdicts.createSchema(statement);
      investigations.createSchema(statement);
    }
  }

  /** The data directory of this store. */
  public Path directory() {
    return directory;
  }

  @Override
  public synchronized long append(List<? extends Event> events) {
    return commit(Commit.of(events, List.of(), Map.of())).events();
  }

  /**
   * Writes the commit's parts in a fixed order (events, positions, state, breaches, incidents) in one transaction;
   * sequence numbers go to breaches stored for the first time and to incidents that changed, in that order.
   */
  @Override
  public synchronized Committed commit(Commit commit) {
    return commit(commit, List.of());
  }

  /**
   * {@link #commit(Commit)} that also notes {@code storedFiles} as read whole in the same transaction, with the
   * events {@link #stage staged} before it: a batch ingest killed at any moment has stored a file's records and
   * noted the file together or not at all, so the next run neither repeats nor skips them.
   */
  public synchronized Committed commit(Commit commit, List<IngestedFile> storedFiles) {
    requireWriter();
    long first = seq + 1;
    try {
      long stored = insertEvents(commit.events());
      ledger.recordStoredFiles(storedFiles);
      for (IngestCheckpoint checkpoint : commit.checkpoints()) {
        ledger.saveCheckpoint(checkpoint);
      }
      for (Map.Entry<String, byte[]> piece : new TreeMap<>(commit.state()).entrySet()) {
        ledger.saveState(piece.getKey(), piece.getValue());
      }
      breachTable.append(commit.breaches(), () -> ++seq);
      for (StoredIncident incident : commit.incidents()) {
        if (incidentTable.changes(incident)) {
          incidentTable.upsert(incident, ++seq);
        }
      }
      for (String retired : commit.retiredIncidents()) {
        if (incidentTable.retire(retired, seq + 1)) {
          seq++;
        }
      }
      commitTransaction();
      return new Committed(stored, first, seq);
    } catch (SQLException | RuntimeException e) {
      seq = first - 1;
      rollback(e);
      throw new StoreException("cannot commit " + commit.events().size() + " events and " + commit.breaches().size()
          + " breaches: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<byte[]> state(String name) {
    return read(() -> ledger.state(name));
  }

  /**
   * Inserts {@code events} into the open transaction without committing; the next commit stores them with whatever
   * it writes, and reads in between see them. Many stages and one commit write DuckDB's row groups straight to the
   * file, where a commit per batch of 100,000 events sent every row through the write-ahead log first and cost about
   * half as much CPU again (1M conn events: 5.5 to 8.1 CPU seconds against 3.8 to 4.1 on a busy machine). Returns the events staged.
   */
  public synchronized long stage(List<? extends Event> events) {
    requireWriter();
    try {
      long inserted = insertEvents(events);
      staged = true;
      return inserted;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw new StoreException("cannot store " + events.size() + " events: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts every event of {@code type} that {@code events} yields into the open transaction as one INSERT, without
   * committing, as {@link #stage(List)} does; DuckDB's threads pull the events while the caller's producer makes
   * more, so nothing waits in a large batch. Returns the events staged.
   */
  public synchronized long stage(LogType type, Iterator<? extends Event> events) {
    requireWriter();
    try {
      long inserted = feeds.get(type).insert(connection, events);
      staged = true;
      return inserted;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw new StoreException("cannot store " + type.logName() + " events: " + e.getMessage(), e);
    }
  }

  /**
   * Has DuckDB do this store's inserts and commits on the calling thread alone, for a caller whose other threads keep
   * the cores busy (a batch ingest's detection). DuckDB's caller otherwise polls in a busy loop while its worker runs
   * a task of the insert or the commit: on a simulated day (2.6M records) a second DuckDB thread cost 4 to 5 CPU
   * seconds of the ingest's 21 and stored nothing sooner. Holds until the store is {@link #release released}.
   */
  public synchronized void useCallerThreadOnly() {
    requireWriter();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET threads = 1");
    } catch (SQLException e) {
      throw new StoreException("cannot set DuckDB's threads in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Inserts without committing, so a caller (or a crash test) decides the transaction's fate. */
  long insertEvents(List<? extends Event> events) throws SQLException {
    reattach();
    Map<LogType, List<Event>> byType = new EnumMap<>(LogType.class);
    for (Event event : events) {
      byType.computeIfAbsent(event.logType(), type -> new ArrayList<>()).add(event);
    }
    long stored = 0;
    for (Map.Entry<LogType, List<Event>> entry : byType.entrySet()) {
      stored += feeds.get(entry.getKey()).insert(connection, entry.getValue().iterator());
    }
    return stored;
  }

  @Override
  public synchronized long load(LogType type, Iterator<? extends Event> events) {
    requireWriter();
    try {
      long stored = feeds.get(type).insert(connection, events);
      commitTransaction();
      return stored;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw new StoreException("cannot load " + type.logName() + " events: " + e.getMessage(), e);
    }
  }

  /** The connection, for tests that need to leave a transaction open as a crash would. */
  Connection connection() {
    reattach();
    return connection;
  }

  @Override
  public synchronized Optional<IngestCheckpoint> checkpoint(String source) {
    return read(() -> ledger.checkpoint(source));
  }

  @Override
  public synchronized List<IngestCheckpoint> checkpoints() {
    return read(() -> ledger.checkpoints());
  }

  @Override
  public synchronized List<Event> events(LogType type, long fromMicros, long toMicros, int limit) {
    EventTable table = EventTable.of(type);
    // Rendered after the limit, as Advanced Search does: a select list is computed before DuckDB's top-N.
    String sql = "SELECT " + table.selectList() + " FROM (SELECT * FROM " + table.name()
        + " WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?) ORDER BY ts LIMIT ?) ORDER BY ts";
    return read(() -> {
      List<Event> events = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setLong(1, clampMicros(fromMicros));
        statement.setLong(2, clampMicros(toMicros));
        statement.setInt(3, limit);
        try (ResultSet rows = statement.executeQuery()) {
          int width = table.columns().size();
          while (rows.next()) {
            List<Object> values = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
              values.add(javaValue(rows.getObject(i)));
            }
            events.add(table.rowToEvent(values));
          }
        }
      }
      return events;
    });
  }

  @Override
  public synchronized long enforceRetention(Duration maxAge, Instant now) {
    requireWriter();
    long cutoff = IngestLedger.micros(LocalDate.ofInstant(now.minus(maxAge), ZoneOffset.UTC)
        .atStartOfDay(ZoneOffset.UTC).toInstant());
    long removed = 0;
    try {
      for (EventTable table : EventTable.all()) {
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM " + table.name() + " WHERE ts < make_timestamp(?)")) {
          delete.setLong(1, cutoff);
          removed += delete.executeUpdate();
        }
      }
      commitTransaction();
      if (removed > 0) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CHECKPOINT");
        }
      }
      return removed;
    } catch (SQLException e) {
      rollback(e);
      throw new StoreException("cannot enforce retention of " + maxAge + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void recordIngestProblems(List<IngestProblem> problems) {
    recordIngestProblems(problems, Map.of());
  }

  @Override
  public synchronized void recordIngestProblems(List<IngestProblem> samples, Map<String, Long> totals) {
    write(() -> ledger.recordProblems(samples, totals), "record " + samples.size() + " ingest problems");
  }

  /** The files batch ingests have stored whole, so reading the same file again can be skipped. */
  public synchronized List<IngestedFile> storedFiles() {
    return read(() -> ledger.storedFiles());
  }

  /** Notes files whose every record is now stored. */
  public synchronized void recordStoredFiles(List<IngestedFile> files) {
    write(() -> ledger.recordStoredFiles(files), "record " + files.size() + " stored files");
  }

  @Override
  public synchronized void recordIngestRun(IngestRun run) {
    write(() -> ledger.recordRun(run), "record an ingest run");
  }

  @Override
  public synchronized StoreStats stats() {
    return read(() -> StatsQuery.run(connection, ledger, directory));
  }

  @Override
  public synchronized List<Breach> breaches(Instant from, Instant to, int minScore) {
    return read(() -> breachTable.between(from, to, minScore));
  }

  @Override
  public synchronized List<OutboxEntry.BreachStored> breachesAfter(long afterSeq, int minScore, int limit) {
    return read(() -> breachTable.after(afterSeq, minScore, limit));
  }

  @Override
  public synchronized List<OutboxEntry.BreachStored> breaches(BreachFilter filter) {
    return read(() -> breachTable.find(filter));
  }

  @Override
  public synchronized Optional<OutboxEntry.BreachStored> breach(String id) {
    return read(() -> breachTable.byId(id));
  }

  @Override
  public synchronized List<StoredIncident> incidents(int minPriority) {
    return read(() -> incidentTable.atLeast(minPriority));
  }

  @Override
  public synchronized List<OutboxEntry> read(long afterSeq, int limit) {
    return read(() -> {
      // Each table is in seq order; the first `limit` of their merge are among the first `limit` of each.
      List<OutboxEntry> entries = new ArrayList<>(breachTable.after(afterSeq, Integer.MIN_VALUE, limit));
      entries.addAll(incidentTable.updatesAfter(afterSeq, limit));
      entries.sort(Comparator.comparingLong(OutboxEntry::seq));
      return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
    });
  }

  @Override
  public synchronized long position(String consumer) {
    return read(() -> positions.position(consumer));
  }

  @Override
  public synchronized void advance(String consumer, long seq) {
    write(() -> positions.advance(consumer, seq), "advance outbox consumer " + consumer);
  }

  @Override
  public synchronized void advance(String consumer, long seq, Map<String, byte[]> state) {
    write(() -> {
      for (Map.Entry<String, byte[]> piece : new TreeMap<>(state).entrySet()) {
        ledger.saveState(piece.getKey(), piece.getValue());
      }
      positions.advance(consumer, seq);
    }, "advance outbox consumer " + consumer + " with its state");
  }

  @Override
  public synchronized List<FirstContact> firstContacts(String address, long fromMicros, long toMicros, int limit) {
    return read(() -> investigation.firstContacts(address, fromMicros, toMicros, limit));
  }

  @Override
  public synchronized List<FirstCredential> firstCredentials(String address, long fromMicros, long toMicros,
      int limit) {
    return read(() -> investigation.firstCredentials(address, fromMicros, toMicros, limit));
  }

  @Override
  public synchronized List<RareHost> rareHosts(String address, long fromMicros, long toMicros, int maxSources,
      int limit) {
    return read(() -> investigation.rareHosts(address, fromMicros, toMicros, maxSources, limit));
  }

  @Override
  public synchronized List<ConnectionTally> connections(String address, Side side, String peer, int port,
      long endMicros, int days, int limit) {
    return read(() -> investigation.connections(address, side, peer, port, endMicros, days, limit));
  }

  @Override
  public synchronized List<ConnectionTally> usual(String address, boolean group, int groupSize, long endMicros,
      int days, int limit) {
    return read(() -> investigation.usual(address, group, groupSize, endMicros, days, limit));
  }

  @Override
  public synchronized List<SeenDevice> devices(int limit) {
    return read(() -> inventory.devices(limit));
  }

  @Override
  public synchronized List<Lease> leases(String device, int limit) {
    return read(() -> inventory.leases(device, limit));
  }

  @Override
  public synchronized void recordInvestigation(String consumer, long seq, InvestigationReport report) {
    write(() -> {
      investigations.record(report);
      positions.advance(consumer, seq);
    }, "record the investigation of breach " + report.breachId());
  }

  @Override
  public synchronized Optional<InvestigationReport> investigationOf(String breachId) {
    return read(() -> investigations.of(breachId));
  }

  @Override
  public synchronized void replaceEndpointMachines(List<EndpointMachine> machines, long refreshedMicros) {
    write(() -> endpoints.replace(machines, refreshedMicros), "store " + machines.size() + " endpoint machines");
  }

  @Override
  public synchronized List<EndpointMachine> endpointMachines(Collection<String> addresses,
      Collection<String> hostNames) {
    return read(() -> endpoints.matching(addresses, hostNames));
  }

  @Override
  public synchronized List<EndpointMachine> vulnerableEndpointMachines() {
    return read(endpoints::vulnerable);
  }

  @Override
  public synchronized void recordAlertVerdicts(List<AlertVerdict> given) {
    write(() -> verdicts.record(given), "store " + given.size() + " alert verdicts");
  }

  @Override
  public synchronized Map<String, AlertVerdict> alertVerdicts(Collection<String> alertIds) {
    return read(() -> verdicts.of(alertIds));
  }

  @Override
  public synchronized void recordIncidentVerdicts(List<AlertVerdict> given) {
    write(() -> incidentVerdicts.record(given), "store " + given.size() + " incident verdicts");
  }

  @Override
  public synchronized Map<String, AlertVerdict> incidentVerdicts(Collection<String> incidentIds) {
    return read(() -> incidentVerdicts.of(incidentIds));
  }

  @Override
  public synchronized List<Map<String, Object>> query(String sql, List<Object> params) {
    return read(() -> {
      List<Map<String, Object>> result = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < params.size(); i++) {
          statement.setObject(i + 1, params.get(i));
        }
        try (ResultSet rows = statement.executeQuery()) {
          ResultSetMetaData meta = rows.getMetaData();
          while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.put(meta.getColumnLabel(i), javaValue(rows.getObject(i)));
            }
            result.add(row);
          }
        }
      }
      return result;
    });
  }

  /**
   * Loads a Zeek TSV conn.log with DuckDB's own {@code read_csv} into the scratch table {@code conn_read_csv}; the
   * baseline the bulk-load benchmark compares the Java path against. Returns the rows loaded.
   */
  public synchronized long loadWithReadCsv(Path connLog) {
    requireWriter();
    try {
      long rows = ReadCsvBaseline.load(connection, connLog);
      commitTransaction();
      return rows;
    } catch (SQLException e) {
      rollback(e);
      throw new StoreException("read_csv of " + connLog + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Copies the events with {@code fromMicros <= ts < toMicros} of every log, moved {@code shiftMicros} later, in one
   * transaction; returns the rows copied. For benchmarks that need a store of many days quickly: DuckDB copies rows
   * many times faster than they can be parsed and stored.
   */
  public synchronized long copyEvents(long fromMicros, long toMicros, long shiftMicros) {
    requireWriter();
    long copied = 0;
    try {
      for (EventTable table : EventTable.all()) {
        try (PreparedStatement copy = connection.prepareStatement("INSERT INTO " + table.name()
            + " SELECT * REPLACE (ts + to_microseconds(?) AS ts) FROM " + table.name()
            + " WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)")) {
          copy.setLong(1, shiftMicros);
          copy.setLong(2, clampMicros(fromMicros));
          copy.setLong(3, clampMicros(toMicros));
          copied += copy.executeUpdate();
        }
      }
      commitTransaction();
      return copied;
    } catch (SQLException e) {
      rollback(e);
      throw new StoreException("cannot copy events: " + e.getMessage(), e);
    }
  }

  /** Brings an open-ended bound such as {@code Long.MAX_VALUE} into DuckDB's TIMESTAMP range (about 290,000 years). */
  public static long clampMicros(long micros) {
    return Math.max(Long.MIN_VALUE / 2, Math.min(Long.MAX_VALUE / 2, micros));
  }

  private static Object javaValue(Object value) throws SQLException {
    if (value instanceof Array array) {
      return Arrays.asList((Object[]) array.getArray());
    }
    return value;
  }

  private void requireWriter() {
    if (lock == null) {
      throw new StoreException("the event store in " + directory + " is open read-only");
    }
    reattach();
  }

  /** Commits the open transaction, staged events included. */
  private void commitTransaction() throws SQLException {
    connection.commit();
    staged = false;
  }

  private void rollback(Exception cause) {
    staged = false;
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private <T> T read(SqlWork<T> work) {
    reattach();
    try {
      T result = work.run();
      // Ends the read's transaction so the next read sees what was committed since; staged events wait for theirs.
      if (!staged) {
        connection.commit();
      }
      return result;
    } catch (SQLException | IOException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  private void write(SqlAction action, String what) {
    requireWriter();
    try {
      action.run();
      commitTransaction();
    } catch (SQLException e) {
      rollback(e);
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (connection != null) {
        connection.close();
      }
      if (lock != null) {
        lock.close();
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot close event store in " + directory + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException, IOException;
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }
}
