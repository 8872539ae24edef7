package org.lanternfish.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import org.lanternfish.event.Event;

/**
 * Writes events of one log type as {@code INSERT INTO t SELECT ... FROM lanternfish_feed_t()}, where the feed is a
 * Java table function that fills DuckDB's column vectors straight from the records.
 *
 * <p>Why not the DuckDB Appender: on 1M pre-parsed conn events (duckdb_jdbc 1.5.6, in one run on a busy 2-core
 * machine) its row-by-row {@code beginRow/append/endRow}, which flushes into the table every 2,048 rows, took 9.9 to
 * 10.2 CPU seconds where this feed took 3.6 to 6.0 (and DuckDB's own {@code read_csv} of the file 2.9), because this
 * is one parallel INSERT: DuckDB's threads both convert records and write row groups. Strings go over one vector at a time ({@code setStrings}) instead of one JNI call per value. The INSERT runs
 * in the caller's transaction, so a checkpoint written next to it commits or rolls back with the events.
 */
final class EventFeed implements DuckDBTableFunction<Object, Object, Object> {
  private static final char LIST_END = '\u001f';
  /** One cache per DuckDB worker thread, which lives as long as the database and fills many chunks. */
  private static final ThreadLocal<AddressKeyCache> ADDRESS_KEYS = ThreadLocal.withInitial(AddressKeyCache::new);

  private final EventTable table;
  private final int threads;
  private final Object pull = new Object();
  private volatile Iterator<? extends Event> source = Collections.emptyIterator();

  EventFeed(EventTable table, int threads) {
    this.table = table;
    this.threads = threads;
  }

  /** Registers the feed's table function on {@code connection}. */
  void register(Connection connection) throws SQLException {
    DuckDBFunctions.tableFunction().withName(functionName()).withFunction(this).register(connection);
  }

