package org.lanternfish.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lanternfish.search.AdvancedSearch;
import org.lanternfish.search.SearchQuery;
import org.lanternfish.store.AddressKey;
import org.lanternfish.store.DuckDbEventStore;

/**
 * Advanced Search latency for {@code bench ingest}: grows a store holding one ingested day by copies of that day
 * (DuckDB copies rows far faster than they can be parsed) and times the three query shapes analysts use most: a CIDR
 * block within a time range, a wildcard domain, and a count by field.
 */
final class SearchBench {
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final int WARM_UP = 2;
  private static final int RUNS = 20;
  private static final int LIMIT = 100;

  private SearchBench() {}

  /** Grows the store in {@code storeDir} to at least {@code target} records and times the searches on it. */
  static Map<String, Object> run(Path storeDir, long target) {
    Map<String, Object> figures = new LinkedHashMap<>();
    try (DuckDbEventStore store = DuckDbEventStore.open(storeDir)) {
      Map<String, Object> span = store.query(
          "SELECT epoch_us(min(ts)) AS first, epoch_us(max(ts)) AS last FROM conn", List.of()).getFirst();
      long dayStart = Math.floorDiv(((Number) span.get("first")).longValue(), DAY_MICROS) * DAY_MICROS;
      long days = Math.floorDiv(((Number) span.get("last")).longValue() - dayStart, DAY_MICROS) + 1;
      String address = (String) store.query("SELECT " + AddressKey.textSql("orig_h_hi", "orig_h_lo") + " AS orig_h"
          + " FROM conn GROUP BY orig_h_hi, orig_h_lo HAVING contains(orig_h, '.') ORDER BY count(*) DESC LIMIT 1",
          List.of()).getFirst().get("orig_h");
      String domain = (String) store.query("SELECT query FROM dns WHERE query LIKE '%.%.%' GROUP BY 1"
          + " ORDER BY count(*) DESC LIMIT 1", List.of()).getFirst().get("query");

      long records = rows(store);
      long copies = 0;
      long start = System.nanoTime();
      System.err.printf("Growing the store from %,d records to at least %,d by copies of the day ...%n", records,
          target);
      while (records < target) {
        copies++;
        records += store.copyEvents(dayStart, dayStart + days * DAY_MICROS, copies * days * DAY_MICROS);
      }
      double growSeconds = (System.nanoTime() - start) / 1e9;
      long totalDays = (copies + 1) * days;
      figures.put("records", records);
      figures.put("days", totalDays);
      figures.put("growSeconds", growSeconds);

      // A day in the middle of the stored span, and the /24 of the busiest client.
      Instant from = Instant.EPOCH.plus(dayStart + totalDays / 2 * DAY_MICROS, ChronoUnit.MICROS);
      String cidr = address.substring(0, address.lastIndexOf('.')) + ".0/24";
      String suffix = domain.substring(domain.indexOf('.') + 1);
      AdvancedSearch search = new AdvancedSearch(store, Clock.systemUTC());
      List<Map<String, Object>> queries = new ArrayList<>();
      String cidrQuery = "id.orig_h:" + cidr + " AND ts>=" + minutes(from) + " AND ts<" + minutes(from.plus(1,
          ChronoUnit.DAYS));
      queries.add(time("CIDR + time range", cidrQuery, () -> search.search(cidrQuery, LIMIT).size()));
      String domainQuery = "query:*." + suffix;
      queries.add(time("wildcard domain", domainQuery, () -> search.search(domainQuery, LIMIT).size()));
      SearchQuery smb = SearchQuery.parse("type:conn AND id.resp_p:445");
      queries.add(time("count by field", smb.text() + " --count-by id.orig_h",
          () -> search.countBy(smb, "id.orig_h", LIMIT).size()));
      figures.put("queries", queries);
    }
    figures.put("storeBytesPerRecord",
        (double) Output.size(storeDir.resolve(DuckDbEventStore.DATABASE_FILE)) / (long) figures.get("records"));
    return figures;
  }

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> figures) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Advanced Search on %,d records (%d days, grown in %.0f s; %.1f bytes per record),"
        + " %d runs each after %d warm-up:%n", figures.get("records"), figures.get("days"), figures.get("growSeconds"),
        figures.get("storeBytesPerRecord"), RUNS, WARM_UP));
    for (Map<String, Object> query : (List<Map<String, Object>>) figures.get("queries")) {
      out.append(String.format("  %-18s p50 %7.0f ms  p95 %7.0f ms  (%d results)  %s%n", query.get("shape"),
          query.get("p50Millis"), query.get("p95Millis"), query.get("results"), query.get("query")));
    }
    return out.toString();
  }

  private static Map<String, Object> time(String shape, String query, Search work) {
    int results = 0;
    for (int i = 0; i < WARM_UP; i++) {
      results = work.run();
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      work.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(millis);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("shape", shape);
    figures.put("query", query);
    figures.put("results", results);
    figures.put("p50Millis", millis[RUNS / 2]);
    figures.put("p95Millis", millis[(int) Math.ceil(RUNS * 0.95) - 1]);
    return figures;
  }

  private static long rows(DuckDbEventStore store) {
    return store.stats().rows().values().stream().mapToLong(Long::longValue).sum();
  }

  private static String minutes(Instant time) {
    return time.truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "").replace("Z", "");
  }

  @FunctionalInterface
  interface Search {
    int run();
  }
}
