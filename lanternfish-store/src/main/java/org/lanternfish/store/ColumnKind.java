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
  /** An IP address in text, plus its {@link AddressKey} in two hidden BIGINT columns for CIDR ranges. */
  ADDRESS("VARCHAR"),
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

  /** The DuckDB type of the stored column. */
  public String sqlType() {
    return sqlType;
  }

  /** Whether values of this kind compare as numbers. */
  public boolean numeric() {
    return this == COUNT || this == PORT || this == INTERVAL;
  }
}
