package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.store.SampleEvents.DAY_ONE;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;

class EventFeedTest {
  @Test
  void insert_onSeveralDuckDbThreads_reusesOneSetOfBuffersPerThreadAcrossChunks() throws Exception {
    // 100 chunks of 2,048 events. DuckDB's own worker threads come to the JVM anew for each call of the feed, so
    // buffers kept per Java thread were made again for about every other chunk, with empty caches.
    int rows = 100 * 2_048;
    List<Event> events = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      events.add(SampleEvents.conn(DAY_ONE + i, "C" + i, "10.0.0." + (i % 200), 1024 + i % 50_000, "192.168.1.1",
          443, "ssl", i));
    }
    int threads = 4;
    EventTable table = EventTable.of(LogType.CONN);
    EventFeed feed = new EventFeed(table, threads);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
      statement.execute("SET preserve_insertion_order = false");
      statement.execute(table.createSql());
      feed.register(connection);

      assertThat(feed.insert(connection, events.iterator())).isEqualTo(rows);

      try (ResultSet result = statement.executeQuery("SELECT count(DISTINCT uid), sum(orig_bytes) FROM conn")) {
        result.next();
        assertThat(result.getLong(1)).isEqualTo(rows);
        assertThat(result.getLong(2)).isEqualTo((long) rows * (rows - 1) / 2);
      }
    }
    assertThat(feed.buffersMade()).isBetween(1, threads);
  }
}
