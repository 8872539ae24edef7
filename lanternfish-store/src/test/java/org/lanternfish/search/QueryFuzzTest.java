package org.lanternfish.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the Advanced Search parser and compiler: 10,000 generated queries, from the language's
 * own tokens (fields, operators, keywords, brackets, durations, times, CIDR blocks, wildcards) with values at and past
 * their limits, and with bytes inserted or dropped. The property: a query compiles, or fails with a {@link
 * SearchSyntaxException} whose column lies in the query and whose message stays short; nothing else escapes.
 */
final class QueryFuzzTest {
  private static final int CASES = 10_000;
  private static final Instant NOW = Instant.parse("2024-01-02T00:00:00Z");
  private static final String[] FIELDS = {"type", "id.orig_h", "id.resp_p", "src", "dst", "port", "query",
      "orig_bytes", "duration", "ts", "local_orig", "answers", "TTLs", "service", "user_agent", "host", "nosuch",
      "mitre_techniques", ""};
  private static final String[] OPERATORS = {":", "=", "!=", ">", ">=", "<", "<=", "", "=>", "!"};
  private static final String[] VALUES = {"conn", "dns", "10.0.0.0/8", "2001:db8::/32", "10.0.0.0/33", "::/0",
      "445", "-1", "99999999999999999999", "1e308", "NaN", "*.example.com", "%", "_", "a_b%", "?", "\"quoted\\\"\"",
      "\"", "T", "maybe", "2024-01-01", "2024-01-01T00:00", "+1000000000-01-01T00:00", "99999999999999999",
      "1700000000.5", "", "x".repeat(200), "\u00e9", "\ud83d\udc1f", "(", ")"};
  private static final String[] JOINERS = {" AND ", " OR ", " ", " AND NOT ", " NOT ", " (", ") ", "((", "))",
      " last 24h ", " last 9999999999d ", " last 0s ", " last ", " last 5x "};

  @Test
  void anyQuery_compilesOrIsASyntaxErrorAtAColumnOfIt() {
    for (int n = 0; n < CASES; n++) {
      SplittableRandom random = new SplittableRandom(n);
      String query = query(random);
      try {
        SearchQuery.parse(query).compile(NOW, 100);
      } catch (SearchSyntaxException expected) {
        assertThat(expected.column()).as("case %d: %s", n, query).isBetween(1, query.length() + 1);
        assertThat(expected.getMessage().length()).as("case %d: %s", n, query).isLessThan(600);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("case " + n + " threw on: " + query, e);
      }
    }
  }

  private static String query(SplittableRandom random) {
    StringBuilder query = new StringBuilder();
    int terms = 1 + random.nextInt(random.nextInt(50) == 0 ? 400 : 6);
    for (int i = 0; i < terms; i++) {
      if (i > 0 || random.nextInt(5) == 0) {
        query.append(pick(JOINERS, random));
      }
      query.append(pick(FIELDS, random)).append(pick(OPERATORS, random)).append(pick(VALUES, random));
    }
    for (int m = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; m > 0 && !query.isEmpty(); m--) {
      int at = random.nextInt(query.length());
      if (random.nextBoolean()) {
        query.deleteCharAt(at);
      } else {
        query.insert(at, (char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return query.toString();
  }

  private static String pick(String[] choices, SplittableRandom random) {
    return choices[random.nextInt(choices.length)];
  }
}
