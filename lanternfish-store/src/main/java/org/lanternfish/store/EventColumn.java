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

  /** The hidden column holding the high half of the {@link AddressKey} of an ADDRESS column. */
  public String highName() {
    return name + "_hi";
  }

  /** The hidden column holding the low half of the {@link AddressKey} of an ADDRESS column. */
  public String lowName() {
    return name + "_lo";
  }
}
