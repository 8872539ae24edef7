package org.lanternfish.embedded;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.LogType;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.store.EventColumn;
import org.lanternfish.store.EventTable;

/**
 * Writes a Zeek event as Zeek's Kafka writer publishes it: one JSON object keyed by its log's name
 * ({@code {"conn": {"ts": ..., "uid": ...}}}), with the fields Lanternfish reads under Zeek's names (the store's
 * {@link EventTable} columns), unset fields left out. The log parser reads it back into an equal event.
 */
public final class ZeekJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ZeekJson() {}

  /** Whether {@code event} came from a Zeek log, so it has a Zeek form (IDS and Defender alerts do not). */
  public static boolean writable(Event event) {
    return event.logType() != LogType.ALERT && event.logType() != LogType.DEFENDER_ALERT;
  }

  /** The wrapped Zeek JSON of {@code event}, in UTF-8. */
  public static byte[] wrapped(Event event) {
    return json(event, true);
  }

  /** The Zeek JSON of {@code event} as a line of Zeek's own JSON log of its type: its fields alone, in UTF-8. */
  public static byte[] plain(Event event) {
    return json(event, false);
  }

  private static byte[] json(Event event, boolean wrapped) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      if (wrapped) {
        json.writeObjectFieldStart(event.logType().logName());
      }
      for (EventColumn column : EventTable.of(event.logType()).columns()) {
        if (event instanceof SoftwareEvent software && column.field().equals("version")) {
          writeVersion(json, software.version());
        } else if (event instanceof FileEvent file && column.field().equals("uid")) {
          // Newer Zeek's uid and id.* give the senders and receivers, which the event keeps without id.*: the older
          // form (conn_uids, tx_hosts, rx_hosts) carries all of them.
          if (file.uid() != null) {
            json.writeArrayFieldStart("conn_uids");
            json.writeString(file.uid());
            json.writeEndArray();
          }
        } else {
          write(json, column, event);
        }
      }
      json.writeEndObject();
      if (wrapped) {
        json.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a " + event.logType().logName() + " record", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, EventColumn column, Event event) throws IOException {
    String name = column.field();
    switch (column.kind()) {
      case TIME -> {
        long micros = column.asLong().applyAsLong(event);
        if (micros != Event.NO_TIME) {
          json.writeFieldName(name);
          json.writeNumber(BigDecimal.valueOf(micros, 6));
        }
      }
      case COUNT, PORT -> {
        long value = column.asLong().applyAsLong(event);
        if (value != Event.UNSET) {
          json.writeNumberField(name, value);
        }
      }
      case INTERVAL -> {
        double value = column.asDouble().applyAsDouble(event);
        if (!Double.isNaN(value)) {
          json.writeNumberField(name, value);
        }
      }
      case TEXT, ADDRESS -> {
        Object value = column.asObject().apply(event);
        if (value != null) {
          json.writeStringField(name, (String) value);
        }
      }
      case FLAG -> {
        Object value = column.asObject().apply(event);
        if (value != null) {
          json.writeBooleanField(name, (Boolean) value);
        }
      }
      case TEXT_LIST, NUMBER_LIST -> {
        Object value = column.asObject().apply(event);
        if (value != null) {
          json.writeArrayFieldStart(name);
          for (Object element : (List<?>) value) {
            if (element instanceof Double number) {
              json.writeNumber(number);
            } else {
              json.writeString(String.valueOf(element));
            }
          }
          json.writeEndArray();
        }
      }
    }
  }

  /**
   * Zeek logs a software version in parts ({@code version.major} ... {@code version.addl}); the event joins them as
   * {@code 1.2.3-addl}, split here the same way back.
   */
  private static void writeVersion(JsonGenerator json, String version) throws IOException {
    if (version == null) {
      return;
    }
    String[] names = {"version.major", "version.minor", "version.minor2", "version.minor3"};
    int dash = version.indexOf('-');
    String numbers = dash < 0 ? version : version.substring(0, dash);
    int part = 0;
    if (!numbers.isEmpty() && numbers.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      for (String number : numbers.split("\\.")) {
        if (part < names.length && !number.isEmpty()) {
          json.writeNumberField(names[part++], Long.parseLong(number));
        }
      }
    }
    if (part == 0) {
      json.writeStringField("version.addl", version);
    } else if (dash >= 0) {
      json.writeStringField("version.addl", version.substring(dash + 1));
    }
  }
}
