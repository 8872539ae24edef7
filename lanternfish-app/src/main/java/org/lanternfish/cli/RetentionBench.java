package org.lanternfish.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * Retention for {@code bench ingest --retention-month}: a copy of the store holding one ingested day lives through a
 * month of days (each a copy of the day before, moved a day on), with retention enforced after each as {@code ingest
 * --retention} does; after each day it records the records kept, the database file's size and the latency of a
 * CIDR + time-range search and a count by field, which should stay flat once the first retention period has passed.
 */
final class RetentionBench {
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final int RUNS = 5;

  private RetentionBench() {}

  /** Runs {@code days} days with {@code retentionDays} of retention on a copy of the one-day store in {@code day}. */
  static Map<String, Object> run(Path day, Path scratch, int days, int retentionDays) throws IOException {
    Files.createDirectories(scratch);
    Files.copy(day.resolve(DuckDbEventStore.DATABASE_FILE), scratch.resolve(DuckDbEventStore.DATABASE_FILE));
    List<Map<String, Object>> perDay = new ArrayList<>();
    try (DuckDbEventStore store = DuckDbEventStore.open(scratch)) {
      long first = ((Number) store.query("SELECT epoch_us(min(ts)) AS first FROM conn", List.of()).getFirst()
          .get("first")).longValue();
      long dayStart = Math.floorDiv(first, DAY_MICROS) * DAY_MICROS;
      String address = (String) store.query("SELECT " + AddressKey.textSql("orig_h_hi", "orig_h_lo") + " AS orig_h"
          + " FROM conn GROUP BY orig_h_hi, orig_h_lo HAVING contains(orig_h, '.') ORDER BY count(*) DESC LIMIT 1",
          List.of()).getFirst().get("orig_h");
      String cidr = address.substring(0, address.lastIndexOf('.')) + ".0/24";
      SearchQuery smb = SearchQuery.parse("type:conn AND id.resp_p:445");
      AdvancedSearch search = new AdvancedSearch(store, Clock.systemUTC());
      System.err.printf("Living through %d days with %d days of retention ...%n", days, retentionDays);
      for (int d = 1; d <= days; d++) {
        long start = dayStart + d * DAY_MICROS;
        store.copyEvents(start - DAY_MICROS, start, DAY_MICROS);
        Instant end = Instant.EPOCH.plus(start + DAY_MICROS - 1, ChronoUnit.MICROS);
        store.enforceRetention(Duration.ofDays(retentionDays), end);
        Instant from = Instant.EPOCH.plus(start, ChronoUnit.MICROS);
        String cidrQuery = "id.orig_h:" + cidr + " AND ts>=" + from + " AND ts<" + from.plus(1, ChronoUnit.DAYS);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("day", d + 1);
        figures.put("records", store.stats().rows().values().stream().mapToLong(Long::longValue).sum());
        figures.put("fileBytes", Output.size(scratch.resolve(DuckDbEventStore.DATABASE_FILE))
            + Output.size(scratch.resolve(DuckDbEventStore.DATABASE_FILE + ".wal")));
        figures.put("cidrMillis", medianMillis(() -> search.search(cidrQuery, 100).size()));
        figures.put("countByMillis", medianMillis(() -> search.countBy(smb, "id.orig_h", 100).size()));
        perDay.add(figures);
        System.err.printf("  day %d: %,d records, %,d bytes%n", d + 1, figures.get("records"), figures.get("fileBytes"));
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("retentionDays", retentionDays);
    figures.put("days", perDay);
    return figures;
  }

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> figures) {
    StringBuilder out = new StringBuilder(String.format("A month with %d days of retention (median of %d runs of"
        + " each search):%n  day      records   file MiB   CIDR + time ms   count by ms%n", figures.get("retentionDays"),
        RUNS));
    for (Map<String, Object> day : (List<Map<String, Object>>) figures.get("days")) {
      out.append(String.format("  %3d %,12d %10.1f %16.0f %13.0f%n", day.get("day"), day.get("records"),
          (long) day.get("fileBytes") / 1048576.0, day.get("cidrMillis"), day.get("countByMillis")));
    }
    return out.toString();
  }

  private static double medianMillis(SearchBench.Search work) {
    work.run();
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      work.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(millis);
    return millis[RUNS / 2];
  }
}
