package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

/**
 * Model breaches in one table, keyed by the breach's deterministic id so a replay stores nothing twice, and numbered
 * by the commit that stored them ({@code seq}, the outbox's breach entries). Evidence and entities are kept as
 * parallel lists because the JDBC driver binds arrays but not lists of structs. The peer is its value and its kind in
 * two columns, tactics their names. Columns are always named: stores made by older versions gained theirs in another
 * order.
 */
final class BreachTable {
  /** Every column, named: for inserts. */
  private static final String COLUMNS = "id, model, category, ts, device, peer, score, techniques, explanation,"
      + " evidence_kinds, evidence_texts, evidence_values, record_uids, entity_keys, entity_values, model_id,"
      + " peer_kind, tactics, seq";
  /** Every column as a breach is read back (times in microseconds), {@code seq} last (19). */
  private static final String SELECTED = COLUMNS.replace(" ts,", " epoch_us(ts),");

  private final Connection connection;

  BreachTable(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS breaches (id VARCHAR PRIMARY KEY, model VARCHAR, category VARCHAR,"
        + " ts TIMESTAMP, device VARCHAR, peer VARCHAR, score INTEGER, techniques VARCHAR[], explanation VARCHAR,"
        + " evidence_kinds VARCHAR[], evidence_texts VARCHAR[], evidence_values DOUBLE[], record_uids VARCHAR[],"
        + " entity_keys VARCHAR[], entity_values VARCHAR[])");
    // Added with typed breaches; a store written before them gets the columns, empty for its old rows.
    statement.execute("ALTER TABLE breaches ADD COLUMN IF NOT EXISTS model_id VARCHAR");
    statement.execute("ALTER TABLE breaches ADD COLUMN IF NOT EXISTS peer_kind VARCHAR");
    statement.execute("ALTER TABLE breaches ADD COLUMN IF NOT EXISTS tactics VARCHAR[]");
    // Stores made before the outbox get the column, and their breaches numbers in time order.
    statement.execute("ALTER TABLE breaches ADD COLUMN IF NOT EXISTS seq BIGINT");
    statement.execute("UPDATE breaches SET seq = numbered.seq FROM (SELECT id, row_number() OVER (ORDER BY ts, id)"
        + " + (SELECT coalesce(max(seq), 0) FROM breaches) AS seq FROM breaches WHERE seq IS NULL) numbered"
        + " WHERE breaches.id = numbered.id");
  }

