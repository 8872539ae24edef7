package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.Event;

/** The benchmark's input: deterministic, parseable without a single bad line, with IPv4 and IPv6. */
final class SyntheticConnLogTest {
  @TempDir Path dir;

  @Test
  void write_isDeterministic_andParsesCleanly() throws IOException {
    Path a = dir.resolve("a.log");
    Path b = dir.resolve("b.log");
    Path c = dir.resolve("c.log");
    SyntheticConnLog.write(a, 20_000, 7);
    SyntheticConnLog.write(b, 20_000, 7);
    SyntheticConnLog.write(c, 20_000, 8);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1);
    assertThat(Files.mismatch(a, c)).isNotEqualTo(-1);

    List<Event> events = new ArrayList<>();
    IngestReport report = new IngestReport();
    LogReader.read(a, events::add, report);
    assertThat(report.totalMalformed()).as(report.toString()).isZero();
    assertThat(events).hasSize(20_000).allMatch(ConnEvent.class::isInstance);
    List<ConnEvent> conns = events.stream().map(ConnEvent.class::cast).toList();
    assertThat(conns).anyMatch(e -> e.id().origHost().contains(":"));
    assertThat(conns).anyMatch(e -> e.id().origHost().startsWith("10."));
    assertThat(conns).allMatch(e -> e.id().origHost().contains(":") == e.id().respHost().contains(":"));
    assertThat(conns).extracting(ConnEvent::connState).contains("SF", "S0", "REJ");
    assertThat(conns).extracting(ConnEvent::uid).doesNotHaveDuplicates();
    for (int i = 1; i < conns.size(); i++) {
      assertThat(conns.get(i).ts()).isGreaterThan(conns.get(i - 1).ts());
    }
  }
}
