package org.lanternfish.web.suppression;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Suppressions from CSV: a header row naming the columns {@code kind, device, destination, model, expires, reason}
 * (any order; unused ones may be left out), then one suppression a row. Each row is checked on its own: good rows
 * are kept, bad ones reported with their line.
 */
public final class SuppressionCsv {
  /** The columns a file may have. */
  public static final List<String> COLUMNS = List.of("kind", "device", "destination", "model", "expires", "reason");
  /** At most this many rows are read from one file. */
  public static final int MAX_ROWS = 10_000;
  // Blank lines are skipped here rather than by the parser, whose skipping loses count of lines.
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);

  private SuppressionCsv() {}

  /**
   * Reads {@code text}, checking each row with {@code book}; a missing or wrong header is an
   * {@link IllegalArgumentException}, since no row could be read without it.
   */
  public static Reading read(String text, Suppressions book) {
    List<Row> good = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try (JsonParser parser = CSV.readerFor(JsonNode.class).with(CsvSchema.emptySchema().withHeader())
        .createParser(text)) {
      int rows = 0;
      JsonToken token;
      while (true) {
        try {
          token = parser.nextToken();
        } catch (IOException e) {
          problems.add(new Problem(parser.currentLocation().getLineNr(), "not CSV: " + message(e)
              + "; the rows after it were not read"));
          break;
        }
        if (token == null) {
          break;
        }
        if (rows == 0) {
          checkHeader(parser);
        }
        // Jackson's CSV parser places a row's start at the end of the line before it.
        int line = parser.currentTokenLocation().getLineNr() + 1;
        if (++rows > MAX_ROWS) {
          problems.add(new Problem(line, "only " + MAX_ROWS + " rows are read from one file; split it"));
          break;
        }
        JsonNode row;
        try {
          row = CSV.readTree(parser);
        } catch (IOException e) {
          problems.add(new Problem(line, message(e) + "; the rows after it were not read"));
          break;
        }
        if (blank(row)) {
          rows--;
          continue;
        }
        Suppressions.Request request = new Suppressions.Request(field(row, "kind"), field(row, "device"),
            field(row, "destination"), field(row, "model"), field(row, "expires"), field(row, "reason"));
        try {
          book.check(request);
          good.add(new Row(line, request));
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(line, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not CSV: " + e.getMessage(), e);
    }
    if (good.isEmpty() && problems.isEmpty()) {
      throw new IllegalArgumentException("no rows: the CSV needs a header (" + String.join(",", COLUMNS)
          + ") and a row per suppression");
    }
    return new Reading(good, problems);
  }

  private static void checkHeader(JsonParser parser) {
    CsvSchema schema = (CsvSchema) parser.getSchema();
    Set<String> unknown = new TreeSet<>();
    schema.forEach(column -> {
      if (!COLUMNS.contains(column.getName())) {
        unknown.add(column.getName());
      }
    });
    if (!unknown.isEmpty() || schema.column("kind") == null) {
      throw new IllegalArgumentException("line 1: the header must name the columns " + String.join(",", COLUMNS)
          + (unknown.isEmpty() ? " (kind is missing)" : " (unknown: " + String.join(", ", unknown) + ")"));
    }
  }

  private static String message(IOException e) {
    return e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static boolean blank(JsonNode row) {
    for (JsonNode value : row) {
      if (!value.asText().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static String field(JsonNode row, String name) {
    JsonNode value = row.get(name);
    return value == null || value.asText().isEmpty() ? null : value.asText();
  }

  /**
   * A file's good rows and the bad ones' problems.
   *
   * @param rows the rows that can be suppressions
   * @param problems the others, by line
   */
  public record Reading(List<Row> rows, List<Problem> problems) {}

  /**
   * A good row.
   *
   * @param line its line
   * @param request the suppression it asks for
   */
  public record Row(int line, Suppressions.Request request) {}

  /**
   * A row that cannot be a suppression.
   *
   * @param line its line
   * @param reason why
   */
  public record Problem(int line, String reason) {}
}