  long maxSeq() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM breaches")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Inserts each breach not stored yet with the next number {@code seq} gives; returns how many it inserted. */
  int append(List<Breach> breaches, java.util.function.LongSupplier seq) throws SQLException {
    int inserted = 0;
    try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM breaches WHERE id = ?");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO breaches (" + COLUMNS + ") VALUES (?,"
            + " ?, ?, make_timestamp(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Breach breach : breaches) {
        exists.setString(1, breach.id());
        try (ResultSet found = exists.executeQuery()) {
          if (found.next()) {
            continue;
          }
        }
        insert.setString(1, breach.id());
        insert.setString(2, breach.model());
        insert.setString(3, breach.category());
        insert.setLong(4, breach.ts());
        insert.setString(5, breach.device());
        insert.setString(6, breach.peerValue());
        insert.setInt(7, breach.score());
        insert.setArray(8, connection.createArrayOf("VARCHAR", breach.techniques().toArray()));
        insert.setString(9, breach.explanation());
        List<Evidence> evidence = breach.evidence();
        insert.setArray(10, connection.createArrayOf("VARCHAR", evidence.stream().map(Evidence::kind).toArray()));
        insert.setArray(11, connection.createArrayOf("VARCHAR", evidence.stream().map(Evidence::text).toArray()));
        insert.setArray(12, connection.createArrayOf("DOUBLE", evidence.stream().map(Evidence::value).toArray()));
        insert.setArray(13, connection.createArrayOf("VARCHAR", breach.recordUids().toArray()));
        // Sorted keys make the stored row, like the breach id, independent of map iteration order.
        List<String> keys = breach.entities().keySet().stream().sorted().toList();
        insert.setArray(14, connection.createArrayOf("VARCHAR", keys.toArray()));
        insert.setArray(15, connection.createArrayOf("VARCHAR", keys.stream().map(breach.entities()::get).toArray()));
        insert.setString(16, breach.modelId());
        insert.setString(17, breach.peer() == null ? null : breach.peer().kind().name());
        insert.setArray(18, connection.createArrayOf("VARCHAR", breach.tactics().stream().map(Tactic::name).toArray()));
        insert.setLong(19, seq.getAsLong());
        insert.executeUpdate();
        inserted++;
      }
    }
    return inserted;
  }

  List<OutboxEntry.BreachStored> after(long afterSeq, int minScore, int limit) throws SQLException {
    List<OutboxEntry.BreachStored> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + SELECTED + " FROM breaches"
        + " WHERE seq > ? AND score >= ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, afterSeq);
      select.setInt(2, minScore);
      select.setInt(3, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new OutboxEntry.BreachStored(rows.getLong(19), breach(rows)));
        }
      }
    }
    return found;
  }

  List<OutboxEntry.BreachStored> find(BreachFilter filter) throws SQLException {
    List<OutboxEntry.BreachStored> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + SELECTED + " FROM breaches"
        + " WHERE seq < ? AND score >= ? AND (CAST(? AS VARCHAR) IS NULL OR model_id = ? OR model = ?)"
        + " AND (CAST(? AS VARCHAR) IS NULL OR device = ? OR peer = ?)"
        + " AND ts >= make_timestamp(?) AND ts < make_timestamp(?) ORDER BY seq DESC LIMIT ?")) {
      select.setLong(1, filter.beforeSeq());
      select.setInt(2, filter.minScore());
      select.setString(3, filter.model());
      select.setString(4, filter.model());
      select.setString(5, filter.model());
      select.setString(6, filter.device());
      select.setString(7, filter.device());
      select.setString(8, filter.device());
      select.setLong(9, filter.from() == null ? Long.MIN_VALUE / 2 : IngestLedger.micros(filter.from()));
      select.setLong(10, filter.to() == null ? Long.MAX_VALUE / 2 : IngestLedger.micros(filter.to()));
      select.setInt(11, filter.limit());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new OutboxEntry.BreachStored(rows.getLong(19), breach(rows)));
        }
      }
    }
    return found;
  }

  Optional<OutboxEntry.BreachStored> byId(String id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + SELECTED + " FROM breaches"
        + " WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(new OutboxEntry.BreachStored(rows.getLong(19), breach(rows)))
            : Optional.empty();
      }
    }
  }

  List<Breach> between(Instant from, Instant to, int minScore) throws SQLException {
    List<Breach> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + SELECTED + " FROM breaches"
        + " WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?) AND score >= ? ORDER BY ts DESC, id")) {
      select.setLong(1, IngestLedger.micros(from));
      select.setLong(2, IngestLedger.micros(to));
      select.setInt(3, minScore);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(breach(rows));
        }
      }
    }
    return found;
  }

  private static Breach breach(ResultSet rows) throws SQLException {
    List<Object> kinds = list(rows, 10);
    List<Object> texts = list(rows, 11);
    List<Object> values = list(rows, 12);
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      Object value = values.get(i);
      evidence.add(new Evidence((String) kinds.get(i), (String) texts.get(i),
          value == null ? Double.NaN : ((Number) value).doubleValue()));
    }
    List<Object> keys = list(rows, 14);
    List<Object> entityValues = list(rows, 15);
    Map<String, String> entities = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      entities.put((String) keys.get(i), (String) entityValues.get(i));
    }
    String model = rows.getString(2);
    String modelId = rows.getString(16);
    String peer = rows.getString(6);
    String peerKind = rows.getString(17);
    List<String> techniques = strings(list(rows, 8));
    List<Tactic> tactics = strings(list(rows, 18)).stream().map(Tactic::valueOf).toList();
    boolean legacy = modelId == null;
    return new Breach(rows.getString(1), legacy ? legacyModelId(model) : modelId, model, rows.getString(3),
        rows.getLong(4), rows.getString(5), peer == null || peer.isEmpty() ? null
            : new Peer(peerKind == null ? legacyPeerKind(peer) : Peer.Kind.valueOf(peerKind), peer),
        rows.getInt(7), techniques, legacy ? Tactic.ofAll(techniques) : tactics, rows.getString(9), evidence,
        strings(list(rows, 13)), entities);
  }

  /**
   * The model id of a breach stored before breaches carried one, as detection derives it from a shipped model's
   * name: the words after the category and before an alert's quoted title, in lower case with hyphens.
   */
  static String legacyModelId(String model) {
    int slash = model.indexOf(" / ");
    String name = slash < 0 ? model : model.substring(slash + 3);
    int colon = name.indexOf(':');
    String words = colon < 0 ? name : name.substring(0, colon);
    return words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /** What an untyped stored peer most likely is: a dotted name is a domain, an address an address, else a device. */
  static Peer.Kind legacyPeerKind(String peer) {
    if (peer.indexOf(':') >= 0 || peer.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
      return peer.startsWith("mac:") ? Peer.Kind.DEVICE : Peer.Kind.ADDRESS;
    }
    return peer.indexOf('.') < 0 ? Peer.Kind.DEVICE : Peer.Kind.DOMAIN;
  }

  private static List<Object> list(ResultSet rows, int column) throws SQLException {
    java.sql.Array array = rows.getArray(column);
    return array == null ? List.of() : java.util.Arrays.asList((Object[]) array.getArray());
  }

  private static List<String> strings(List<Object> values) {
    return values.stream().map(String.class::cast).toList();
  }
}
