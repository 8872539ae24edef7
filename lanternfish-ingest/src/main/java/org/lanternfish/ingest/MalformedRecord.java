package org.lanternfish.ingest;

/** Thrown inside the parsers when one record is bad; caught per line, counted, and never escapes the reader. */
final class MalformedRecord extends RuntimeException {
  private final Malformation kind;

  MalformedRecord(Malformation kind, String reason) {
    // Stack traces are never shown for bad input, and filling them in would cost more than the parse.
    super(reason, null, false, false);
    this.kind = kind;
  }

  Malformation kind() {
    return kind;
  }
}
