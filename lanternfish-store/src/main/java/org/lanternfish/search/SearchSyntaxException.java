package org.lanternfish.search;

/**
 * An Advanced Search query that cannot be run, with the position of the offending token and a caret under it.
 *
 * <p>The message reads, for example:
 *
 * <pre>
 * unknown field 'orig_hh' at column 11 (did you mean id.orig_h?)
 *   type:conn orig_hh:10.0.0.1
 *             ^
 * </pre>
 */
public final class SearchSyntaxException extends IllegalArgumentException {
  /** Characters of the query shown on each side of the caret. */
  private static final int CONTEXT = 60;

  private final String problem;
  private final int column;

  /** Creates the exception for {@code problem} found at 1-based {@code column} of {@code query}. */
  public SearchSyntaxException(String problem, String query, int column) {
    super(problem + excerpt(query, column));
    this.problem = problem;
    this.column = column;
  }

  /** A token as a problem quotes it, cut to a readable length: a 100,000-character field is not echoed whole. */
  static String token(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /** The query under the problem with a caret at the column; a long query shows only the part around it. */
  private static String excerpt(String query, int column) {
    int at = Math.max(0, Math.min(column - 1, query.length()));
    int from = Math.max(0, at - CONTEXT);
    int to = Math.min(query.length(), at + CONTEXT);
    String before = from > 0 ? "..." : "";
    String shown = before + query.substring(from, to) + (to < query.length() ? "..." : "");
    return "\n  " + shown + "\n  " + " ".repeat(before.length() + at - from) + "^";
  }

  /** The problem without the query and caret lines. */
  public String problem() {
    return problem;
  }

  /** The 1-based column of the offending token. */
  public int column() {
    return column;
  }
}
