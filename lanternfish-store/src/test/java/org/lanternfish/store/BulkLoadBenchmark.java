package org.lanternfish.store;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.LogType;

/**
 * Measures parse + store of a Zeek conn.log against DuckDB's own {@code read_csv} of the same file (a main, not a
 * test: it takes minutes). Usage: {@code BulkLoadBenchmark WORKDIR [LINES] [appender]}, the append batch size from
 * {@code -Dbatch}; it writes {@code WORKDIR/conn.log} if missing. The parser here is a minimal one for the benchmark
 * only, so the figure is the store's side; the ingest module's reader can replace it once the modules are wired.
 */
final class BulkLoadBenchmark {
  private static final int BATCH = Integer.getInteger("batch", 65_536);
  private static final List<ConnEvent> END = new ArrayList<>();

  private BulkLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    long lines = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
    Path log = work.resolve("conn.log");
    if (!Files.exists(log)) {
      write(log, lines);
    }
    long start = System.nanoTime();
    long rows;
    try (DuckDbEventStore store = DuckDbEventStore.open(fresh(work.resolve("read-csv")))) {
      rows = store.loadWithReadCsv(log);
    }
    report("read_csv (DuckDB, via JDBC)", rows, start);

    start = System.nanoTime();
    try (DuckDbEventStore store = DuckDbEventStore.open(fresh(work.resolve("stream")))) {
      rows = parseAndStream(log, store);
    }
    report("parse + store (load: one streamed INSERT)", rows, start);

    start = System.nanoTime();
    try (DuckDbEventStore store = DuckDbEventStore.open(fresh(work.resolve("feed")))) {
      rows = parseAndStore(log, store::append);
    }
    report("parse + store (append per " + BATCH + " batch)", rows, start);

