package org.lanternfish.web.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.search.AdvancedSearch;
import org.lanternfish.search.SearchHit;
import org.lanternfish.web.BadRequest;
import org.lanternfish.web.BreachView;
import org.lanternfish.web.WebJson;
import org.lanternfish.web.security.Role;

/** {@code /api/v1/search}: Advanced Search over the stored events, with a time histogram, and its export. */
public final class SearchApi {
  /** The most records one search answers with. */
  public static final int MAX_LIMIT = 10_000;
  private static final int MAX_QUERY = 2_000;

  private final AdvancedSearch search;

  /** The search API over {@code search}. */
  public SearchApi(AdvancedSearch search) {
    this.search = search;
  }

  /** Adds the routes to {@code app}. */
  public void register(Javalin app) {
    app.get("/api/v1/search", ctx -> ctx.json(run(query(ctx), Params.integer(ctx, "limit", 100, 1, MAX_LIMIT))),
        Role.VIEWER);
    app.get("/api/v1/search/export", this::export, Role.VIEWER);
  }

  /** Runs {@code query} for at most {@code limit} records, newest first. */
  public Result run(String query, int limit) {
    List<Hit> hits = search.search(query, limit).stream().map(Hit::of).toList();
    return new Result(query, hits.size(), hits, histogram(hits));
  }

  /** The request's query, which must be given. */
  public static String query(Context ctx) {
    String query = Params.text(ctx, "q", MAX_QUERY);
    if (query == null || query.isBlank()) {
      throw new BadRequest("q (the Advanced Search query) is required");
    }
    return query;
  }

  private void export(Context ctx) throws IOException {
    String format = ctx.queryParamAsClass("format", String.class).getOrDefault("csv");
    if (!format.equals("csv") && !format.equals("json")) {
      throw new BadRequest("format must be csv or json");
    }
    Result result = run(query(ctx), Params.integer(ctx, "limit", MAX_LIMIT, 1, MAX_LIMIT));
    ctx.header("Content-Disposition", "attachment; filename=\"lanternfish-search." + format + "\"");
    if (format.equals("json")) {
      ctx.contentType("application/json");
      ctx.result(WebJson.MAPPER.writeValueAsBytes(result.items()));
      return;
    }
    ctx.contentType("text/csv; charset=utf-8");
    Set<String> columns = new LinkedHashSet<>(List.of("type", "ts"));
    result.items().forEach(hit -> columns.addAll(hit.fields().keySet()));
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", columns.stream().map(SearchApi::csvCell).toList())).append("\r\n");
    for (Hit hit : result.items()) {
      List<String> cells = new ArrayList<>();
      for (String column : columns) {
        Object value = switch (column) {
          case "type" -> hit.type();
          case "ts" -> hit.ts();
          default -> hit.fields().get(column);
        };
        cells.add(csvCell(value == null ? "" : value instanceof List<?> list
            ? String.join(";", list.stream().map(String::valueOf).toList()) : value.toString()));
      }
      csv.append(String.join(",", cells)).append("\r\n");
    }
    ctx.result(csv.toString());
  }

  /** Quotes a cell that needs it, and defuses a leading formula character so a spreadsheet shows it as text. */
  static String csvCell(String value) {
    String cell = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
        ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }

  private static List<Bucket> histogram(List<Hit> hits) {
    if (hits.isEmpty()) {
      return List.of();
    }
    long first = hits.get(hits.size() - 1).ts().getEpochSecond();
    long last = hits.get(0).ts().getEpochSecond();
    // About 40 buckets of a round width, so the bars read as minutes, hours or days.
    long width = 60;
    for (long candidate : new long[] {60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400}) {
      width = candidate;
      if ((last - first) / candidate <= 40) {
        break;
      }
    }
    TreeMap<Long, Integer> counts = new TreeMap<>();
    for (Hit hit : hits) {
      counts.merge(Math.floorDiv(hit.ts().getEpochSecond(), width) * width, 1, Integer::sum);
    }
    List<Bucket> buckets = new ArrayList<>();
    counts.forEach((start, count) -> buckets.add(new Bucket(Instant.ofEpochSecond(start), count)));
    return buckets;
  }

  /**
   * A search's answer.
   *
   * @param query the query as given
   * @param count how many records came back
   * @param items the records, newest first
   * @param histogram records per time bucket, oldest first
   */
  public record Result(String query, int count, List<Hit> items, List<Bucket> histogram) {}

  /**
   * One record.
   *
   * @param type its log type, such as conn
   * @param ts its event time
   * @param fields every field by Zeek name
   */
  public record Hit(String type, Instant ts, Map<String, Object> fields) {
    static Hit of(SearchHit hit) {
      Map<String, Object> fields = new LinkedHashMap<>();
      hit.fields().forEach((name, value) -> fields.put(name, value instanceof Double d && !Double.isFinite(d)
          ? null : value));
      return new Hit(hit.logType().logName(), BreachView.instant(hit.ts()), fields);
    }
  }

  /**
   * One bar of the time histogram.
   *
   * @param start the bucket's start
   * @param count records in it
   */
  public record Bucket(Instant start, int count) {}
}
