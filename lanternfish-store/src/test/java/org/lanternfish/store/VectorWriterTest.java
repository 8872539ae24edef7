package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.store.SampleEvents.DAY_ONE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.LogType;

/**
 * The feed writes numbers, addresses and short texts straight into DuckDB's vector memory: every value and every
 * null must read back as it was, across 64-row validity words and chunks, whichever DuckDB thread converts a chunk.
 */
final class VectorWriterTest {
  private static final String[] TEXTS = {"", "S", "SF", "ShADadFf", "twelve bytes", "thirteen byte", "ü", "ÄÖÜäöü",
      "ShADadFfRrTtWw", "日本語テキス"};

  @TempDir Path directory;

  @Test
  void feed_randomValuesAndNullsInEveryColumn_readBackEqual_acrossValidityWordsAndChunks() {
    Random random = new Random(20261208);
    List<Event> events = new ArrayList<>();
    // Runs of each kind of chunk: all texts short (written into the vector), some long (the driver's batch call), and
    // columns all null, so a vector reused after a longer text or a null keeps nothing of it.
    for (int i = 0; i < 5 * 2_048 + 77; i++) {
      boolean longTexts = (i / 2_048) % 2 == 1;
      events.add(new ConnEvent(DAY_ONE + i, "C" + i,
          new FlowId(random.nextInt(9) == 0 ? null : "10.0." + random.nextInt(4) + "." + random.nextInt(256),
              random.nextInt(7) == 0 ? (int) Event.UNSET : random.nextInt(65_536),
              random.nextBoolean() ? "2001:db8::" + Integer.toHexString(random.nextInt(65_536)) : "192.168.1.1",
              random.nextInt(5) == 0 ? (int) Event.UNSET : 443),
          text(random, false), i / 2_048 == 2 ? null : text(random, longTexts),
          random.nextInt(3) == 0 ? Double.NaN : random.nextDouble() * 1e6,
          random.nextInt(3) == 0 ? Event.UNSET : random.nextLong(1L << 40), random.nextInt(64) == 0 ? Event.UNSET : i,
          text(random, longTexts), random.nextInt(3) == 0 ? null : random.nextBoolean(),
          random.nextInt(2) == 0 ? null : Boolean.valueOf(random.nextBoolean()), random.nextInt(1_000),
          text(random, longTexts), i, random.nextInt(100), Event.UNSET, Long.MAX_VALUE - i, List.of(), null,
          null, null));
    }
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(events);
      assertThat(store.events(LogType.CONN, DAY_ONE, DAY_ONE + events.size(), events.size()))
          .containsExactlyElementsOf(events);
      // Inlined texts compare and group as DuckDB's own do: the padding after a short text is zero.
      List<Map<String, Object>> states = store.query("SELECT conn_state, count(*) AS n FROM conn"
          + " WHERE conn_state = 'SF' GROUP BY conn_state", List.of());
      long expected = events.stream().filter(e -> "SF".equals(((ConnEvent) e).connState())).count();
      assertThat(expected).isPositive();
      assertThat(states).singleElement().satisfies(row -> assertThat(((Number) row.get("n")).longValue())
          .isEqualTo(expected));
    }
  }

  @Test
  void writer_ofAnotherTypeThanTheVector_isRefused_whileTheRightOneWrites() throws Exception {
    List<String> refusals = new ArrayList<>();
    DuckDBTableFunction<Object, Object, Object> ports = new DuckDBTableFunction<>() {
      private boolean done;

      @Override
      public Object bind(DuckDBTableFunctionBindInfo info) {
        info.addResultColumn("port", DuckDBColumnType.INTEGER);
        return Boolean.TRUE;
      }

      @Override
      public Object init(DuckDBTableFunctionInitInfo info) {
        return Boolean.TRUE;
      }

      @Override
      public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
        if (done) {
          return 0;
        }
        done = true;
        try {
          new VectorWriter(out.vector(0), DuckDBColumnType.BIGINT);
        } catch (IllegalStateException refused) {
          refusals.add(refused.getMessage());
        }
        VectorWriter writer = new VectorWriter(out.vector(0), DuckDBColumnType.INTEGER);
        for (int row = 0; row < 70; row++) {
          if (row % 3 != 0) {
            writer.setInt(row, row);
          }
          writer.endRow(row);
        }
        writer.finish(70);
        return 70;
      }
    };
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      DuckDBFunctions.tableFunction().withName("ports").withFunction(ports).register(connection);
      try (ResultSet result = statement.executeQuery("SELECT count(port), sum(port), count(*) FROM ports()")) {
        result.next();
        assertThat(result.getLong(1)).isEqualTo(46);
        assertThat(result.getLong(2)).isEqualTo(70 * 69 / 2 - 3 * (23 * 24 / 2));
        assertThat(result.getLong(3)).isEqualTo(70);
      }
    }
    assertThat(refusals).containsExactly("a INTEGER vector written as BIGINT");
  }

  private static String text(Random random, boolean mayBeLong) {
    if (random.nextInt(4) == 0) {
      return null;
    }
    return TEXTS[random.nextInt(mayBeLong ? TEXTS.length : 5)];
  }
}
