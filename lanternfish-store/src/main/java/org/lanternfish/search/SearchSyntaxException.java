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
  private final String problem;
  private final int column;

  /** Creates the exception for {@code problem} found at 1-based {@code column} of {@code query}. */
  public SearchSyntaxException(String problem, String query, int column) {
    super(problem + "\n  " + query + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^");
    this.problem = problem;
    this.column = column;
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