  /**
   * Inserts every event {@code events} yields through {@code connection}, inside its current transaction, as one
   * INSERT; returns the rows written. DuckDB's threads pull chunks from the iterator, so a producer behind it (a
   * parser filling a queue) runs while earlier chunks are being written.
   */
  long insert(Connection connection, Iterator<? extends Event> events) throws SQLException {
    source = events;
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(insertSql());
    } finally {
      source = Collections.emptyIterator();
    }
  }

  private String functionName() {
    return "lanternfish_feed_" + table.name();
  }

  private String insertSql() {
    List<String> targets = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (EventColumn column : table.columns()) {
      String name = column.name();
      if (column.kind() == ColumnKind.ADDRESS) {
        targets.add(column.highName());
        targets.add(column.lowName());
        values.add(column.highName());
        values.add(column.lowName());
        continue;
      }
      targets.add(name);
      switch (column.kind()) {
        case TIME -> values.add("make_timestamp(" + name + ")");
        case TEXT_LIST -> values.add("string_split(" + name + ", chr(31))[:-2]");
        case NUMBER_LIST -> values.add(
            "list_transform(string_split(" + name + ", chr(31))[:-2], v -> CAST(v AS DOUBLE))");
        default -> values.add(name);
      }
    }
    return "INSERT INTO " + table.name() + " (" + String.join(", ", targets) + ") SELECT "
        + String.join(", ", values) + " FROM " + functionName() + "()";
  }

  @Override
  public Object bind(DuckDBTableFunctionBindInfo info) {
    for (EventColumn column : table.columns()) {
      if (column.kind() == ColumnKind.ADDRESS) {
        info.addResultColumn(column.highName(), DuckDBColumnType.BIGINT);
        info.addResultColumn(column.lowName(), DuckDBColumnType.BIGINT);
        continue;
      }
      info.addResultColumn(column.name(), switch (column.kind()) {
        case TIME, COUNT -> DuckDBColumnType.BIGINT;
        case PORT -> DuckDBColumnType.INTEGER;
        case INTERVAL -> DuckDBColumnType.DOUBLE;
        case FLAG -> DuckDBColumnType.BOOLEAN;
        case TEXT, ADDRESS, TEXT_LIST, NUMBER_LIST -> DuckDBColumnType.VARCHAR;
      });
    }
    return Boolean.TRUE;
  }

  @Override
  public Object init(DuckDBTableFunctionInitInfo info) {
    info.setMaxThreads(threads);
    return Boolean.TRUE;
  }

  @Override
  public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
    int capacity = (int) out.capacity();
    List<Event> chunk = new ArrayList<>(capacity);
    // Only the pull is serialised; converting the chunk into vectors runs on each DuckDB thread in parallel.
    synchronized (pull) {
      Iterator<? extends Event> events = source;
      while (chunk.size() < capacity && events.hasNext()) {
        chunk.add(events.next());
      }
    }
    for (Event event : chunk) {
      if (event.logType() != table.logType()) {
        throw new IllegalArgumentException("a " + event.logType().logName() + " event in a load of " + table.name());
      }
    }
    if (chunk.isEmpty()) {
      return 0;
    }
    int vector = 0;
    for (EventColumn column : table.columns()) {
      vector = write(column, chunk, out, vector);
    }
    return chunk.size();
  }

  // Column by column rather than row by row: each loop stays monomorphic and strings go over in one call.
  private static int write(EventColumn column, List<? extends Event> chunk, DuckDBDataChunkWriter out, int vector) {
    DuckDBWritableVector target = out.vector(vector);
    int rows = chunk.size();
    switch (column.kind()) {
      case TIME -> {
        for (int row = 0; row < rows; row++) {
          long value = column.asLong().applyAsLong(chunk.get(row));
          if (value == Event.NO_TIME) {
            target.setNull(row);
          } else {
            target.setLong(row, value);
          }
        }
      }
      case COUNT -> {
        for (int row = 0; row < rows; row++) {
          long value = column.asLong().applyAsLong(chunk.get(row));
          if (value == Event.UNSET) {
            target.setNull(row);
          } else {
            target.setLong(row, value);
          }
        }
      }
      case PORT -> {
        for (int row = 0; row < rows; row++) {
          long value = column.asLong().applyAsLong(chunk.get(row));
          if (value == Event.UNSET) {
            target.setNull(row);
          } else {
            target.setInt(row, (int) value);
          }
        }
      }
      case INTERVAL -> {
        for (int row = 0; row < rows; row++) {
          double value = column.asDouble().applyAsDouble(chunk.get(row));
          if (Double.isNaN(value)) {
            target.setNull(row);
          } else {
            target.setDouble(row, value);
          }
        }
      }
      case FLAG -> {
        for (int row = 0; row < rows; row++) {
          Boolean value = (Boolean) column.asObject().apply(chunk.get(row));
          if (value == null) {
            target.setNull(row);
          } else {
            target.setBoolean(row, value);
          }
        }
      }
      case TEXT -> target.setStrings(0, strings(column, chunk));
      case ADDRESS -> {
        DuckDBWritableVector low = out.vector(vector + 1);
        AddressKeyCache keys = ADDRESS_KEYS.get();
        for (int row = 0; row < rows; row++) {
          int slot = keys.find((String) column.asObject().apply(chunk.get(row)));
          if (slot >= 0) {
            target.setLong(row, keys.high(slot));
            low.setLong(row, keys.low(slot));
          } else {
            target.setNull(row);
            low.setNull(row);
          }
        }
        return vector + 2;
      }
      case TEXT_LIST, NUMBER_LIST -> {
        String[] encoded = new String[rows];
        for (int row = 0; row < rows; row++) {
          encoded[row] = encodeList((List<?>) column.asObject().apply(chunk.get(row)));
        }
        target.setStrings(0, encoded);
      }
    }
    return vector + 1;
  }

  private static String[] strings(EventColumn column, List<? extends Event> chunk) {
    String[] values = new String[chunk.size()];
    for (int row = 0; row < values.length; row++) {
      values[row] = (String) column.asObject().apply(chunk.get(row));
    }
    return values;
  }

  // Every element is terminated, so [] is "" and [""] is one terminator: the SQL side drops the last split part.
  private static String encodeList(List<?> list) {
    if (list == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Object element : list) {
      text.append(element).append(LIST_END);
    }
    return text.toString();
  }
}
