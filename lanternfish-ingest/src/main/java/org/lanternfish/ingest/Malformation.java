package org.lanternfish.ingest;

/** The classes of bad input a reader counts instead of stopping; each names what was wrong with a line or header. */
public enum Malformation {
  /** A Zeek TSV line whose column count differs from its {@code #fields} header. */
  WRONG_COLUMN_COUNT,
  /** A number, time, port, boolean or address that does not parse, or is out of range. */
  BAD_NUMBER,
  /** A backslash escape other than {@code \xHH} or {@code \\}. */
  BAD_ESCAPE,
  /** The last line of a file, cut off without a newline, that does not parse. */
  TRUNCATED_LINE,
  /** A line holding NUL or other bytes that never occur in a text log. */
  BINARY_GARBAGE,
  /** A line longer than the reader's cap; it is skipped up to the next newline. */
  OVERLONG_LINE,
  /** A {@code #types} header whose count differs from {@code #fields}, or an unknown type for a field Lanternfish reads. */
  BAD_TYPES_HEADER,
  /** A JSON line that does not parse, is not an object, or lacks the fields every record needs. */
  BAD_JSON,
  /** A record whose time lies outside the accepted {@link TimeWindow} (before 1990, in the future, negative). */
  TIME_OUT_OF_RANGE
}
