package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.lanternfish.event.Event;

/**
 * One JSON object flattened to dotted keys ({@code id.orig_h}, {@code flow.bytes_toserver}, {@code answers.rdata}),
 * so nested EVE objects, dotted Zeek keys and Filebeat's {@code id_orig_h} all read the same way. Arrays become
 * lists; arrays of objects become one list per leaf key. Reused from record to record.
 */
final class JsonRow implements Row {
  /** Bulky EVE members no mapping reads; skipping them saves building their strings. */
  private static final java.util.Set<String> UNREAD = java.util.Set.of("metadata", "alert.metadata", "payload",
      "payload_printable", "packet", "packet_info", "http.request_headers", "http.response_headers", "tls.chain",
      "tls.certificate", "tls.ja3.string", "tls.ja3s.string", "rule", "verdict", "files");
  private static final int MAX_JOINED = 256;

  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, Map<String, String>> joined = new HashMap<>();
  private String[] names = new String[0];

  /** Reads the object the parser is positioned on (its START_OBJECT token is current) into this row. */
  void read(JsonParser parser) throws IOException {
    values.clear();
    readObject(parser, "", false);
  }

  private void readObject(JsonParser p, String prefix, boolean inArray) throws IOException {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t == null) {
        throw new IOException("unexpected end of input");
      }
      String name = p.currentName();
      String key = prefix.isEmpty() ? topLevel(name) : nested(prefix, name);
      JsonToken value = p.nextToken();
      if (UNREAD.contains(key)) {
        p.skipChildren();
        continue;
      }
      readValue(p, value, key, inArray);
    }
  }

  private void readValue(JsonParser p, JsonToken t, String key, boolean inArray) throws IOException {
    switch (t) {
      case START_OBJECT -> readObject(p, nested(key, "."), inArray);
      case START_ARRAY -> {
        if (!values.containsKey(key)) {
          values.put(key, new ArrayList<String>());
        }
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          if (e == null) {
            throw new IOException("unexpected end of input");
          }
          readValue(p, e, key, true);
        }
      }
      case VALUE_NULL -> { }
      default -> {
        String text = p.getText();
        if (inArray) {
          Object old = values.get(key);
          @SuppressWarnings("unchecked")
          List<String> list = old instanceof List<?> ? (List<String>) old : new ArrayList<>();
          if (old instanceof String s) {
            list.add(s);
          }
          list.add(text);
          values.put(key, list);
        } else {
          values.put(key, text);
        }
      }
    }
  }

  /** Joins a prefix and a name, reusing the joined string, since the same few keys recur on every line. */
  private String nested(String prefix, String name) {
    Map<String, String> names = joined.get(prefix);
    if (names == null) {
      if (joined.size() >= MAX_JOINED) {
        return prefix + name; // keys made of data (HTTP/2 headers, say) must not grow the cache without bound
      }
      names = new HashMap<>();
      joined.put(prefix, names);
    }
    String key = names.get(name);
    if (key == null && names.size() < MAX_JOINED) {
      key = prefix + name;
      names.put(name, key);
    }
    return key != null ? key : prefix + name;
  }

  /** Filebeat and some exporters write {@code id_orig_h} where Zeek writes {@code id.orig_h}. */
  private static String topLevel(String name) {
    return switch (name) {
      case "id_orig_h" -> "id.orig_h";
      case "id_orig_p" -> "id.orig_p";
      case "id_resp_h" -> "id.resp_h";
      case "id_resp_p" -> "id.resp_p";
      default -> name;
    };
  }

  /** Addresses fields by the names of a schema for the {@link Row} accessors. */
  void bind(String[] schemaNames) {
    names = schemaNames;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  /** A scalar as text (a list joined by commas), or null. */
  String str(String key) {
    Object v = values.get(key);
    if (v instanceof List<?> list) {
      return list.isEmpty() ? null : String.join(",", list.stream().map(String::valueOf).toList());
    }
    return (String) v;
  }

  /** The first element of a list, or the scalar, or null. */
  String first(String key) {
    Object v = values.get(key);
    if (v instanceof List<?> list) {
      return list.isEmpty() ? null : (String) list.get(0);
    }
    return (String) v;
  }

  /** A list of strings (a scalar becomes a one-element list), or null. */
  List<String> list(String key) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<String> strings = (List<String>) list;
      return List.copyOf(strings);
    }
    return List.of((String) v);
  }

  long micros(String key) {
    String v = first(key);
    if (v == null) {
      return Event.NO_TIME;
    }
    if (v.startsWith("XXXXXXXXXX")) {
      return Event.NO_TIME; // a masked time in Zeek's test baselines
    }
    long micros = Numbers.micros(v);
    if (micros == Numbers.BAD) {
      throw bad(key, v, "time");
    }
    return micros;
  }

  long integer(String key) {
    String v = first(key);
    if (v == null) {
      return Event.UNSET;
    }
    long n = Numbers.integer(v);
    if (n == Numbers.BAD) {
      throw bad(key, v, "number");
    }
    return n;
  }

  int portNumber(String key) {
    long v = integer(key);
    if (v < Event.UNSET || v > 65535) {
      throw bad(key, first(key), "port");
    }
    return (int) v;
  }

  double seconds(String key) {
    String v = first(key);
    if (v == null) {
      return Double.NaN;
    }
    double d = Numbers.decimal(v);
    if (Double.isNaN(d)) {
      throw bad(key, v, "interval");
    }
    return d;
  }

  Boolean flag(String key) {
    String v = first(key);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "true", "T" -> Boolean.TRUE;
      case "false", "F" -> Boolean.FALSE;
      default -> throw bad(key, v, "bool");
    };
  }

  String address(String key) {
    String v = first(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    String canonical = IpText.canonical(v);
    if (canonical == null) {
      throw bad(key, v, "address");
    }
    return canonical;
  }

  private static MalformedRecord bad(String key, String value, String what) {
    String shown = value.length() > 60 ? value.substring(0, 60) : value;
    return new MalformedRecord(Malformation.BAD_NUMBER, "bad " + what + " '" + shown + "' in field " + key);
  }

  @Override
  public boolean present(int field) {
    return values.containsKey(names[field]);
  }

  @Override
  public long time(int field) {
    return micros(names[field]);
  }

  @Override
  public String text(int field) {
    return str(names[field]);
  }

  @Override
  public String symbol(int field) {
    return str(names[field]);
  }

  @Override
  public String addr(int field) {
    return address(names[field]);
  }

  @Override
  public long count(int field) {
    return integer(names[field]);
  }

  @Override
  public int port(int field) {
    return portNumber(names[field]);
  }

  @Override
  public double interval(int field) {
    return seconds(names[field]);
  }

  @Override
  public Boolean bool(int field) {
    return flag(names[field]);
  }

  @Override
  public List<String> texts(int field) {
    return list(names[field]);
  }

  @Override
  public List<String> addrs(int field) {
    return each(field, (key, t) -> {
      String canonical = IpText.canonical(t);
      if (canonical == null) {
        throw bad(key, t, "address");
      }
      return canonical;
    });
  }

  @Override
  public List<String> namesOrAddrs(int field) {
    return each(field, (key, t) -> {
      String canonical = IpText.canonical(t);
      return canonical != null ? canonical : t;
    });
  }

  @Override
  public List<Double> intervals(int field) {
    return each(field, (key, t) -> {
      double d = Numbers.decimal(t);
      if (Double.isNaN(d)) {
        throw bad(key, t, "interval");
      }
      return d;
    });
  }

  /** The elements of a list field, each read by {@code read} (given the field's key for its error), or null. */
  private <T> List<T> each(int field, BiFunction<String, String, T> read) {
    List<String> texts = list(names[field]);
    if (texts == null) {
      return null;
    }
    List<T> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(read.apply(names[field], t));
    }
    return List.copyOf(out);
  }
}
