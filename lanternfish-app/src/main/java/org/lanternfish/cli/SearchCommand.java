package org.lanternfish.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.search.AdvancedSearch;
import org.lanternfish.search.SearchHit;
import org.lanternfish.search.SearchQuery;
import org.lanternfish.search.SearchSyntaxException;
import org.lanternfish.store.DuckDbEventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lanternfish search}: Advanced Search over the stored events. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search stored events with the Advanced Search language, newest first.",
    footer = {
      "%nExamples:",
      "  lanternfish search 'type:conn AND id.resp_p:445 AND NOT id.orig_h:10.0.0.0/8'",
      "  lanternfish search 'query:*.chtq.net AND qtype_name:TXT'",
      "  lanternfish search 'service:ssl OR service:http' --limit 20",
      "  lanternfish search 'orig_bytes>1000000 AND last 24h'",
      "  lanternfish search 'type:conn AND id.resp_p:445' --count-by id.orig_h"
    })
final class SearchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, quoted as one argument.")
  String query;

  @Option(names = "--limit", defaultValue = "50", description = "Most hits to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--count-by", paramLabel = "FIELD", description = "Instead of hits, the most frequent values of"
      + " FIELD among the matching records with their counts (at most --limit values).")
  String countBy;

  @Option(names = "--json", description = "Print hits as JSON.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() {
    CommandFailure.requireWithin("--limit", limit, 1, 1_000_000);
    if (countBy != null) {
      return count();
    }
    List<SearchHit> hits;
    try (DuckDbEventStore store = data.openForReading()) {
      hits = new AdvancedSearch(store, Clock.systemUTC()).search(query, limit);
    } catch (SearchSyntaxException bad) {
      throw new CommandFailure(ExitCode.USAGE, bad.getMessage(), bad);
    }
    if (json) {
      System.out.println(Output.json(hits.stream().map(SearchCommand::asMap).toList()));
      return ExitCode.OK;
    }
    for (SearchHit hit : hits) {
      StringBuilder line = new StringBuilder();
      line.append(Output.isoTime(hit.ts())).append("  ").append(String.format("%-11s", hit.logType().logName()));
      hit.fields().forEach((field, value) -> {
        if (value != null && !field.equals("ts")) {
          line.append(' ').append(field).append('=').append(value);
        }
      });
      System.out.println(line);
    }
    System.out.printf("%d hit%s%n", hits.size(), hits.size() == 1 ? "" : "s");
    return ExitCode.OK;
  }

  private int count() {
    List<AdvancedSearch.FieldCount> counts;
    try (DuckDbEventStore store = data.openForReading()) {
      counts = new AdvancedSearch(store, Clock.systemUTC()).countBy(SearchQuery.parse(query), countBy, limit);
    } catch (SearchSyntaxException bad) {
      throw new CommandFailure(ExitCode.USAGE, bad.getMessage(), bad);
    }
    if (json) {
      System.out.println(Output.json(counts));
      return ExitCode.OK;
    }
    counts.forEach(count -> System.out.printf("%,12d  %s%n", count.records(), count.value()));
    System.out.printf("%d value%s%n", counts.size(), counts.size() == 1 ? "" : "s");
    return ExitCode.OK;
  }

  private static Map<String, Object> asMap(SearchHit hit) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", hit.logType().logName());
    map.put("ts", Output.isoTime(hit.ts()));
    // Times other than ts (an X.509 validity, a Defender alert's activity) come as Instants, which JSON writes as text.
    hit.fields().forEach((field, value) -> map.put(field, value instanceof Instant time ? time.toString() : value));
    map.put("ts", Output.isoTime(hit.ts()));
    return map;
  }
}