    if (args.length > 2 && args[2].equals("appender")) {
      start = System.nanoTime();
      try (DuckDbEventStore store = DuckDbEventStore.open(fresh(work.resolve("appender")))) {
        DuckDBConnection connection = store.connection().unwrap(DuckDBConnection.class);
        rows = parseAndStore(log, batch -> appendRowByRow(connection, batch));
      }
      report("parse + store (Appender, row by row)", rows, start);
    }
  }

  private static void report(String what, long rows, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-40s %,d rows in %.2f s = %,.0f rows/s%n", what, rows, seconds, rows / seconds);
  }

  private static Path fresh(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
    return directory;
  }

  /** Parses on one thread into a queue that the store's single streamed INSERT drains. */
  private static long parseAndStream(Path log, DuckDbEventStore store) throws Exception {
    BlockingQueue<List<ConnEvent>> queue = new ArrayBlockingQueue<>(4);
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread parser = startParser(log, queue, failure, 4096);
    Iterator<ConnEvent> events = new Iterator<>() {
      private List<ConnEvent> chunk = List.of();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == chunk.size() && chunk != END) {
          try {
            chunk = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          next = 0;
        }
        return chunk != END;
      }

      @Override
      public ConnEvent next() {
        return chunk.get(next++);
      }
    };
    long rows = store.load(LogType.CONN, events);
    parser.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return rows;
  }

  /** Parses on one thread while the store writes on another, the way a real ingest overlaps the two. */
  private static long parseAndStore(Path log, BatchSink sink) throws Exception {
    BlockingQueue<List<ConnEvent>> queue = new ArrayBlockingQueue<>(2);
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread parser = startParser(log, queue, failure, BATCH);
    long rows = 0;
    for (List<ConnEvent> batch = queue.take(); batch != END; batch = queue.take()) {
      sink.store(batch);
      rows += batch.size();
    }
    parser.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return rows;
  }

  private static Thread startParser(Path log, BlockingQueue<List<ConnEvent>> queue,
      AtomicReference<Exception> failure, int batchSize) {
    return Thread.ofPlatform().start(() -> {
      try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
        List<ConnEvent> batch = new ArrayList<>(batchSize);
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.startsWith("#")) {
            batch.add(parse(line));
            if (batch.size() == batchSize) {
              queue.put(batch);
              batch = new ArrayList<>(batchSize);
            }
          }
        }
        queue.put(batch);
        queue.put(END);
      } catch (Exception e) {
        failure.set(e);
        queue.offer(END);
      }
    });
  }

  private static void appendRowByRow(DuckDBConnection connection, List<ConnEvent> batch) {
    try (DuckDBAppender appender = connection.createAppender(LogType.CONN.logName())) {
      EventTable table = EventTable.of(LogType.CONN);
      for (Event event : batch) {
        appender.beginRow();
        for (EventColumn column : table.columns()) {
          appendValue(appender, column, event);
        }
        appender.appendEpochDays((int) Math.floorDiv(event.ts(), 86_400_000_000L));
        appender.endRow();
      }
      appender.flush();
      connection.commit();
    } catch (SQLException e) {
      throw new StoreException("appender failed", e);
    }
  }

  private static void appendValue(DuckDBAppender appender, EventColumn column, Event event) throws SQLException {
    switch (column.kind()) {
      case TIME -> appender.appendEpochMicros(column.asLong().applyAsLong(event));
      case COUNT -> appendCount(appender, column.asLong().applyAsLong(event));
      case PORT -> appender.append((int) column.asLong().applyAsLong(event));
      case INTERVAL -> appender.append(column.asDouble().applyAsDouble(event));
      case FLAG -> appender.append((Boolean) column.asObject().apply(event));
      case TEXT -> appender.append((String) column.asObject().apply(event));
      case ADDRESS -> {
        String text = (String) column.asObject().apply(event);
        AddressKey key = AddressKey.parse(text);
        appender.append(text);
        appender.append(key.high());
        appender.append(key.low());
      }
      case TEXT_LIST, NUMBER_LIST -> appender.append((List<?>) column.asObject().apply(event));
    }
  }

  private static void appendCount(DuckDBAppender appender, long value) throws SQLException {
    if (value == Event.UNSET) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  /** A minimal parser of the 21 conn.log columns written by {@link #write}. */
  private static ConnEvent parse(String line) {
    String[] f = new String[21];
    int from = 0;
    for (int i = 0; i < 20; i++) {
      int tab = line.indexOf('\t', from);
      f[i] = line.substring(from, tab);
      from = tab + 1;
    }
    f[20] = line.substring(from);
    long ts = micros(f[0]);
    return new ConnEvent(ts, f[1], new FlowId(f[2], Integer.parseInt(f[3]), f[4], Integer.parseInt(f[5])), f[6],
        text(f[7]), f[8].equals("-") ? Double.NaN : Double.parseDouble(f[8]), count(f[9]), count(f[10]), f[11],
        flag(f[12]), flag(f[13]), count(f[14]), text(f[15]), count(f[16]), count(f[17]), count(f[18]), count(f[19]),
        f[20].equals("(empty)") || f[20].equals("-") ? List.of() : List.of(f[20].split(",")), null, null, null);
  }

  // Digits by hand: Long.parseLong(CharSequence, ...) was a third of the parser's profile.
  private static long micros(String time) {
    long seconds = 0;
    int i = 0;
    while (time.charAt(i) != '.') {
      seconds = seconds * 10 + (time.charAt(i++) - '0');
    }
    long fraction = 0;
    int digits = 0;
    for (i++; i < time.length() && digits < 6; i++, digits++) {
      fraction = fraction * 10 + (time.charAt(i) - '0');
    }
    for (; digits < 6; digits++) {
      fraction *= 10;
    }
    return seconds * 1_000_000L + fraction;
  }

  private static String text(String value) {
    return value.equals("-") ? null : value;
  }

  private static long count(String value) {
    return value.equals("-") ? Event.UNSET : Long.parseLong(value);
  }

  private static Boolean flag(String value) {
    return value.equals("-") ? null : value.equals("T");
  }

  /** Writes {@code lines} conn.log records with Zeek's TSV header: internal clients, IPv4 and IPv6 servers. */
  static void write(Path log, long lines) throws IOException {
    Files.createDirectories(log.getParent());
    Random random = new Random(42);
    String[] services = {"-", "dns", "http", "ssl", "smb"};
    String[] states = {"SF", "S0", "REJ", "RSTO", "OTH"};
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      out.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n");
      out.write("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes"
          + "\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes"
          + "\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
      out.write("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool"
          + "\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n");
      long ts = 1_704_067_200_000_000L;
      StringBuilder row = new StringBuilder(256);
      for (long i = 0; i < lines; i++) {
        ts += random.nextInt(2000);
        row.setLength(0);
        row.append(ts / 1_000_000).append('.').append(String.format("%06d", ts % 1_000_000)).append('\t')
            .append('C').append(Long.toString(random.nextLong() & 0xFF_FFFF_FFFFL, 36)).append('\t')
            .append("10.0.").append(random.nextInt(8)).append('.').append(random.nextInt(250)).append('\t')
            .append(1024 + random.nextInt(60_000)).append('\t')
            .append(random.nextInt(4) == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(65_536))
                : (100 + random.nextInt(3)) + "." + random.nextInt(250) + "." + random.nextInt(250) + ".1")
            .append('\t').append(random.nextInt(5) == 0 ? 445 : 443).append('\t')
            .append(random.nextBoolean() ? "tcp" : "udp").append('\t').append(services[random.nextInt(5)]).append('\t')
            .append(random.nextInt(10) == 0 ? "-" : String.format("%.6f", random.nextDouble() * 10)).append('\t')
            .append(random.nextInt(100_000)).append('\t').append(random.nextInt(1_000_000)).append('\t')
            .append(states[random.nextInt(5)]).append('\t').append(random.nextBoolean() ? 'T' : 'F').append("\tF\t0\t")
            .append("ShADadfF\t").append(random.nextInt(100)).append('\t').append(random.nextInt(10_000)).append('\t')
            .append(random.nextInt(100)).append('\t').append(random.nextInt(100_000)).append("\t(empty)\n");
        out.append(row);
      }
      out.write("#close\t2024-01-02-00-00-00\n");
    }
  }

  @FunctionalInterface
  private interface BatchSink {
    void store(List<ConnEvent> batch);
  }
}
