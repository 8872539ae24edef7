package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.lanternfish.store.SampleEvents.DAY_ONE;
import static org.lanternfish.store.SampleEvents.HOUR;
import static org.lanternfish.store.SampleEvents.conn;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.Event;
import org.lanternfish.store.ConnectionHistory.ConnectionTally;
import org.lanternfish.store.ConnectionHistory.Side;

final class ConnectionHistoryTest {
  private static final long DAY = 24 * HOUR;

  @TempDir Path directory;

  @Test
  void connections_countsWhatAnActionWouldCut_inTheDaysBeforeTheNewestStoredConnection() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      long end = DAY_ONE + 10 * DAY;
      store.append(List.<Event>of(
          conn(end - 8 * DAY, "C0", "10.0.0.5", 50000, "10.0.0.20", 445, "smb", 10),
          conn(end - 2 * DAY, "C1", "10.0.0.5", 50001, "10.0.0.20", 445, "smb", 10),
          conn(end - DAY, "C2", "10.0.0.5", 50002, "10.0.0.20", 445, "smb", 10),
          conn(end - HOUR, "C3", "10.0.0.5", 50003, "10.0.0.20", 8080, "http", 10),
          conn(end, "C4", "10.0.0.9", 50004, "10.0.0.5", 3389, "rdp", 10)));

      assertThat(store.connections("10.0.0.5", Side.OPENED, "10.0.0.20", 445, Long.MAX_VALUE, 7, 10))
          .as("one connection: the 8-day-old one is outside the window")
          .containsExactly(new ConnectionTally("10.0.0.20", 445, 2, end - 2 * DAY, end - DAY));
      assertThat(store.connections("10.0.0.5", Side.OPENED, null, 0, Long.MAX_VALUE, 7, 10))
          .extracting(ConnectionTally::port, ConnectionTally::connections)
          .containsExactly(tuple(445, 2L), tuple(8080,
              1L));
      assertThat(store.connections("10.0.0.5", Side.ACCEPTED, null, 0, Long.MAX_VALUE, 7, 10))
          .containsExactly(new ConnectionTally("10.0.0.9", 3389, 1, end, end));
      assertThat(store.connections("10.0.0.5", Side.EITHER, null, 0, Long.MAX_VALUE, 7, 10))
          .extracting(ConnectionTally::peer).containsExactly("10.0.0.20", "10.0.0.20", "10.0.0.9");
      assertThat(store.connections("10.0.0.5", Side.OPENED, null, 0, end - 2 * DAY + 1, 1, 10))
          .as("an earlier end").containsExactly(new ConnectionTally("10.0.0.20", 445, 1, end - 2 * DAY,
              end - 2 * DAY));
    }
  }

  @Test
  void usual_isWhatTheDeviceOrItsPeerGroupUsedBeforeTheLastDay() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      long end = DAY_ONE + 10 * DAY;
      store.append(List.<Event>of(
          conn(end - 3 * DAY, "C0", "10.0.0.5", 50000, "10.0.0.20", 445, "smb", 10),
          conn(end - HOUR, "C1", "10.0.0.5", 50001, "10.0.0.20", 445, "smb", 10),
          conn(end - 2 * HOUR, "C2", "10.0.0.5", 50002, "203.0.113.9", 443, "ssl", 10),
          conn(end - 4 * DAY, "C3", "10.0.0.6", 50003, "10.0.0.20", 445, "smb", 10),
          conn(end - 3 * DAY, "C4", "10.0.0.6", 50004, "10.0.0.30", 80, "http", 10),
          conn(end - 5 * DAY, "C5", "10.0.0.7", 50005, "10.0.0.40", 22, "ssh", 10),
          conn(end, "C6", "10.0.0.7", 50006, "10.0.0.40", 22, "ssh", 10)));

      assertThat(store.usual("10.0.0.5", false, 10, Long.MAX_VALUE, 7, 10))
          .as("the address first reached in the last day is not usual")
          .containsExactly(new ConnectionTally("10.0.0.20", 445, 2, end - 3 * DAY, end - HOUR));
      assertThat(store.usual("10.0.0.5", true, 10, Long.MAX_VALUE, 7, 10))
          .as("the group is 10.0.0.6, which shares 10.0.0.20:445; 10.0.0.7 shares nothing")
          .extracting(ConnectionTally::peer, ConnectionTally::port)
          .containsExactly(tuple("10.0.0.20", 445), tuple("10.0.0.30", 80));
      assertThat(store.usual("10.0.0.99", true, 10, Long.MAX_VALUE, 7, 10)).isEmpty();
    }
  }
}
