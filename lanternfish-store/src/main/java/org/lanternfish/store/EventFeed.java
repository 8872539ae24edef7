package org.lanternfish.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
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
 * <p>Why not the DuckDB Appender: when this feed replaced it (1M pre-parsed conn events, duckdb_jdbc 1.5.6, one run on
 * a busy 2-core machine) its row-by-row {@code beginRow/append/endRow}, which flushes into the table every 2,048
 * rows, took 9.9 to 10.2 CPU seconds where this feed took 3.6 to 6.0, because this is one parallel INSERT: DuckDB's
 * threads both convert records and write row groups. Staging those events and committing then took 2.1 to 2.3 CPU
 * seconds, of which this class's conversion (a {@code count(*)} over the feed alone) was 0.55 to 0.6; that is 0.35
 * today (see {@link VectorWriter}).
 *
 * <p>Numbers, addresses and a chunk's texts when all fit inside the vector (12 UTF-8 bytes) are written straight into
 * the vector's memory by {@link VectorWriter}, not through the driver's checked setters (see its figures). Other
 * texts go over one vector at a time as UTF-8 bytes ({@code setStringUtf8Batch}), taken from a pooled
 * {@link TextBytesCache} per column. The feed alone (medians of 3 to 7 passes, 3 interleaved runs each, on a 2-core
 * machine shared with other work) took per 1M freshly parsed conn events 0.56 to 0.60 CPU seconds against 0.65 to
 * 0.71 with {@code setStrings}, which encodes char by char into a buffer of four bytes per char; fed the same parsed
 * events again and again, {@code setStringUtf8Batch} without the cache saved nothing (0.50 to 0.54 against 0.51 to
 * 0.57, and 0.46 to 0.53 with it). On a simulated day's 2.6M records of 20 types: 2.2 to 2.7 against 2.6 to 3.0.
 *
 * <p>The INSERT runs in the caller's transaction, so a checkpoint written next to it commits or rolls back with the
 * events.
 */
final class EventFeed implements DuckDBTableFunction<Object, Object, Object> {
  private static final char LIST_END = '\u001f';
  private static final char UNSET_LIST = '\u001e';
  private static final byte[] UNSET_LIST_BYTES = {(byte) UNSET_LIST};

  private final EventTable table;
  private final int threads;
  private final Object pull = new Object();
  private volatile Iterator<? extends Event> source = Collections.emptyIterator();
  /**
   * Buffers and caches between chunks, one set per chunk being converted at once. Not thread-local: DuckDB's JDBC
   * driver attaches its own worker threads to the JVM for each call and detaches them after it, so each such call
   * runs on a new {@link Thread} and would start with empty caches (a table function counting threads, 40M rows
   * inserted on two DuckDB threads: 7,002 of its 19,534 calls came on a new one).
   */
  private final Queue<ChunkBuffers> idleBuffers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger buffersMade = new AtomicInteger();

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

