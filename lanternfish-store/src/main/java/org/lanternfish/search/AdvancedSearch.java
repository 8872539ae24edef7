package org.lanternfish.search;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.event.Event;
import org.lanternfish.store.ColumnKind;
import org.lanternfish.store.EventColumn;
import org.lanternfish.store.EventStore;
import org.lanternfish.store.EventTable;

/** Runs Advanced Search queries against an {@link EventStore} and merges the logs' results newest first. */
public final class AdvancedSearch {
  private final EventStore store;
  private final Clock clock;

  /** Searches {@code store}; {@code clock} is the "now" of {@code last 24h}. */
  public AdvancedSearch(EventStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The newest {@code limit} records matching {@code query} over all log types it applies to. */
  public List<SearchHit> search(String query, int limit) {
    return search(SearchQuery.parse(query), limit);
  }

  /** The newest {@code limit} records matching a parsed {@code query}. */
  public List<SearchHit> search(SearchQuery query, int limit) {
    List<SearchHit> hits = new ArrayList<>();
    for (CompiledQuery compiled : query.compile(clock.instant(), limit)) {
      EventTable table = EventTable.of(compiled.logType());
      for (Map<String, Object> row : store.query(compiled.sql(), compiled.params())) {
        hits.add(hit(table, row));
      }
    }
    hits.sort(Comparator.comparingLong(SearchHit::ts).reversed());
    return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
  }

  /**
   * The {@code limit} most frequent values of {@code field} among the records matching {@code query}, most frequent
   * first, with how many records hold each (counted over every log type that has the field).
   */
  public List<FieldCount> countBy(SearchQuery query, String field, int limit) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (CompiledQuery compiled : query.compileCount(clock.instant(), field, limit)) {
      for (Map<String, Object> row : store.query(compiled.sql(), compiled.params())) {
        counts.merge(String.valueOf(row.get("value")), ((Number) row.get("records")).longValue(), Long::sum);
      }
    }
    return counts.entrySet().stream()
        .map(entry -> new FieldCount(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparingLong(FieldCount::records).reversed().thenComparing(FieldCount::value))
        .limit(limit)
        .toList();
  }

  /**
   * One value of a field and the records holding it.
   *
   * @param value the value as text ({@code "null"} for records without it)
   * @param records how many matching records hold it
   */
  public record FieldCount(String value, long records) {}

  private static SearchHit hit(EventTable table, Map<String, Object> row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    long ts = Event.NO_TIME;
    for (EventColumn column : table.columns()) {
      Object value = row.get(column.field());
      if (column.kind() == ColumnKind.TIME && value != null) {
        long micros = ((Number) value).longValue();
        if (column.name().equals("ts")) {
          ts = micros;
        }
        value = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
      }
      fields.put(column.field(), value);
    }
    return new SearchHit(table.logType(), ts, fields);
  }
}
