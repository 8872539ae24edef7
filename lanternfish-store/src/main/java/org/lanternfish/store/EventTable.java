package org.lanternfish.store;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DefenderAlertEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.LdapEvent;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.event.LogType;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SshEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.event.X509Event;

/**
 * The stored shape of one log type: a DuckDB table whose columns mirror the components of the domain record.
 *
 * <p>The columns are derived from the record itself, so a component added to a domain record gets a column without
 * touching the store; a {@link FlowId} becomes Zeek's four {@code id.*} columns. Column order follows the record's
 * components, which lets {@link #rowToEvent} call the canonical constructor.
 */
public final class EventTable {
  /** Components whose Zeek name is not the snake_case of the Java name; the Java name stays an alias. */
  private static final Map<String, String> ZEEK_NAMES = Map.ofEntries(
      Map.entry("fileId", "fuid"),
      Map.entry("origMac", "orig_l2_addr"),
      Map.entry("respMac", "resp_l2_addr"),
      Map.entry("hostPort", "host_p"),
      Map.entry("NoticeEvent.port", "p"),
      Map.entry("authoritative", "AA"),
      Map.entry("recursionDesired", "RD"),
      Map.entry("recursionAvailable", "RA"),
      Map.entry("ttls", "TTLs"),
      Map.entry("certVersion", "certificate.version"),
      Map.entry("X509Event.serial", "certificate.serial"),
      Map.entry("X509Event.subject", "certificate.subject"),
      Map.entry("X509Event.issuer", "certificate.issuer"),
      Map.entry("notValidBefore", "certificate.not_valid_before"),
      Map.entry("notValidAfter", "certificate.not_valid_after"),
      Map.entry("keyAlg", "certificate.key_alg"),
      Map.entry("sigAlg", "certificate.sig_alg"),
      Map.entry("keyType", "certificate.key_type"),
      Map.entry("keyLength", "certificate.key_length"),
      Map.entry("sanDns", "san.dns"),
      Map.entry("basicConstraintsCa", "basic_constraints.ca"));

  /** String components that hold IP addresses (HttpEvent.host is a host name, so names alone do not tell). */
  private static final Set<String> ADDRESSES = Set.of(
      "DhcpEvent.clientAddr", "DhcpEvent.serverAddr", "DhcpEvent.assignedAddr", "SoftwareEvent.host",
      "NoticeEvent.src", "NoticeEvent.dst");

  /** Long components besides {@code ts} that hold times, stored as TIMESTAMP like it. */
  private static final Set<String> TIMES = Set.of("DefenderAlertEvent.firstActivity", "DefenderAlertEvent.lastActivity");

  /**
   * Columns stored uncompressed: Zeek's random identifiers of a connection ({@code uid}) or a file ({@code fuid}) where
   * a connection has few records of the log. Each is 18 random base62 characters, so DuckDB's dictionary finds few
   * repeats and FSST shrinks them to about 13 bytes, while building and applying its symbol table is the costliest
   * part of writing those tables. Loading 1M conn lines with DuckDB's read_csv (duckdb_jdbc 1.5.6, 2 cores, 3 runs
   * each, alternating): 1.95 to 2.00 CPU seconds and 44 MB with uid compressed, 1.66 to 1.67 and 48 MB without.
   * Copying each column of a simulated day's store (2.6M records) into a new table on one thread, best of 3,
   * milliseconds compressed against uncompressed: dns.uid 125 / 29, ssl.uid 90 / 20, files.fuid 97 / 22, files.uid
   * 77 / 27, http.uid 49 / 12, smb_files.fuid 45 / 11, kerberos.uid 32 / 10, smb_mapping.uid 19 / 7: 0.4 CPU seconds
   * in all. The day's whole ingest took 5% less CPU and wall time (3 rounds, alternating), and its store 158.3 MB
   * against 148.9 (60.5 bytes per record against 56.9; the gzip'd logs take 60.9). The uids of DCE-RPC calls and SMB
   * file actions repeat (one connection carries many), and there the dictionary halves them for little (dce_rpc.uid
   * 35 / 16 ms, 2 MB saved), so they stay compressed, as do the files' hashes, which FSST halves. A store made before
   * keeps the compression its tables were created with.
   */
  private static final Set<String> UNCOMPRESSED = Set.of("conn.uid", "dns.uid", "ssl.uid", "http.uid", "files.uid",
      "files.fuid", "smb_files.fuid", "kerberos.uid", "ntlm.uid", "smb_mapping.uid");

  private static final Map<LogType, EventTable> TABLES = buildAll();

  private final LogType logType;
  private final Class<? extends Record> recordClass;
  private final List<EventColumn> columns;
  private final MethodHandle constructor;