  /** How many sets of buffers the feed has made: one per chunk converted at the same time, however many chunks. */
  int buffersMade() {
    return buffersMade.get();
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
        case TEXT_LIST -> values.add(decodeList(name, "VARCHAR", "string_split(" + name + ", chr(31))[:-2]"));
        case NUMBER_LIST -> values.add(decodeList(name, "DOUBLE",
            "list_transform(string_split(" + name + ", chr(31))[:-2], lambda v: CAST(v AS DOUBLE))"));
        default -> values.add(name);
      }
    }
    return "INSERT INTO " + table.name() + " (" + String.join(", ", targets) + ") SELECT "
        + String.join(", ", values) + " FROM " + functionName() + "()";
  }

  // An empty list comes over as NULL, the commonest value of every list column ("(empty)" in Zeek's logs), so a chunk
  // of them costs no string at all; an unset list comes over as the one character UNSET_LIST.
  private static String decodeList(String name, String elementType, String split) {
    return "CASE WHEN " + name + " IS NULL THEN []::" + elementType + "[] WHEN " + name + " = chr("
        + (int) UNSET_LIST + ") THEN NULL ELSE " + split + " END";
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
    ChunkBuffers buffers = idleBuffers.poll();
    if (buffers == null) {
      buffers = new ChunkBuffers(table.columns().size());
      buffersMade.incrementAndGet();
    }
    Event[] rows = buffers.rows((int) out.capacity());
    int count = 0;
    // Only the pull is serialised; converting the chunk into vectors runs on each DuckDB thread in parallel.
    synchronized (pull) {
      Iterator<? extends Event> events = source;
      while (count < rows.length && events.hasNext()) {
        rows[count++] = events.next();
      }
    }
    try {
      for (int row = 0; row < count; row++) {
        if (rows[row].logType() != table.logType()) {
          throw new IllegalArgumentException(
              "a " + rows[row].logType().logName() + " event in a load of " + table.name());
        }
      }
      if (count == 0) {
        return 0;
      }
      List<EventColumn> columns = table.columns();
      int vector = 0;
      for (int column = 0; column < columns.size(); column++) {
        vector = write(columns.get(column), column, rows, count, out, vector, buffers);
      }
      return count;
    } finally {
      // The rows array outlives the load; it must not keep its last events alive.
      Arrays.fill(rows, 0, count, null);
      idleBuffers.offer(buffers);
    }
  }

  // Column by column rather than row by row: strings go over in one call per vector. One small method per kind, so
  // a log type that brings new readers recompiles that kind's loop alone, not one method holding all of them: the
  // first pass over a simulated day's records (2.6M of 20 types, the feed alone) took 4.1 to 4.4 CPU seconds against
  // 4.4 to 5.2, later passes the same. A kind's loop reads many columns, so its reader call is megamorphic (an itable
  // stub, about 5% of the feed's time); a hidden class per column cloned from one template made every loop
  // monomorphic, saved little on conn alone and cost storing a simulated day 9.4 to 9.9 CPU seconds against 7.7 to
  // 8.3, so the loops stay shared.
  private static int write(EventColumn column, int index, Event[] rows, int count, DuckDBDataChunkWriter out,
      int vector, ChunkBuffers buffers) {
    DuckDBWritableVector target = out.vector(vector);
    switch (column.kind()) {
      case TIME -> writeLongs(column.asLong(), Event.NO_TIME, rows, count, target);
      case COUNT -> writeLongs(column.asLong(), Event.UNSET, rows, count, target);
      case PORT -> writePorts(column.asLong(), rows, count, target);
      case INTERVAL -> writeDoubles(column.asDouble(), rows, count, target);
      case FLAG -> writeFlags(column.asObject(), rows, count, target);
      case TEXT -> writeTexts(column.asObject(), buffers.textCache(index), rows, count, target, buffers.texts(count));
      case ADDRESS -> {
        writeAddresses(column.asObject(), buffers.addressKeys(), rows, count, target, out.vector(vector + 1));
        return vector + 2;
      }
      case TEXT_LIST, NUMBER_LIST -> writeLists(column.asObject(), rows, count, target, buffers.texts(count));
    }
    return vector + 1;
  }

  private static void writeLongs(ToLongFunction<Event> read, long unset, Event[] rows, int count,
      DuckDBWritableVector target) {
    VectorWriter out = new VectorWriter(target, DuckDBColumnType.BIGINT);
    for (int row = 0; row < count; row++) {
      long value = read.applyAsLong(rows[row]);
      if (value != unset) {
        out.setLong(row, value);
      }
      out.endRow(row);
    }
    out.finish(count);
  }

  private static void writePorts(ToLongFunction<Event> read, Event[] rows, int count, DuckDBWritableVector target) {
    VectorWriter out = new VectorWriter(target, DuckDBColumnType.INTEGER);
    for (int row = 0; row < count; row++) {
      long value = read.applyAsLong(rows[row]);
      if (value != Event.UNSET) {
        out.setInt(row, (int) value);
      }
      out.endRow(row);
    }
    out.finish(count);
  }

  private static void writeDoubles(ToDoubleFunction<Event> read, Event[] rows, int count,
      DuckDBWritableVector target) {
    VectorWriter out = new VectorWriter(target, DuckDBColumnType.DOUBLE);
    for (int row = 0; row < count; row++) {
      double value = read.applyAsDouble(rows[row]);
      if (!Double.isNaN(value)) {
        out.setDouble(row, value);
      }
      out.endRow(row);
    }
    out.finish(count);
  }

  private static void writeFlags(Function<Event, Object> read, Event[] rows, int count, DuckDBWritableVector target) {
    VectorWriter out = new VectorWriter(target, DuckDBColumnType.BOOLEAN);
    for (int row = 0; row < count; row++) {
      Boolean value = (Boolean) read.apply(rows[row]);
      if (value != null) {
        out.setBoolean(row, value);
      }
      out.endRow(row);
    }
    out.finish(count);
  }

  private static void writeTexts(Function<Event, Object> read, TextBytesCache cache, Event[] rows, int count,
      DuckDBWritableVector target, byte[][] texts) {
    boolean anyText = false;
    for (int row = 0; row < count; row++) {
      byte[] text = cache.bytes((String) read.apply(rows[row]));
      texts[row] = text;
      anyText |= text != null;
    }
    cache.endChunk();
    writeStrings(texts, count, anyText, target);
  }

  /**
   * Hands a chunk's strings to the vector: written into it when every one fits inside the vector (protocols, states,
   * histories, ...), else in one call that copies them to DuckDB's string heap (about 50 ns a row even for a null);
   * or marks every row null when none is set, as most columns of most log types are on most lines.
   */
  private static void writeStrings(byte[][] texts, int count, boolean anyText, DuckDBWritableVector target) {
    if (anyText && !allInline(texts, count)) {
      target.setStringUtf8Batch(0, texts);
      return;
    }
    VectorWriter out = new VectorWriter(target, DuckDBColumnType.VARCHAR);
    for (int row = 0; row < count; row++) {
      if (texts[row] != null) {
        out.setShortText(row, texts[row]);
      }
      out.endRow(row);
    }
    out.finish(count);
  }

  private static boolean allInline(byte[][] texts, int count) {
    for (int row = 0; row < count; row++) {
      if (texts[row] != null && texts[row].length > VectorWriter.INLINE_TEXT_BYTES) {
        return false;
      }
    }
    return true;
  }

  private static void writeAddresses(Function<Event, Object> read, AddressKeyCache keys, Event[] rows, int count,
      DuckDBWritableVector high, DuckDBWritableVector low) {
    VectorWriter highOut = new VectorWriter(high, DuckDBColumnType.BIGINT);
    VectorWriter lowOut = new VectorWriter(low, DuckDBColumnType.BIGINT);
    for (int row = 0; row < count; row++) {
      int slot = keys.find((String) read.apply(rows[row]));
      if (slot >= 0) {
        highOut.setLong(row, keys.high(slot));
        lowOut.setLong(row, keys.low(slot));
      }
      highOut.endRow(row);
      lowOut.endRow(row);
    }
    highOut.finish(count);
    lowOut.finish(count);
  }

  private static void writeLists(Function<Event, Object> read, Event[] rows, int count, DuckDBWritableVector target,
      byte[][] texts) {
    boolean anyText = false;
    for (int row = 0; row < count; row++) {
      byte[] text = encodeList((List<?>) read.apply(rows[row]));
      texts[row] = text;
      anyText |= text != null;
    }
    writeStrings(texts, count, anyText, target);
  }

  // Every element is terminated, so [""] is one terminator: the SQL side drops the last split part. See decodeList.
  private static byte[] encodeList(List<?> list) {
    if (list == null) {
      return UNSET_LIST_BYTES;
    }
    if (list.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Object element : list) {
      text.append(element).append(LIST_END);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** What converting one chunk reuses from the chunks before it, in this table's loads. */
  private static final class ChunkBuffers {
    private final TextBytesCache[] textCaches;
    private final AddressKeyCache addressKeys = new AddressKeyCache();
    private Event[] rows = new Event[0];
    private byte[][] texts = new byte[0][];

    ChunkBuffers(int columns) {
      textCaches = new TextBytesCache[columns];
    }

    AddressKeyCache addressKeys() {
      return addressKeys;
    }

    Event[] rows(int capacity) {
      if (rows.length != capacity) {
        rows = new Event[capacity];
      }
      return rows;
    }

    /** An array of exactly {@code count} values, since a vector takes as many strings as the array holds. */
    byte[][] texts(int count) {
      if (texts.length != count) {
        texts = new byte[count][];
      }
      return texts;
    }

    TextBytesCache textCache(int column) {
      TextBytesCache cache = textCaches[column];
      if (cache == null) {
        cache = new TextBytesCache();
        textCaches[column] = cache;
      }
      return cache;
    }
  }
}
