package org.lanternfish.ingest;

import java.util.List;

/**
 * The directives of one Zeek TSV header ({@code #separator} to {@code #types}). A tailer that resumes a file in the
 * middle keeps this value and hands it to {@link LogParser#resume}, instead of re-reading the file's start.
 *
 * @param separator the column separator, a tab unless the log says otherwise
 * @param setSeparator the separator between elements of sets and vectors
 * @param emptyField the text of an empty set or string
 * @param unsetField the text of an unset value
 * @param path the log name from {@code #path}, or null when the header has none
 * @param fields the column names from {@code #fields}
 * @param types the column types from {@code #types}, possibly empty
 */
public record ZeekHeader(
    String separator,
    String setSeparator,
    String emptyField,
    String unsetField,
    String path,
    List<String> fields,
    List<String> types) {

  /** The header directives Zeek writes by default, before {@code #path} and {@code #fields} are known. */
  public static ZeekHeader defaults() {
    return new ZeekHeader("\t", ",", "(empty)", "-", null, List.of(), List.of());
  }

  /** Copies the lists so a header handed to a tailer cannot change under it. */
  public ZeekHeader {
    fields = List.copyOf(fields);
    types = List.copyOf(types);
  }
}