  private EventTable(LogType logType, Class<? extends Record> recordClass) {
    this.logType = logType;
    this.recordClass = recordClass;
    List<EventColumn> built = new ArrayList<>();
    RecordComponent[] components = recordClass.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      addColumns(components[i], built);
    }
    this.columns = List.copyOf(built);
    try {
      this.constructor = MethodHandles.publicLookup()
          .findConstructor(recordClass, MethodType.methodType(void.class, types));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("record " + recordClass + " has no canonical constructor", e);
    }
  }

  /** The table of {@code type}. */
  public static EventTable of(LogType type) {
    return TABLES.get(type);
  }

  /** Every event table, in {@link LogType} order. */
  public static List<EventTable> all() {
    return List.copyOf(TABLES.values());
  }

  /** The log type stored in this table. */
  public LogType logType() {
    return logType;
  }

  /** The SQL table name, which is the Zeek log name such as {@code smb_files}. */
  public String name() {
    return logType.logName();
  }

  /** The columns in record-component order; an address is one column here and two key columns in SQL. */
  public List<EventColumn> columns() {
    return columns;
  }

  /** The column an analyst means by {@code field} (Zeek name or alias, case-insensitive), or null. */
  public EventColumn column(String field) {
    for (EventColumn column : columns) {
      for (String name : column.fields()) {
        if (name.equalsIgnoreCase(field)) {
          return column;
        }
      }
    }
    return null;
  }

  /**
   * The DDL that moves a table of the layout before addresses were stored only as keys: it held each address's text
   * beside the key, so dropping the text loses nothing the key cannot render.
   */
  List<String> migrationSql() {
    List<String> statements = new ArrayList<>();
    for (EventColumn column : columns) {
      if (column.kind() == ColumnKind.ADDRESS) {
        statements.add("ALTER TABLE " + name() + " DROP COLUMN IF EXISTS " + column.name());
      }
    }
    return statements;
  }

  /** The DDL that creates this table if it is missing. */
  String createSql() {
    List<String> definitions = new ArrayList<>();
    for (EventColumn column : columns) {
      if (column.kind() == ColumnKind.ADDRESS) {
        definitions.add(column.highName() + " BIGINT");
        definitions.add(column.lowName() + " BIGINT");
      } else {
        definitions.add(column.name() + " " + column.kind().sqlType()
            + (UNCOMPRESSED.contains(name() + "." + column.name()) ? " USING COMPRESSION uncompressed" : ""));
      }
    }
    return "CREATE TABLE IF NOT EXISTS " + name() + " (" + String.join(", ", definitions) + ")";
  }

  /** The select list that reads the columns back in the form {@link #rowToEvent} expects. */
  String selectList() {
    StringBuilder sql = new StringBuilder();
    for (EventColumn column : columns) {
      if (!sql.isEmpty()) {
        sql.append(", ");
      }
      sql.append(column.valueSql());
    }
    return sql.toString();
  }

  /** Builds the domain record from one row read with {@link #selectList()}, column values in column order. */
  Event rowToEvent(List<Object> values) {
    Object[] args = new Object[recordClass.getRecordComponents().length];
    int column = 0;
    RecordComponent[] components = recordClass.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Class<?> type = components[i].getType();
      if (type == FlowId.class) {
        Object origHost = values.get(column);
        Object respHost = values.get(column + 2);
        args[i] = origHost == null && respHost == null && values.get(column + 1) == null
            ? null
            : new FlowId((String) origHost, port(values.get(column + 1)), (String) respHost,
                port(values.get(column + 3)));
        column += 4;
      } else {
        args[i] = fromSql(columns.get(column).kind(), type, values.get(column));
        column++;
      }
    }
    try {
      return (Event) constructor.invokeWithArguments(args);
    } catch (Throwable e) {
      throw new StoreException("cannot rebuild a " + name() + " record from its row", e);
    }
  }

  private static int port(Object value) {
    return value == null ? (int) Event.UNSET : ((Number) value).intValue();
  }

  private static Object fromSql(ColumnKind kind, Class<?> type, Object value) {
    if (type == long.class) {
      if (value == null) {
        return kind == ColumnKind.TIME ? Event.NO_TIME : Event.UNSET;
      }
      return ((Number) value).longValue();
    }
    if (type == int.class) {
      return port(value);
    }
    if (type == double.class) {
      return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
    return value;
  }

  private void addColumns(RecordComponent component, List<EventColumn> out) {
    String javaName = component.getName();
    Class<?> type = component.getType();
    if (type == FlowId.class) {
      Function<Event, FlowId> flow = accessor(component, Function.class);
      out.add(text("orig_h", List.of("id.orig_h"), ColumnKind.ADDRESS, e -> host(flow.apply(e), true)));
      out.add(number("orig_p", List.of("id.orig_p"), ColumnKind.PORT, e -> port(flow.apply(e), true)));
      out.add(text("resp_h", List.of("id.resp_h"), ColumnKind.ADDRESS, e -> host(flow.apply(e), false)));
      out.add(number("resp_p", List.of("id.resp_p"), ColumnKind.PORT, e -> port(flow.apply(e), false)));
      return;
    }
    String snake = snake(javaName);
    String zeek = ZEEK_NAMES.getOrDefault(recordClass.getSimpleName() + "." + javaName,
        ZEEK_NAMES.getOrDefault(javaName, snake));
    String column = zeek.toLowerCase(Locale.ROOT).replace('.', '_');
    List<String> fields = zeek.equals(snake) ? List.of(zeek) : List.of(zeek, snake);
    if (type == long.class) {
      ColumnKind kind = javaName.equals("ts") || javaName.startsWith("notValid") || TIMES.contains(
          recordClass.getSimpleName() + "." + javaName) ? ColumnKind.TIME : ColumnKind.COUNT;
      out.add(number(column, fields, kind, accessor(component, ToLongFunction.class)));
    } else if (type == int.class) {
      out.add(number(column, fields, ColumnKind.PORT, accessor(component, ToLongFunction.class)));
    } else if (type == double.class) {
      ToDoubleFunction<Event> read = accessor(component, ToDoubleFunction.class);
      out.add(new EventColumn(column, fields, ColumnKind.INTERVAL, null, read, null));
    } else if (type == String.class) {
      boolean address = ADDRESSES.contains(recordClass.getSimpleName() + "." + javaName);
      out.add(text(column, fields, address ? ColumnKind.ADDRESS : ColumnKind.TEXT,
          accessor(component, Function.class)));
    } else if (type == Boolean.class) {
      out.add(text(column, fields, ColumnKind.FLAG, accessor(component, Function.class)));
    } else if (type == List.class) {
      Object element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
      ColumnKind kind = element == Double.class ? ColumnKind.NUMBER_LIST : ColumnKind.TEXT_LIST;
      out.add(text(column, fields, kind, accessor(component, Function.class)));
    } else {
      throw new IllegalStateException("no column kind for " + recordClass.getSimpleName() + "." + javaName);
    }
  }

  private static EventColumn number(String name, List<String> fields, ColumnKind kind, ToLongFunction<Event> read) {
    return new EventColumn(name, fields, kind, read, null, null);
  }

  private static EventColumn text(String name, List<String> fields, ColumnKind kind, Function<Event, Object> read) {
    return new EventColumn(name, fields, kind, null, null, read);
  }

  private static String host(FlowId flow, boolean orig) {
    return flow == null ? null : orig ? flow.origHost() : flow.respHost();
  }

  private static long port(FlowId flow, boolean orig) {
    return flow == null ? Event.UNSET : orig ? flow.origPort() : flow.respPort();
  }

  /**
   * The record component's accessor as an instance of {@code shape} ({@code ToLongFunction}, {@code ToDoubleFunction}
   * or {@code Function} of an event), spun by the lambda metafactory: the bulk load calls it for every value, and a
   * generated class calls the accessor directly, where a method handle held in a field is not inlined (its
   * invocation, cast and customization checks took about 45% of the feed's Java time on 1M conn events).
   */
  @SuppressWarnings("unchecked")
  private <T> T accessor(RecordComponent component, Class<?> shape) {
    String method = shape == ToLongFunction.class ? "applyAsLong"
        : shape == ToDoubleFunction.class ? "applyAsDouble" : "apply";
    Class<?> returned = shape == ToLongFunction.class ? long.class
        : shape == ToDoubleFunction.class ? double.class : Object.class;
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle getter = lookup.unreflect(component.getAccessor());
      Class<?> result = returned == Object.class ? component.getType() : returned;
      return (T) LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(shape),
              MethodType.methodType(returned, Object.class), getter,
              MethodType.methodType(result, recordClass))
          .getTarget().invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("no accessor for " + recordClass.getSimpleName() + "." + component.getName(), e);
    }
  }

  private static String snake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Map<LogType, EventTable> buildAll() {
    Map<LogType, EventTable> tables = new EnumMap<>(LogType.class);
    for (LogType type : LogType.values()) {
      tables.put(type, new EventTable(type, recordClass(type)));
    }
    for (String uncompressed : UNCOMPRESSED) {
      String[] tableAndColumn = uncompressed.split("\\.");
      if (tables.values().stream().noneMatch(table -> table.name().equals(tableAndColumn[0])
          && table.columns.stream().anyMatch(column -> column.name().equals(tableAndColumn[1])))) {
        throw new IllegalStateException("no stored column " + uncompressed + " to keep uncompressed");
      }
    }
    return Collections.unmodifiableMap(tables);
  }

  private static Class<? extends Record> recordClass(LogType type) {
    return switch (type) {
      case CONN -> ConnEvent.class;
      case DNS -> DnsEvent.class;
      case HTTP -> HttpEvent.class;
      case SSL -> SslEvent.class;
      case X509 -> X509Event.class;
      case FILES -> FileEvent.class;
      case SMB_FILES -> SmbFileEvent.class;
      case SMB_MAPPING -> SmbMappingEvent.class;
      case DCE_RPC -> DceRpcEvent.class;
      case RDP -> RdpEvent.class;
      case KERBEROS -> KerberosEvent.class;
      case NTLM -> NtlmEvent.class;
      case LDAP -> LdapEvent.class;
      case LDAP_SEARCH -> LdapSearchEvent.class;
      case SSH -> SshEvent.class;
      case DHCP -> DhcpEvent.class;
      case SOFTWARE -> SoftwareEvent.class;
      case NOTICE -> NoticeEvent.class;
      case WEIRD -> WeirdEvent.class;
      case ALERT -> AlertEvent.class;
      case DEFENDER_ALERT -> DefenderAlertEvent.class;
    };
  }
}
