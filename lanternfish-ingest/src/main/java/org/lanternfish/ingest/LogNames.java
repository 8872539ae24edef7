package org.lanternfish.ingest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Infers a Zeek log name from a file name when the file itself does not say ({@code #path}, {@code _path}):
 * {@code conn.log}, {@code conn.00:00:00-01:00:00.log.gz}, {@code HOSTNAME_conn.log}, {@code conn_20240101.log},
 * {@code conn.log.labeled}. Runs once per file, so a regex is fine here.
 */
final class LogNames {
  private static final Pattern DATE_SUFFIX = Pattern.compile("[_-]\\d[\\d_:-]*$");

  private LogNames() {}

  /** The log name a file name suggests, such as {@code conn} or {@code open_conn}, or null for none. */
  static String fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    stem = DATE_SUFFIX.matcher(stem).replaceFirst("");
    if (stem.isEmpty()) {
      return null;
    }
    if (ZeekSchema.forLog(stem) != null || stem.startsWith("open_")) {
      // RITA's open_conn/open_http/open_ssl hold connections still open; their final records follow in conn etc.
      return stem;
    }
    // A sensor prefix or a suffix around the name: HOSTNAME_conn, conn_json. Take the longest known run of words.
    String[] words = stem.split("[_-]");
    String best = null;
    for (int i = 0; i < words.length; i++) {
      StringBuilder run = new StringBuilder();
      for (int j = i; j < words.length; j++) {
        run.append(j > i ? "_" : "").append(words[j]);
        String candidate = run.toString();
        if (ZeekSchema.forLog(candidate) != null && (best == null || candidate.length() > best.length())) {
          best = candidate;
        }
      }
    }
    return best != null ? best : stem;
  }
}
