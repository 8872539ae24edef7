package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lanternfish.store.SampleEvents.DAY_ONE;
import static org.lanternfish.store.SampleEvents.HOUR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.LogType;

final class DuckDbEventStoreTest {
  @TempDir Path directory;

  @Test
  void append_everyEventType_readsBackEqualRecords() {
    List<Event> events = SampleEvents.everyType();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.append(events)).isEqualTo(events.size());
      for (Event event : events) {
        assertThat(store.events(event.logType(), Long.MIN_VALUE + 1, Long.MAX_VALUE, 10))
            .as(event.logType().logName())
            .containsExactly(event);
      }
    }
  }

  @Test
  void append_largeBatch_spansManyChunksAndKeepsEveryRow() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      events.add(SampleEvents.conn(DAY_ONE + i, "C" + i, "10.0." + (i % 7) + ".1", 1000 + i, "192.168.1.1", 443,
          i % 2 == 0 ? "ssl" : null, i));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(events);
      assertThat(store.events(LogType.CONN, DAY_ONE, DAY_ONE + 20_000, 20_000)).containsExactlyElementsOf(events);
      assertThat(store.stats().devices()).isEqualTo(8);
    }
  }

  @Test
  void open_newStore_writesTheStorageFormatOfDuckDb15_withRandomUidsUncompressed() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String uid = "C" + Integer.toString(i * 7919, 36) + "xq3Jv9Lm2";
      FlowId flow = new FlowId("10.0.0.1", 1000 + i, "192.168.1.1", 443);
      events.add(SampleEvents.conn(DAY_ONE + i, uid, "10.0.0.1", 1000 + i, "192.168.1.1", 443,
          i % 3 == 0 ? "ssl" : "http", i));
      events.add(new DnsEvent(DAY_ONE + i, uid, flow, "udp", i, 0.001, "host" + i % 40 + ".corp.local", 1, "A", 0,
          "NOERROR", false, true, true, List.of(), List.of(), false));
      // One connection carries many DCE-RPC calls, so their uids repeat.
      events.add(new DceRpcEvent(DAY_ONE + i, "C" + Integer.toString(i / 20 * 7919, 36) + "xq3Jv9Lm2", flow, 0.001,
          "135", "drsuapi", "DRSGetNCChanges"));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(events);
    }
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(directory)) {
      List<Map<String, Object>> segments = new ArrayList<>();
      for (String table : List.of("conn", "dns", "dce_rpc")) {
        segments.addAll(store.query("SELECT DISTINCT '" + table + "' AS t, column_name, compression"
            + " FROM pragma_storage_info('" + table + "') WHERE column_name IN ('service', 'query', 'uid')"
            + " AND segment_type = 'VARCHAR' ORDER BY column_name", List.of()));
      }
      // DICT_FSST exists only in the storage format of DuckDB 1.3 and later, which a new store is written in. Zeek's
      // random uids of connections and of the DNS queries on them are kept uncompressed, which costs less to write
      // than trying to compress them; the uids of DCE-RPC calls repeat, and are compressed.
      assertThat(segments).containsExactly(
          Map.of("t", "conn", "column_name", "service", "compression", "DICT_FSST"),
          Map.of("t", "conn", "column_name", "uid", "compression", "Uncompressed"),
          Map.of("t", "dns", "column_name", "query", "compression", "DICT_FSST"),
          Map.of("t", "dns", "column_name", "uid", "compression", "Uncompressed"),
          Map.of("t", "dce_rpc", "column_name", "uid", "compression", "DICT_FSST"));
      assertThat(store.events(LogType.CONN, DAY_ONE, DAY_ONE + 10_000, 10_000))
          .containsExactlyElementsOf(events.stream().filter(ConnEvent.class::isInstance).toList());
      assertThat(store.events(LogType.DNS, DAY_ONE, DAY_ONE + 10_000, 10_000))
          .containsExactlyElementsOf(events.stream().filter(DnsEvent.class::isInstance).toList());
    }
  }

  @Test
  void stage_onOneThreadAsABatchIngestDoes_writesEachFullRowGroupToTheFileBeforeTheCommit() throws Exception {
    // DuckDB's row groups hold 122,880 rows; three of them and a part.
    int rows = 3 * 122_880 + 1_000;
    List<Event> events = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      events.add(SampleEvents.conn(DAY_ONE + i, "C" + i, "10.0." + (i % 251) + ".1", 1024 + i % 50_000,
          "192.168.1." + (i % 7), 443, i % 2 == 0 ? "ssl" : null, i));
    }
    Path file = directory.resolve(DuckDbEventStore.DATABASE_FILE);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(Commit.of(List.of(), List.of(), Map.of()));
      long empty = Files.size(file);
      store.useCallerThreadOnly();
      store.stage(events);
      // Full row groups are compressed and written while the load goes on, not held in memory until the commit, which
      // then has only the last part of a row group left to write.
      assertThat(Files.size(file) - empty).as("bytes written before the commit").isGreaterThan(3L << 20);
      store.commit(Commit.of(List.of(), List.of(), Map.of()));
    }
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(directory)) {
      assertThat(store.query("SELECT count(*) AS n, count(DISTINCT uid) AS uids, max(orig_bytes) AS last FROM conn",
          List.of())).containsExactly(Map.of("n", (long) rows, "uids", (long) rows, "last", rows - 1L));
    }
  }

  @Test
  void append_nonAsciiText_readsBackTheSameText() {
    ConnEvent event = new ConnEvent(DAY_ONE, "Cü€𝄞", new FlowId("10.0.0.1", 1025, "10.0.0.2", 443), "tcp", "sérvice",
        1.5, 10, 20, "SF", true, false, 0, "ShAD", 1, 2, 3, 4, List.of("tünnel", "𝄞", ""), "00:11:22:33:44:55", null,
        "1:ßé=");
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(List.of(event));
      assertThat(store.events(LogType.CONN, DAY_ONE, DAY_ONE + 1, 10)).containsExactly(event);
    }
  }

  @Test
  void append_listsUnsetEmptyAndFilled_readBackAsTheyWere() {
    // The feed sends an empty list as NULL and an unset one as a marker; a chunk of 2,048 rows that holds only empty
    // lists (the first) goes over without strings, the rest mix every shape, text and number lists alike.
    List<List<String>> texts = Arrays.asList(null, List.of(), List.of(""), List.of("", ""), List.of("a", "b"),
        List.of("\u001e"));
    List<List<Double>> numbers = Arrays.asList(null, List.of(), List.of(0.0), List.of(1.5, 2.0));
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      List<String> tunnels = i < 2_048 ? List.of() : texts.get(i % texts.size());
      events.add(new ConnEvent(DAY_ONE + i, "T" + i, new FlowId("10.0.0.1", 1025, "10.0.0.2", 443), "tcp", null, 1.5,
          10, 20, "SF", true, false, 0, "ShAD", 1, 2, 3, 4, tunnels, null, null, null));
      events.add(new DnsEvent(DAY_ONE + i, "D" + i, new FlowId("10.0.0.1", 1025, "10.0.0.53", 53), "udp", i, 0.01,
          "example.org", 1, "A", 0, "NOERROR", false, true, true, i < 2_048 ? List.of() : texts.get(i % texts.size()),
          i < 2_048 ? List.of() : numbers.get(i % numbers.size()), false));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(events);
      assertThat(store.events(LogType.CONN, DAY_ONE, DAY_ONE + 3_000, 3_000))
          .containsExactlyElementsOf(events.stream().filter(ConnEvent.class::isInstance).toList());
      assertThat(store.events(LogType.DNS, DAY_ONE, DAY_ONE + 3_000, 3_000))
          .containsExactlyElementsOf(events.stream().filter(DnsEvent.class::isInstance).toList());
    }
  }

  @Test
  void append_repeatedTextsWithEqualHashCodes_keepEachValue() {
    // Equal hash codes share a slot of the feed's cache of text bytes, which must still tell the values apart; the
    // uids never repeat, so their column goes in and out of skipping the cache over the 20 chunks.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      events.add(SampleEvents.conn(DAY_ONE + i, "H" + i, "10.0.0.1", 1000, "10.0.0.2", 80, i % 3 == 0 ? "Aa" : "BB",
          i));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(events);
      assertThat(store.events(LogType.CONN, DAY_ONE, DAY_ONE + 40_000, 40_000)).containsExactlyElementsOf(events);
    }
  }

  @Test
  void load_stream_storesEveryEventInOneTransaction() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      events.add(SampleEvents.conn(DAY_ONE + i, "L" + i, "10.1.0." + (i % 200), 2000, "2001:db8::" + (i + 1), 53, "dns",
          i));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.load(LogType.CONN, events.iterator())).isEqualTo(events.size());
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10_000)).containsExactlyElementsOf(events);
    }
  }

  @Test
  void load_eventOfAnotherType_rollsBackTheWholeLoad() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      events.add(SampleEvents.conn(DAY_ONE + i, "L" + i, "10.1.0.1", 2000, "10.1.0.2", 53, null, i));
    }
    events.add(SampleEvents.everyType().get(1));
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThatThrownBy(() -> store.load(LogType.CONN, events.iterator()))
          .isInstanceOf(StoreException.class).hasMessageContaining("a dns event in a load of conn");
      assertThat(store.stats().rows()).isEmpty();
    }
  }

  @Test
  void open_reopened_keepsEvents() {
    List<Event> events = SampleEvents.everyType();
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(events);
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.stats().rows()).hasSize(LogType.values().length);
    }
  }

  @Test
  void enforceRetention_dropsWholeDaysOlderThanMaxAge() {
    long day = 24 * HOUR;
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(List.of(
          SampleEvents.conn(DAY_ONE + HOUR, "old", "10.0.0.1", 1, "10.0.0.2", 2, null, 1),
          SampleEvents.conn(DAY_ONE + day + 23 * HOUR, "edge", "10.0.0.1", 1, "10.0.0.2", 2, null, 1),
          SampleEvents.conn(DAY_ONE + 2 * day, "new", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)));
      // now is day three 12:00; a one-day age reaches back to day two 12:00, so day one goes and day two stays.
      Instant now = Instant.ofEpochSecond((DAY_ONE + 2 * day + 12 * HOUR) / 1_000_000);
      assertThat(store.enforceRetention(Duration.ofDays(1), now)).isEqualTo(1);
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).extracting(Event::uid)
          .containsExactly("edge", "new");
    }
  }

  @Test
  void commit_withCheckpoint_storesBoth() {
    IngestCheckpoint checkpoint = new IngestCheckpoint("conn.log", "2049:1234", 42L, 8192, 100);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(Commit.of(List.of(SampleEvents.conn(DAY_ONE, "C1", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)),
          List.of(checkpoint), Map.of()));
      IngestCheckpoint later = new IngestCheckpoint("conn.log", "2049:1234", 42L, 9000, 110);
      store.commit(Commit.of(List.of(), List.of(later), Map.of()));
      assertThat(store.checkpoint("conn.log")).contains(later);
      assertThat(store.checkpoint("dns.log")).isEmpty();
      assertThat(store.checkpoints()).containsExactly(later);
    }
  }

  @Test
  void commit_transactionNeverCommitted_leavesNeitherEventsNorCheckpoint() throws Exception {
    IngestCheckpoint first = new IngestCheckpoint("conn.log", "1:1", 7L, 100, 1);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(Commit.of(List.of(SampleEvents.conn(DAY_ONE, "kept", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)),
          List.of(first), Map.of()));
      // What append does before its commit; closing the connection here is what a crash does to the transaction.
      store.insertEvents(List.of(SampleEvents.conn(DAY_ONE + 1, "lost", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)));
      new IngestLedger(store.connection()).saveCheckpoint(new IngestCheckpoint("conn.log", "1:1", 7L, 200, 2));
      store.connection().close();
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).extracting(Event::uid).containsExactly("kept");
      assertThat(store.checkpoint("conn.log")).contains(first);
    }
  }

  @Test
  void stage_readBeforeTheCommit_publishesNothingUntilTheCommitNotesTheFile() throws Exception {
    IngestedFile file = new IngestedFile("content", "conn.log", 100, "head", 2);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.stage(List.of(SampleEvents.conn(DAY_ONE, "C1", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)));
      store.stage(List.of(SampleEvents.conn(DAY_ONE + 1, "C2", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)));
      // A read in between (as the incident book's are) sees the staged rows and ends no transaction.
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).extracting(Event::uid).containsExactly("C1", "C2");
      assertThat(store.state("detector")).isEmpty();
      assertThatThrownBy(store::release).isInstanceOf(IllegalStateException.class);
      store.connection().close(); // what kill -9 does to the open transaction
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).isEmpty();
      assertThat(store.storedFiles()).isEmpty();
      store.stage(List.of(SampleEvents.conn(DAY_ONE, "C1", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)));
      store.commit(Commit.of(List.of(), List.of(), Map.of("detector", new byte[] {1})), List.of(file));
    }
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(directory)) {
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).extracting(Event::uid).containsExactly("C1");
      assertThat(store.storedFiles()).extracting(IngestedFile::contentKey).containsExactly("content");
      assertThat(store.state("detector")).hasValueSatisfying(state -> assertThat(state).containsExactly(1));
    }
  }

  @Test
  void commit_manyFilesOneContentTwice_notesEachContentOnceUnderItsLastName() {
    List<IngestedFile> files = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      files.add(new IngestedFile("content-" + i, "conn." + i + ".log", 100 + i, "head-" + i, i));
    }
    files.add(new IngestedFile("content-7", "copy-of-conn.7.log", 107, "head-7", 7));
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(Commit.of(List.of(), List.of(), Map.of()), files);
      assertThat(store.storedFiles()).hasSize(450).contains(files.get(0), files.get(449), files.get(450))
          .doesNotContain(files.get(7));
    }
  }

  @Test
  void copyEvents_aDayForward_copiesOnlyThatDayShifted() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(List.of(SampleEvents.conn(DAY_ONE + HOUR, "C1", "10.0.0.1", 1, "10.0.0.2", 2, null, 1),
          SampleEvents.conn(DAY_ONE + 25 * HOUR, "C2", "10.0.0.1", 1, "10.0.0.2", 2, null, 1)));
      assertThat(store.copyEvents(DAY_ONE, DAY_ONE + 24 * HOUR, 48 * HOUR)).isEqualTo(1);
      List<Event> stored = store.events(LogType.CONN, 0, Long.MAX_VALUE, 10);
      assertThat(stored).extracting(Event::uid).containsExactly("C1", "C2", "C1");
      assertThat(stored.get(2).ts()).isEqualTo(DAY_ONE + 49 * HOUR);
      // The hidden address keys come along, so CIDR searches find the copies.
      assertThat(store.query("SELECT count(*) AS n FROM conn WHERE orig_h_lo IS NOT NULL", List.of()))
          .containsExactly(Map.of("n", 3L));
    }
  }

  @Test
  void commit_failingBatch_rollsBackCheckpointToo() {
    IngestCheckpoint first = new IngestCheckpoint("conn.log", "1:1", 7L, 100, 1);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.commit(Commit.of(List.of(), List.of(first), Map.of()));
      List<Event> poisoned = new ArrayList<>();
      poisoned.add(SampleEvents.conn(DAY_ONE, "C1", "10.0.0.1", 1, "10.0.0.2", 2, null, 1));
      poisoned.add(null);
      assertThatThrownBy(() -> store.commit(Commit.of(poisoned, List.of(new IngestCheckpoint("conn.log", "1:1", 7L, 999, 9)),
          Map.of())))
          .isInstanceOf(StoreException.class);
      assertThat(store.checkpoint("conn.log")).contains(first);
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).isEmpty();
    }
  }

  @Test
  void open_secondWriterInSameProcess_namesTheHolder() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThatThrownBy(() -> DuckDbEventStore.open(directory))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("data directory " + directory + " is in use by process "
              + ProcessHandle.current().pid());
    }
    DuckDbEventStore.open(directory).close();
  }

  @Test
  void openReadOnly_withoutWriter_readsButRefusesWrites() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(SampleEvents.everyType());
    }
    try (DuckDbEventStore reader = DuckDbEventStore.openReadOnly(directory)) {
      assertThat(reader.stats().rows().get(LogType.DNS)).isEqualTo(1);
      assertThatThrownBy(() -> reader.append(SampleEvents.everyType()))
          .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
    }
  }

  @Test
  void openReadOnly_missingStore_saysSo() {
    assertThatThrownBy(() -> DuckDbEventStore.openReadOnly(directory.resolve("nothing")))
        .isInstanceOf(StoreException.class).hasMessageContaining("no event store in");
  }

  @Test
  void stats_countsRowsSpanProblemsAndRuns() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(SampleEvents.everyType());
      List<IngestProblem> problems = new ArrayList<>();
      for (int line = 1; line <= 25; line++) {
        problems.add(new IngestProblem("conn.log", line, "bad-time", "ts 'x' is not a number"));
      }
      problems.add(new IngestProblem("dns.log", 7, "wrong-field-count", "21 fields, header says 23"));
      store.recordIngestProblems(problems);
      store.recordIngestProblems(List.of(new IngestProblem("conn.log", 99, "bad-time", "again")));
      IngestRun run = new IngestRun(Instant.parse("2024-02-01T10:00:00Z"), Instant.parse("2024-02-01T10:01:00Z"),
          List.of("conn.log", "dns.log"), Map.of(LogType.CONN, 1L, LogType.DNS, 1L), DAY_ONE, DAY_ONE + 17);
      store.recordIngestRun(run);

      StoreStats stats = store.stats();
      assertThat(stats.rows()).hasSize(LogType.values().length).containsEntry(LogType.CONN, 1L);
      assertThat(stats.firstTs()).isEqualTo(DAY_ONE + 1);
      assertThat(stats.lastTs()).isEqualTo(DAY_ONE + 21);
      // 10.0.0.5 and 2001:db8::1 from the flows; DHCP and software addresses are not flow endpoints.
      assertThat(stats.devices()).isEqualTo(2);
      assertThat(stats.problems()).containsExactly(Map.entry("bad-time", 26L), Map.entry("wrong-field-count", 1L));
      assertThat(stats.problemSamples()).hasSize(IngestLedger.SAMPLES_PER_CLASS + 1)
          .contains(new IngestProblem("dns.log", 7, "wrong-field-count", "21 fields, header says 23"));
      assertThat(stats.runs()).containsExactly(run);
      assertThat(stats.databaseBytes()).isPositive();
    }
  }

  @Test
  void commit_breaches_readBackByTimeAndScoreAndIgnoresReplays() {
    Breach low = breach("b1", DAY_ONE, 40);
    Breach high = breach("b2", DAY_ONE + HOUR, 90);
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.commit(breaches(low, high))).isEqualTo(new CommitLog.Committed(0, 1, 2));
      assertThat(store.commit(breaches(high)).entries()).isZero();
      Instant from = Instant.ofEpochSecond(DAY_ONE / 1_000_000);
      assertThat(store.breaches(from, from.plusSeconds(7200), 0)).containsExactly(high, low);
      assertThat(store.breaches(from, from.plusSeconds(7200), 50)).containsExactly(high);
      assertThat(store.breaches(from, from.plusSeconds(60), 0)).containsExactly(low);
    }
  }

  @Test
  void breaches_storedBeforeBreachesWereTyped_readWithIdsPeersAndTacticsDerived() throws Exception {
    try (java.sql.Connection old = java.sql.DriverManager.getConnection("jdbc:duckdb:"
        + directory.resolve(DuckDbEventStore.DATABASE_FILE).toAbsolutePath());
        java.sql.Statement sql = old.createStatement()) {
      sql.execute("CREATE TABLE breaches (id VARCHAR PRIMARY KEY, model VARCHAR, category VARCHAR, ts TIMESTAMP,"
          + " device VARCHAR, peer VARCHAR, score INTEGER, techniques VARCHAR[], explanation VARCHAR,"
          + " evidence_kinds VARCHAR[], evidence_texts VARCHAR[], evidence_values DOUBLE[], record_uids VARCHAR[],"
          + " entity_keys VARCHAR[], entity_values VARCHAR[])");
      sql.execute("INSERT INTO breaches VALUES ('b1', 'Security Integration / Suricata Alert: ET SCAN Nmap',"
          + " 'Security Integration', TIMESTAMP '2024-10-07 10:00:00', 'WS-1', 'c2.example.net', 60, ['T1046'],"
          + " 'x', [], [], [], ['C1'], [], [])");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.breaches(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0)).singleElement()
          .satisfies(b -> {
            assertThat(b.modelId()).isEqualTo("suricata-alert");
            assertThat(b.peer()).isEqualTo(new Peer(Peer.Kind.DOMAIN, "c2.example.net"));
            assertThat(b.tactics()).containsExactly(Tactic.DISCOVERY);
          });
    }
  }

  @Test
  void open_storeWithAddressTextColumns_dropsTheTextAndReadsTheAddressesFromTheirKeys() throws Exception {
    EventTable conn = EventTable.of(LogType.CONN);
    List<String> definitions = new ArrayList<>();
    for (EventColumn column : conn.columns()) {
      definitions.add(column.kind() == ColumnKind.ADDRESS
          ? column.name() + " VARCHAR, " + column.highName() + " BIGINT, " + column.lowName() + " BIGINT"
          : column.name() + " " + column.kind().sqlType());
    }
    AddressKey orig = AddressKey.parse("10.0.0.5");
    AddressKey resp = AddressKey.parse("2001:db8::7");
    try (java.sql.Connection old = java.sql.DriverManager.getConnection("jdbc:duckdb:"
        + directory.resolve(DuckDbEventStore.DATABASE_FILE).toAbsolutePath());
        java.sql.Statement sql = old.createStatement()) {
      sql.execute("CREATE TABLE conn (" + String.join(", ", definitions) + ")");
      sql.execute("INSERT INTO conn (ts, uid, orig_h, orig_h_hi, orig_h_lo, orig_p, resp_h, resp_h_hi, resp_h_lo,"
          + " resp_p) VALUES (make_timestamp(3600000000), 'C1', '10.0.0.5', " + orig.high() + ", " + orig.low()
          + ", 50000, '2001:db8::7', " + resp.high() + ", " + resp.low() + ", 443)");
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      assertThat(store.events(LogType.CONN, 0, Long.MAX_VALUE, 10)).singleElement()
          .satisfies(event -> assertThat(((ConnEvent) event).id())
              .isEqualTo(new FlowId("10.0.0.5", 50000, "2001:db8::7", 443)));
      assertThat(store.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'conn'"
          + " AND column_name IN ('orig_h', 'resp_h')", List.of())).isEmpty();
    }
  }

  private static Commit breaches(Breach... breaches) {
    return new Commit(List.of(), List.of(), Map.of(), List.of(breaches), List.of(), List.of());
  }

  private static Breach breach(String id, long ts, int score) {
    return new Breach(id, "smb-drive-write", "Compliance / SMB Drive Write", "Compliance", ts, "dev-1",
        new Peer(Peer.Kind.DEVICE, "10.0.0.9"), score, List.of("T1021.002"),
        List.of(Tactic.LATERAL_MOVEMENT, Tactic.DEFENSE_EVASION), "first SMB write to this share", List.of(new Evidence("first-seen", "never before", 0),
            new Evidence("volume", "3 files", Double.NaN)), List.of("C1", "C2"),
        Map.of("file", "ProgramData\\Oracle\\java.log", "credential", "admin"));
  }
}
