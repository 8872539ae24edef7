package org.lanternfish.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.LogType;

final class SearchQueryTest {
  private static final Instant NOW = Instant.parse("2024-01-02T00:00:00Z");

  private static List<CompiledQuery> compile(String query) {
    return SearchQuery.parse(query).compile(NOW, 100);
  }

  private static SearchSyntaxException syntaxError(String query) {
    try {
      compile(query);
    } catch (SearchSyntaxException e) {
      return e;
    }
    throw new AssertionError("no syntax error for: " + query);
  }

  @Test
  void compile_typeFilter_queriesOnlyThatTable() {
    assertThat(compile("type:conn AND id.resp_p:445")).extracting(CompiledQuery::logType)
        .containsExactly(LogType.CONN);
    assertThat(compile("type:smb*")).extracting(CompiledQuery::logType)
        .containsExactly(LogType.SMB_FILES, LogType.SMB_MAPPING);
    assertThat(compile("NOT type:conn")).hasSize(LogType.values().length - 1);
  }

  @Test
  void compile_withoutType_queriesTheLogsThatHaveTheField() {
    assertThat(compile("query:example.com")).extracting(CompiledQuery::logType).containsExactly(LogType.DNS);
    assertThat(compile("user_agent:curl*")).extracting(CompiledQuery::logType).containsExactly(LogType.HTTP);
    assertThat(compile("dns.query:x")).extracting(CompiledQuery::logType).containsExactly(LogType.DNS);
    assertThat(compile("port:445")).extracting(CompiledQuery::logType)
        .contains(LogType.CONN, LogType.SMB_FILES, LogType.DNS).doesNotContain(LogType.DHCP, LogType.X509);
    assertThat(compile("orig_bytes>5 OR query:x")).extracting(CompiledQuery::logType)
        .containsExactly(LogType.CONN, LogType.DNS);
  }

  @Test
  void compile_maliciousValue_isOnlyAParameter() {
    List<CompiledQuery> queries = compile("query:\"x' OR 1=1 --\" AND qtype_name=\"TXT'; DROP TABLE dns; --\"");
    assertThat(queries).hasSize(1);
    CompiledQuery query = queries.getFirst();
    assertThat(query.sql()).doesNotContain("1=1", "DROP", "'x").contains("query ILIKE ?", "qtype_name = ?");
    assertThat(query.params()).containsExactly("x' OR 1=1 --", "TXT'; DROP TABLE dns; --", 100);
  }

  @Test
  void compile_wildcards_becomeEscapedLikePatterns() {
    CompiledQuery query = compile("host:evil_site*.ex?mple100%").getFirst();
    assertThat(query.params()).first().isEqualTo("evil\\_site%.ex_mple100\\%");
    assertThat(compile("host:\"a*b?\"").getFirst().params()).first().isEqualTo("a*b?");
  }

  @Test
  void compile_wildcardWithNothingToEscape_leavesOutTheSlowerEscapeClause() {
    assertThat(compile("query:*.microsoftonline.com").getFirst().sql()).contains("query ILIKE ?")
        .doesNotContain("ESCAPE");
    assertThat(compile("host:evil_site*").getFirst().sql()).contains("host ILIKE ? ESCAPE");
  }

  @Test
  void parse_unknownField_pointsAtItWithASuggestion() {
    SearchSyntaxException e = syntaxError("type:conn orig_hh:10.0.0.1");
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.getMessage()).isEqualTo("""
        unknown field 'orig_hh' at column 11 (did you mean id.orig_h?)
          type:conn orig_hh:10.0.0.1
                    ^""");
  }

  @Test
  void parse_badInput_namesTheProblemAndColumn() {
    assertThat(syntaxError("(type:conn OR type:dns").problem()).isEqualTo("'(' is never closed at column 1");
    assertThat(syntaxError("type:conn)").problem()).isEqualTo("unexpected ')' at column 10");
    assertThat(syntaxError("AND query:x").problem()).isEqualTo("'AND' needs a condition on its left at column 1");
    assertThat(syntaxError("type:conn query").problem())
        .isEqualTo("'query' needs a comparison such as query:value at column 11");
    assertThat(syntaxError("query:\"abc").problem()).isEqualTo("the quoted value is never closed at column 7");
    assertThat(syntaxError("last 5x").problem())
        .isEqualTo("'last' needs a duration such as 30m, 24h or 7d, not '5x' at column 6");
    assertThat(syntaxError("orig_bytes>lots").problem())
        .isEqualTo("'lots' is not a number (orig_bytes is numeric) at column 12");
    assertThat(syntaxError("ts>yesterday").column()).isEqualTo(4);
    assertThat(syntaxError("id.orig_h:10.0.0.0/33").problem()).startsWith("'10.0.0.0/33' is not an IP address");
    assertThat(syntaxError("user_agent>5").problem()).startsWith("'>' compares numbers and times");
    assertThat(syntaxError("type:fish").problem()).startsWith("unknown log type 'fish' at column 6");
    assertThat(syntaxError("local_orig:maybe").problem()).startsWith("local_orig is true or false");
    assertThat(syntaxError("query:").problem()).isEqualTo("'query:' needs a value at column 7");
    assertThat(syntaxError("   ").problem()).startsWith("empty query");
  }

  @Test
  void compile_lastDuration_countsBackFromNow() {
    CompiledQuery query = compile("type:conn last 24h").getFirst();
    assertThat(query.sql()).contains("ts >= make_timestamp(?)");
    assertThat(query.params()).containsExactly(1_704_153_600_000_000L - 86_400_000_000L, 100);
  }
}
