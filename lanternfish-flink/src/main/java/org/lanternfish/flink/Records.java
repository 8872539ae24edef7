package org.lanternfish.flink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogParser;

/**
 * Parses input records with the ingest parsers, one {@link LogParser} per source topic (as for a file), so Kafka
 * records are read exactly as the same lines in a file would be: Zeek JSON plain or wrapped, Suricata EVE.
 */
final class Records {
  private final Map<String, LogParser> parsers = new HashMap<>();
  private final IngestReport report = new IngestReport();
  private final List<Event> parsed = new ArrayList<>(1);
  private long number;

  /** The events of one record (none for a malformed line, which the report counts, or a log not read). */
  List<Event> parse(String source, byte[] line) {
    parsed.clear();
    parsers.computeIfAbsent(source, s -> new LogParser(s, parsed::add, report))
        .acceptLine(line, 0, line.length, ++number);
    return parsed;
  }

  /** Malformed records so far. */
  long malformed() {
    return report.totalMalformed();
  }
}
