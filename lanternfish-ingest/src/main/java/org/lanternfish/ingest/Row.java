package org.lanternfish.ingest;

import java.util.List;

/**
 * One record being read, with its values addressed by the index of a field in a {@link ZeekSchema}. A TSV line and
 * a JSON object both look like this, so each log type is mapped to its event once.
 *
 * <p>Accessors return the unset value of their kind (null, {@code UNSET}, NaN, {@code NO_TIME}) for fields the
 * record lacks, and throw {@link MalformedRecord} for values that do not parse.
 */
interface Row {
  /** True when the record has the field and it is not unset. */
  boolean present(int field);

  /** A time in epoch microseconds, or {@code Event.NO_TIME}. */
  long time(int field);

  /** A string with escapes decoded, or null. */
  String text(int field);

  /** A short string that repeats across records (protocol, state), shared between records, or null. */
  String symbol(int field);

  /** An IP address in canonical text, or null. */
  String addr(int field);

  /** A count or integer, or {@code Event.UNSET}. */
  long count(int field);

  /** A port number, or {@code Event.UNSET}. */
  int port(int field);

  /** An interval in seconds, or NaN. */
  double interval(int field);

  /** A boolean, or null. */
  Boolean bool(int field);

  /** A set or vector of strings, or null; an empty set is an empty list. */
  List<String> texts(int field);

  /** A set of IP addresses in canonical text, or null; an empty set is an empty list. */
  List<String> addrs(int field);

  /**
   * A set or vector of names and addresses, such as DNS answers, or null: the addresses canonical and shared as
   * {@link #addr} gives them, anything else as text.
   */
  List<String> namesOrAddrs(int field);

  /** A vector of intervals in seconds, or null. */
  List<Double> intervals(int field);
}
