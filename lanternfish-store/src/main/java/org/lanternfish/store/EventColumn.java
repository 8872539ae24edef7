package org.lanternfish.store;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.lanternfish.event.Event;

/**
 * One stored column of an event table: its SQL name, the Zeek field names an analyst types, and how to read it from
 * a record.
 *
 * @param name the SQL column name, such as {@code orig_h}
 * @param fields the field names accepted in searches, Zeek's name first, such as {@code id.orig_h}
 * @param kind how the value is stored and compared
 * @param asLong reads TIME, COUNT and PORT values
 * @param asDouble reads INTERVAL values
 * @param asObject reads TEXT, ADDRESS, FLAG and list values
 */
public record EventColumn(
    String name,
    List<String> fields,
    ColumnKind kind,
    ToLongFunction<Event> asLong,
    ToDoubleFunction<Event> asDouble,
    Function<Event, Object> asObject) {

  /** The Zeek name of the field, such as {@code id.orig_h}. */
  public String field() {
    return fields.getFirst();
  }

  /**
   * The SQL expression that reads the column as analysts see it: a time in epoch microseconds, an address as its
   * text, anything else as stored.
   */
  public String valueSql() {
    return switch (kind) {
      case TIME -> "epoch_us(" + name + ")";
      case ADDRESS -> AddressKey.textSql(highName(), lowName());
      default -> name;
    };
  }

  /** The stored column that is NULL exactly when the value is unset. */
  public String presenceName() {
    return kind == ColumnKind.ADDRESS ? highName() : name;
  }

  /** The column holding the high half of the {@link AddressKey} of an ADDRESS column. */
  public String highName() {
    return name + "_hi";
  }

  /** The column holding the low half of the {@link AddressKey} of an ADDRESS column. */
  public String lowName() {
    return name + "_lo";
  }
}
