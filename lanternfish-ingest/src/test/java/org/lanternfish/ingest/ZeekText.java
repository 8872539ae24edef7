package org.lanternfish.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lanternfish.event.Event;

/**
 * The text of one Zeek TSV test resource, split the simple way (String.split on tabs), so tests can compare parsed
 * events with what the file says without trusting the parser under test.
 */
final class ZeekText {
  final Path path;
  final List<String> fields;
  final List<String[]> rows = new ArrayList<>();

  ZeekText(String resource) {
    try {
      path = Path.of(ZeekText.class.getResource(resource).toURI());
      List<String> names = List.of();
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (line.startsWith("#fields\t")) {
          names = Arrays.asList(line.substring(8).split("\t", -1));
        } else if (!line.startsWith("#") && !line.isEmpty()) {
          rows.add(line.split("\t", -1));
        }
      }
      fields = names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The raw text of a column in a data row. */
  String raw(int row, String field) {
    int column = fields.indexOf(field);
    if (column < 0) {
      throw new IllegalArgumentException("no column " + field + " in " + path);
    }
    return rows.get(row)[column];
  }

  /** The column as a string: null for "-", "" for "(empty)", escapes decoded. */
  String text(int row, String field) {
    String raw = raw(row, field);
    if (raw.equals("-")) {
      return null;
    }
    return raw.equals("(empty)") ? "" : unescape(raw);
  }

  long count(int row, String field) {
    String raw = raw(row, field);
    return raw.equals("-") ? Event.UNSET : Long.parseLong(raw);
  }

  long micros(int row, String field) {
    String raw = raw(row, field);
    if (raw.equals("-") || raw.startsWith("XXXXXXXXXX")) {
      return Event.NO_TIME;
    }
    return new BigDecimal(raw).movePointRight(6).longValueExact();
  }

  double interval(int row, String field) {
    String raw = raw(row, field);
    return raw.equals("-") ? Double.NaN : Double.parseDouble(raw);
  }

  Boolean bool(int row, String field) {
    String raw = raw(row, field);
    return raw.equals("-") ? null : raw.equals("T");
  }

  List<String> set(int row, String field) {
    String raw = raw(row, field);
    if (raw.equals("-")) {
      return null;
    }
    return raw.equals("(empty)") ? List.of() : Arrays.stream(raw.split(",")).map(ZeekText::unescape).toList();
  }

  static String unescape(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && raw.charAt(i + 1) == '\\') {
        out.append('\\');
        i++;
      } else if (c == '\\' && raw.charAt(i + 1) == 'x') {
        out.append((char) Integer.parseInt(raw.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
