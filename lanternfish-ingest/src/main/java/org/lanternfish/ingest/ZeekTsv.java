package org.lanternfish.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lanternfish.event.Event;

/**
 * Reads Zeek's TSV writer format, one line at a time: header directives change the state, data lines are split
 * into columns in place and read through {@link Row} without copying the line. This is the ingest hot path, which
 * is why it works on bytes, caches repeated strings and allocates little besides the event itself.
 */
final class ZeekTsv implements Row {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] MASKED_TIME = "XXXXXXXXXX.XXXXXX".getBytes(StandardCharsets.ISO_8859_1);
  // How the elements of a set field are read (see set()).
  private static final int TEXT = 0;
  private static final int ADDRESS = 1;
  private static final int NAME_OR_ADDRESS = 2;

  private final String source;
  private final String fileLogName;
  private final IngestReport report;
  /**
   * Addresses repeat across the logs a thread reads (a host's conn, dns and ssl records; the next hour's files): one
   * table per thread, shared by all its parsers, learns each address once and stays small enough to stay in cache
   * (a table per file made each file learn every address again, and a dozen open files' tables crowded the caches).
   * A cache of canonical strings, so which parser filled it changes no answer.
   */
  private static final ThreadLocal<InternTable> ADDRESSES = ThreadLocal.withInitial(() -> new InternTable(32768));
  /** Short repeated values (protocols, states, services), shared the same way. */
  private static final ThreadLocal<InternTable> SYMBOLS = ThreadLocal.withInitial(() -> new InternTable(4096));

  // The tables of the thread reading the current line: a parser handed from one thread to another (a live tail's
  // file polled by a scheduler) takes the new thread's tables, so no table is ever used by two threads.
  private Thread reader;
  private InternTable addresses;
  private InternTable symbols;

  // Header being read; it becomes the compiled state below at the first data line after it.
  private ZeekHeader pending;
  private boolean headerChanged;
  private long typesLine;

  private ZeekHeader header;
  private String logName;
  private ZeekSchema schema;
  private byte[] separator;
  private byte[] setSeparator;
  private byte[] empty;
  private byte[] unset;
  private int columns;
  private int[] columnOf = new int[0];
  // Columns declared with a type Zeek does not have, which some writers list in #fields but never fill.
  private int phantoms;
  private int[] columnOfWithoutPhantoms = new int[0];
  private int[] fullColumnOf = new int[0];

  private byte[] buf;
  private int[] starts = new int[32];
  private int[] ends = new int[32];

  ZeekTsv(String source, String fileLogName, IngestReport report, ZeekHeader resumed) {
    this.source = source;
    this.fileLogName = fileLogName;
    this.report = report;
    pending = resumed == null ? ZeekHeader.defaults() : resumed;
    headerChanged = true;
  }

  /** The header in force for the next data line. */
  ZeekHeader header() {
    return pending;
  }

  /** Applies one {@code #} line: a directive changes the pending header, anything else is a comment. */
  void directive(byte[] b, int off, int len, long line) {
    String text = new String(b, off, len, StandardCharsets.UTF_8);
    if (text.startsWith("#separator ")) {
      // A new #separator starts a new log, as when rotated logs are concatenated.
      pending = new ZeekHeader(unescapeDirective(text.substring(11)), ",", "(empty)", "-", null, List.of(),
          List.of());
      headerChanged = true;
      return;
    }
    String sep = pending.separator();
    int nameEnd = text.indexOf(sep);
    int space = text.indexOf(' ');
    if (nameEnd < 0 || space >= 0 && space < nameEnd) {
      nameEnd = space;
    }
    if (nameEnd < 0) {
      return;
    }
    String name = text.substring(1, nameEnd);
    String value = text.substring(nameEnd + (nameEnd == space ? 1 : sep.length()));
    ZeekHeader p = pending;
    switch (name) {
      case "set_separator" -> pending = new ZeekHeader(p.separator(), unescapeDirective(value), p.emptyField(),
          p.unsetField(), p.path(), p.fields(), p.types());
      case "empty_field" -> pending = new ZeekHeader(p.separator(), p.setSeparator(), value, p.unsetField(),
          p.path(), p.fields(), p.types());
      case "unset_field" -> pending = new ZeekHeader(p.separator(), p.setSeparator(), p.emptyField(), value,
          p.path(), p.fields(), p.types());
      case "path" -> pending = new ZeekHeader(p.separator(), p.setSeparator(), p.emptyField(), p.unsetField(), value,
          p.fields(), p.types());
      case "fields" -> pending = new ZeekHeader(p.separator(), p.setSeparator(), p.emptyField(), p.unsetField(),
          p.path(), split(value, sep), p.types());
      case "types" -> {
        pending = new ZeekHeader(p.separator(), p.setSeparator(), p.emptyField(), p.unsetField(), p.path(),
            p.fields(), split(value, sep));
        typesLine = line;
      }
      default -> {
        return; // #open, #close and comments such as "### BTest baseline" change nothing.
      }
    }
    headerChanged = true;
  }

  private static List<String> split(String value, String sep) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int at = value.indexOf(sep); at >= 0; at = value.indexOf(sep, from)) {
      out.add(value.substring(from, at));
      from = at + sep.length();
    }
    out.add(value.substring(from));
    return out;
  }

  private static String unescapeDirective(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 3 < value.length() && value.charAt(i + 1) == 'x') {
        out.append((char) Integer.parseInt(value.substring(i + 2, i + 4), 16));
        i += 3;
      } else if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == 't') {
        // Some tools write "#separator \t" instead of Zeek's "\x09".
        out.append('\t');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * True for a bare row of column names ({@code ts uid id.orig_h ...}), as {@code zeek-cut} and Zeek's test
   * baselines print instead of {@code #fields}; it then serves as the {@code #fields} header.
   */
  boolean columnNames(byte[] b, int off, int len) {
    if (!pending.fields().isEmpty()) {
      return false;
    }
    String text = new String(b, off, len, StandardCharsets.UTF_8);
    if (text.endsWith(pending.separator())) {
      text = text.substring(0, text.length() - pending.separator().length());
    }
    List<String> names = split(text, pending.separator());
    for (String name : names) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        return false;
      }
    }
    ZeekHeader p = pending;
    pending = new ZeekHeader(p.separator(), p.setSeparator(), p.emptyField(), p.unsetField(), p.path(), names,
        List.of());
    headerChanged = true;
    return true;
  }

  /** Reads one data line into an event, or null when its log type is skipped; throws for a bad line. */
  Event data(byte[] b, int off, int len, long line) {
    if (headerChanged) {
      compile();
    }
    Thread current = Thread.currentThread();
    if (current != reader) {
      reader = current;
      addresses = ADDRESSES.get();
      symbols = SYMBOLS.get();
    }
    if (schema == null) {
      report.skipped(logName == null ? "unknown" : logName);
      return null;
    }
    buf = b;
    int count = splitColumns(b, off, off + len);
    if (count == columns || count == columns + 1 && b[off + len - 1] == separator[separator.length - 1]) {
      // Some exporters end every line with a separator; an empty column after the last field is tolerated.
      columnOf = fullColumnOf;
    } else if (phantoms > 0 && count == columns - phantoms) {
      columnOf = columnOfWithoutPhantoms;
    } else {
      throw new MalformedRecord(Malformation.WRONG_COLUMN_COUNT, count + " columns, #fields has " + columns);
    }
    return schema.map(this);
  }

  private void compile() {
    headerChanged = false;
    header = pending;
    separator = header.separator().getBytes(StandardCharsets.ISO_8859_1);
    setSeparator = header.setSeparator().getBytes(StandardCharsets.ISO_8859_1);
    empty = header.emptyField().getBytes(StandardCharsets.UTF_8);
    unset = header.unsetField().getBytes(StandardCharsets.UTF_8);
    logName = header.path() != null ? header.path() : fileLogName;
    schema = ZeekSchema.forLog(logName);
    List<String> fields = header.fields();
    List<String> types = header.types();
    columns = fields.size();
    if (starts.length < columns + 1) {
      starts = new int[columns + 1];
      ends = new int[columns + 1];
    }
    boolean typed = !types.isEmpty();
    if (typed && types.size() != fields.size()) {
      report.malformed(Malformation.BAD_TYPES_HEADER, source, typesLine,
          "#types has " + types.size() + " columns but #fields has " + fields.size());
      typed = false;
    }
    if (schema == null) {
      return;
    }
    fullColumnOf = new int[schema.names().length];
    columnOfWithoutPhantoms = new int[schema.names().length];
    Arrays.fill(fullColumnOf, -1);
    Arrays.fill(columnOfWithoutPhantoms, -1);
    phantoms = 0;
    for (int c = 0; c < fields.size(); c++) {
      int f = schema.indexOf(fields.get(c));
      if (typed && f < 0 && !ZeekSchema.isZeekType(types.get(c))) {
        phantoms++;
        continue;
      }
      if (f < 0) {
        continue;
      }
      if (typed && !schema.kind(f).accepts(types.get(c))) {
        // The column is ignored rather than misread; the rest of each record still counts.
        report.malformed(Malformation.BAD_TYPES_HEADER, source, typesLine,
            "field " + fields.get(c) + " has type " + types.get(c) + ", expected " + schema.kind(f));
        continue;
      }
      fullColumnOf[f] = c;
      columnOfWithoutPhantoms[f] = c - phantoms;
    }
    columnOf = fullColumnOf;
  }

  /** Splits a line into columns, keeping the positions of the first {@code columns}; returns how many it has. */
  private int splitColumns(byte[] b, int from, int to) {
    int count = 0;
    int start = from;
    if (separator.length == 1) {
      byte sep = separator[0];
      int i = from;
      if (sep >= 0 && sep < 0x20) {
        // The usual tab: one search finds both separators and bytes that cannot be in a text log, eight bytes at a
        // time; each word's flags are exact per byte, so every tab in it is taken without reading it again.
        long seps = (sep & 0xffL) * 0x0101010101010101L;
        for (; i + 8 <= to; i += 8) {
          long word = (long) LONGS.get(b, i);
          long special = specialBytes(word);
          if (special == 0) {
            continue;
          }
          long tabs = zeroBytes(word ^ seps);
          long other = special & ~tabs;
          if (other != 0) {
            // Count the separators before the first bad byte, for the column the message names.
            tabs &= (other & -other) - 1;
            int at = i + (Long.numberOfTrailingZeros(other) >>> 3);
            throw garbage(b[at], count + Long.bitCount(tabs));
          }
          for (; tabs != 0; tabs &= tabs - 1) {
            int at = i + (Long.numberOfTrailingZeros(tabs) >>> 3);
            if (count < columns) {
              starts[count] = start;
              ends[count] = at;
            }
            count++;
            start = at + 1;
          }
        }
      }
      for (; i < to; i++) {
        byte c = b[i];
        if (c == sep) {
          if (count < columns) {
            starts[count] = start;
            ends[count] = i;
          }
          count++;
          start = i + 1;
        } else if (c >= 0 && c < 0x20 || c == (byte) 0xff || c == (byte) 0xfe) {
          throw garbage(c, count);
        }
      }
    } else {
      for (int i = from; i <= to - separator.length; i++) {
        if (Arrays.equals(b, i, i + separator.length, separator, 0, separator.length)) {
          if (count < columns) {
            starts[count] = start;
            ends[count] = i;
          }
          count++;
          start = i + separator.length;
          i = start - 1;
        }
      }
    }
    if (count < columns) {
      starts[count] = start;
      ends[count] = to;
    }
    return count + 1;
  }

  /**
   * The high bit of each byte of {@code word} that is an ASCII control character (a tab among them) or 0xFE / 0xFF
   * (never in UTF-8 text), and no other: no carry crosses a byte. Splitting 21-column conn lines byte by byte took 19%
   * of parsing them, eight bytes at a time 30% less than that (async-profiler, 16M lines read in one JVM).
   */
  private static long specialBytes(long word) {
    long low7 = word & 0x7F7F7F7F7F7F7F7FL;
    // Below 0x20: adding 0x60 to the low seven bits leaves the high bit clear, and the byte's own is clear too.
    long control = ~((low7 + 0x6060606060606060L) | word) & 0x8080808080808080L;
    // 0xFE and 0xFF, and only they, become zero bytes when the lowest bit is set and all are flipped.
    return control | zeroBytes(~(word | 0x0101010101010101L));
  }

  /** The high bit of each zero byte of {@code word}, and no other. */
  private static long zeroBytes(long word) {
    return ~(((word & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | word | 0x7F7F7F7F7F7F7F7FL);
  }

  private static MalformedRecord garbage(byte c, int separatorsBefore) {
    return new MalformedRecord(Malformation.BINARY_GARBAGE, "control byte 0x" + Integer.toHexString(c & 0xff)
        + " at column " + (separatorsBefore + 1));
  }

  private boolean isUnset(int s, int e) {
    if (e - s != unset.length) {
      return false;
    }
    return unset.length == 1 ? buf[s] == unset[0] : Arrays.equals(buf, s, e, unset, 0, unset.length);
  }

  private boolean isEmpty(int s, int e) {
    // Asked of every text field: the length and first byte settle almost every answer without a call.
    return e - s == empty.length && (e == s || buf[s] == empty[0] && Arrays.equals(buf, s, e, empty, 0, empty.length));
  }

  private MalformedRecord bad(int field, int col, String what) {
    int s = starts[col];
    int e = Math.min(ends[col], s + 60);
    return new MalformedRecord(Malformation.BAD_NUMBER, "bad " + what + " '"
        + new String(buf, s, e - s, StandardCharsets.UTF_8) + "' in field " + schema.names()[field]);
  }

  @Override
  public boolean present(int field) {
    return valued(field) >= 0;
  }

  /** The column holding the field's value, or -1 when the log has no such field or leaves it unset. */
  private int valued(int field) {
    int col = columnOf[field];
    return col < 0 || isUnset(starts[col], ends[col]) ? -1 : col;
  }

  @Override
  public long time(int field) {
    int col = columnOf[field];
    if (col < 0) {
      return Event.NO_TIME;
    }
    int s = starts[col];
    int e = ends[col];
    if (isUnset(s, e) || buf[s] == 'X' && Arrays.equals(buf, s, e, MASKED_TIME, 0, MASKED_TIME.length)) {
      return Event.NO_TIME;
    }
    long micros = Numbers.epochMicros(buf, s, e);
    if (micros == Numbers.BAD) {
      throw bad(field, col, "time");
    }
    return micros;
  }

  @Override
  public String text(int field) {
    int col = valued(field);
    if (col < 0) {
      return null;
    }
    int s = starts[col];
    int e = ends[col];
    return isEmpty(s, e) ? "" : decode(s, e);
  }

  @Override
  public String symbol(int field) {
    int col = valued(field);
    if (col < 0) {
      return null;
    }
    int s = starts[col];
    int e = ends[col];
    String hit = symbols.get(buf, s, e);
    if (hit != null) {
      return hit;
    }
    return symbols.put(buf, s, e, isEmpty(s, e) ? "" : decode(s, e));
  }

  @Override
  public String addr(int field) {
    int col = valued(field);
    return col < 0 ? null : address(field, col, starts[col], ends[col]);
  }

  /** The address in {@code [s, e)} of the line, one instance per address across files and threads. */
  private String address(int field, int col, int s, int e) {
    String address = addressAt(s, e);
    if (address == null) {
      throw bad(field, col, "address");
    }
    return address;
  }

  /** The address in {@code [s, e)}, shared as {@link #addr} shares it, or the text there when it is not one. */
  private String nameOrAddress(int s, int e) {
    String address = addressAt(s, e);
    return address != null ? address : decode(s, e);
  }

  /** The address in {@code [s, e)} of the line, or null when those bytes are not an IPv4 or IPv6 address. */
  private String addressAt(int s, int e) {
    String hit = addresses.get(buf, s, e);
    if (hit != null) {
      return hit;
    }
    String canonical = IpText.canonical(buf, s, e);
    // One instance per address across files and threads (the JVM's string table), so detection can recognise an
    // address it saw in another log by reference. Only a miss in this thread's table pays for it.
    return canonical == null ? null : addresses.put(buf, s, e, canonical.intern());
  }

  @Override
  public long count(int field) {
    int col = valued(field);
    if (col < 0) {
      return Event.UNSET;
    }
    int s = starts[col];
    int e = ends[col];
    long v = Numbers.integer(buf, s, e);
    if (v == Numbers.BAD) {
      throw bad(field, col, "number");
    }
    return v;
  }

  @Override
  public int port(int field) {
    long v = count(field);
    if (v < Event.UNSET || v > 65535) {
      throw bad(field, columnOf[field], "port");
    }
    return (int) v;
  }

  @Override
  public double interval(int field) {
    int col = valued(field);
    if (col < 0) {
      return Double.NaN;
    }
    int s = starts[col];
    int e = ends[col];
    double v = Numbers.decimal(buf, s, e);
    if (Double.isNaN(v)) {
      throw bad(field, col, "interval");
    }
    return v;
  }

  @Override
  public Boolean bool(int field) {
    int col = columnOf[field];
    if (col < 0) {
      return null;
    }
    int s = starts[col];
    int e = ends[col];
    if (e - s == 1 && buf[s] == 'T') {
      return Boolean.TRUE;
    }
    if (e - s == 1 && buf[s] == 'F') {
      return Boolean.FALSE;
    }
    if (isUnset(s, e)) {
      return null;
    }
    throw bad(field, col, "bool");
  }

  @Override
  public List<String> texts(int field) {
    return set(field, TEXT);
  }

  @Override
  public List<String> addrs(int field) {
    return set(field, ADDRESS);
  }

  @Override
  public List<String> namesOrAddrs(int field) {
    return set(field, NAME_OR_ADDRESS);
  }

  /** The elements of a set or vector field, each read as text, as an address, or as either. */
  private List<String> set(int field, int as) {
    int col = valued(field);
    if (col < 0) {
      return null;
    }
    int s = starts[col];
    int e = ends[col];
    if (isEmpty(s, e)) {
      return List.of();
    }
    int at = separatorFrom(s, e);
    if (at < 0) {
      return List.of(element(field, col, s, e, as)); // most sets hold one element: no list to grow and copy
    }
    List<String> out = new ArrayList<>(4);
    int from = s;
    while (at >= 0) {
      out.add(element(field, col, from, at, as));
      from = at + setSeparator.length;
      at = separatorFrom(from, e);
    }
    out.add(element(field, col, from, e, as));
    return List.copyOf(out);
  }

  private String element(int field, int col, int s, int e, int as) {
    return switch (as) {
      case ADDRESS -> address(field, col, s, e);
      case NAME_OR_ADDRESS -> nameOrAddress(s, e);
      default -> decode(s, e);
    };
  }

  /** Where the set separator next starts in {@code [from, e)}, or -1. */
  private int separatorFrom(int from, int e) {
    byte[] sep = setSeparator;
    byte first = sep[0];
    for (int i = from; i <= e - sep.length; i++) {
      if (buf[i] == first && (sep.length == 1 || Arrays.equals(buf, i, i + sep.length, sep, 0, sep.length))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public List<Double> intervals(int field) {
    int col = valued(field);
    if (col < 0) {
      return null;
    }
    int s = starts[col];
    int e = ends[col];
    if (isEmpty(s, e)) {
      return List.of();
    }
    // Read straight from the line (DNS answers' TTLs on every DNS record): no text per element.
    List<Double> out = new ArrayList<>(4);
    int from = s;
    while (true) {
      int at = separatorFrom(from, e);
      int end = at < 0 ? e : at;
      double v = isUnset(from, end) ? Double.NaN : Numbers.decimal(buf, from, end);
      if (Double.isNaN(v) && !isUnset(from, end)) {
        throw bad(field, col, "interval");
      }
      out.add(v);
      if (at < 0) {
        return List.copyOf(out);
      }
      from = at + setSeparator.length;
    }
  }

  /** Decodes a value, turning Zeek's {@code \xHH} and {@code \\} escapes back into bytes. */
  private String decode(int s, int e) {
    int slash = -1;
    boolean ascii = true;
    for (int i = s; i < e; i++) {
      byte c = buf[i];
      if (c == '\\') {
        slash = i;
        break;
      }
      ascii &= c >= 0;
    }
    if (slash < 0) {
      // ASCII needs no decoding: its bytes are the string's (Latin-1) bytes as they stand.
      return new String(buf, s, e - s, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
    byte[] out = new byte[e - s];
    int n = 0;
    for (int i = s; i < e; i++) {
      byte c = buf[i];
      if (c != '\\') {
        out[n++] = c;
      } else if (i + 1 < e && buf[i + 1] == '\\') {
        out[n++] = '\\';
        i++;
      } else if (i + 3 < e && buf[i + 1] == 'x' && hex(buf[i + 2]) >= 0 && hex(buf[i + 3]) >= 0) {
        out[n++] = (byte) (hex(buf[i + 2]) << 4 | hex(buf[i + 3]));
        i += 3;
      } else {
        int end = Math.min(e, i + 4);
        throw new MalformedRecord(Malformation.BAD_ESCAPE, "bad escape '"
            + new String(buf, i, end - i, StandardCharsets.UTF_8) + "'");
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
