package org.lanternfish.store;

/** How a record component is stored in DuckDB and compared in searches. */
public enum ColumnKind {
  /** Event time in microseconds, stored as TIMESTAMP; {@code Event.NO_TIME} becomes NULL. */
  TIME("TIMESTAMP"),
  /** A count or size, stored as BIGINT; {@code Event.UNSET} becomes NULL. */
  COUNT("BIGINT"),
  /** A port, stored as INTEGER; {@code Event.UNSET} becomes NULL. */
  PORT("INTEGER"),
  /** An interval in seconds, stored as DOUBLE; NaN becomes NULL. */
  INTERVAL("DOUBLE"),
  /** Free text. */
  TEXT("VARCHAR"),
  /** An IP address, stored only as its {@link AddressKey} in two BIGINT columns and shown as text. */
  ADDRESS("BIGINT"),
  /** A Zeek bool. */
  FLAG("BOOLEAN"),
  /** A Zeek set or vector of strings. */
  TEXT_LIST("VARCHAR[]"),
  /** A Zeek vector of intervals, such as DNS TTLs. */
  NUMBER_LIST("DOUBLE[]");

  private final String sqlType;

  ColumnKind(String sqlType) {
    this.sqlType = sqlType;
  }

  /** The DuckDB type of the stored column (of each of the two key columns of an ADDRESS). */
  public String sqlType() {
    return sqlType;
  }

  /** Whether values of this kind compare as numbers. */
  public boolean numeric() {
    return this == COUNT || this == PORT || this == INTERVAL;
  }
}
