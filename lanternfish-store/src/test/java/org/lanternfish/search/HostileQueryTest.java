package org.lanternfish.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.store.DuckDbEventStore;

/** Queries a hostile or careless user types: each is a syntax error with its token, never a crash or a flood. */
final class HostileQueryTest {
  private static final Instant NOW = Instant.parse("2024-01-02T00:00:00Z");

  @TempDir Path directory;

  private static SearchSyntaxException syntaxError(String query) {
    Throwable thrown = catchThrowable(() -> SearchQuery.parse(query).compile(NOW, 100));
    assertThat(thrown).as(query.length() > 60 ? query.substring(0, 60) + "..." : query)
        .isInstanceOf(SearchSyntaxException.class);
    return (SearchSyntaxException) thrown;
  }

  @Test
  void deepNesting_isASyntaxError_notAStackOverflow() {
    assertThat(syntaxError("(".repeat(3_000) + "type:conn" + ")".repeat(3_000)).problem())
        .contains("nested deeper than");
    assertThat(syntaxError("NOT ".repeat(30_000) + "type:conn").problem()).contains("nested deeper than");
    // Nesting a person writes still parses.
    SearchQuery.parse("(".repeat(20) + "NOT NOT type:conn" + ")".repeat(20)).compile(NOW, 100);
  }

  @Test
  void hugeDurationsAndTimes_areSyntaxErrorsPointingAtTheirToken() {
    for (String query : List.of("last 9999999999d", "last 99999999999999d", "last 99999999999999999999s")) {
      SearchSyntaxException e = syntaxError(query);
      assertThat(e.column()).as(query).isEqualTo(6);
      assertThat(e.problem()).as(query).contains("too long");
    }
    SearchSyntaxException time = syntaxError("type:conn ts>99999999999999999");
    assertThat(time.column()).isEqualTo(14);
    assertThat(time.problem()).contains("99999999999999999");
    assertThat(syntaxError("ts>+1000000000-01-01T00:00").problem()).contains("not a time");
  }

  @Test
  void longQuery_isAnsweredWithAShortMessage() {
    SearchSyntaxException e = syntaxError("type:conn AND " + "x".repeat(100_000) + " AND AND");
    assertThat(e.getMessage().length()).isLessThan(1_000);
    assertThat(e.getMessage()).contains("^");
  }

  @Test
  void percentAndUnderscore_matchThemselves_notAnything() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(List.of(dns("d1", "www.example.com"), dns("d2", "100%.example"), dns("d3", "a_b.example"),
          dns("d4", "axb.example")));
      AdvancedSearch search = new AdvancedSearch(store, Clock.fixed(NOW, ZoneOffset.UTC));
      assertThat(uids(search, "query:%")).isEmpty();
      assertThat(uids(search, "query:*%*")).containsExactly("d2");
      assertThat(uids(search, "query:a_b.example")).containsExactly("d3");
      assertThat(uids(search, "query:a_b*")).containsExactly("d3");
    }
  }

  private static List<String> uids(AdvancedSearch search, String query) {
    return search.search(query, 100).stream().map(hit -> (String) hit.fields().get("uid")).sorted().toList();
  }

  private static DnsEvent dns(String uid, String query) {
    return new DnsEvent(1_704_067_200_000_000L, uid, new FlowId("10.0.0.5", 5353, "10.0.0.53", 53), "udp", 1,
        Double.NaN, query, 16, "TXT", 0, "NOERROR", false, true, true, List.of("1.2.3.4"), List.of(60.0), false);
  }
}
