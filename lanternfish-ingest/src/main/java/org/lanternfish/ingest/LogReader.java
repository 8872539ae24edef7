package org.lanternfish.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.lanternfish.event.Event;

/**
 * Reads whole log files in batch: plain or gzip (by magic bytes, whatever the name), one file or a directory tree
 * in time order, splitting lines for a {@link LogParser}. Lines longer than {@link #MAX_LINE_BYTES} are skipped
 * without being held in memory. A file that is a JSON array of EVE objects is streamed element by element; a file of
 * Microsoft Defender alerts goes to {@link DefenderAlerts}.
 */
public final class LogReader {
  /** The longest line read; longer lines are counted as {@link Malformation#OVERLONG_LINE} and skipped. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private static final JsonFactory JSON = new JsonFactory();
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LogReader() {}

  /** Reads a file, or every log file under a directory in time order (see {@link LogFiles#discover}). */
  public static void read(Path fileOrDirectory, Consumer<? super Event> sink, IngestReport report)
      throws IOException {
    if (Files.isDirectory(fileOrDirectory)) {
      for (Path file : LogFiles.discover(fileOrDirectory, report)) {
        readFile(file, sink, report);
      }
    } else {
      readFile(fileOrDirectory, sink, report);
    }
  }

  /** Reads one file; a file that cannot be opened or decompressed is reported, not thrown. */
  public static void readFile(Path file, Consumer<? super Event> sink, IngestReport report) {
    readFile(file, sink, report, 0);
  }

  /** Reads the lines of a file after the first {@code storedLines}, which a previous run stored (see LogCursor). */
  public static void readFile(Path file, Consumer<? super Event> sink, IngestReport report, long storedLines) {
    try (LogCursor cursor = LogCursor.open(file, sink, report, storedLines)) {
      while (cursor.read(Integer.MAX_VALUE)) {
        // read until the end
      }
    }
  }

  /** Opens a file for a look at its start, decompressing it when it starts with the gzip magic bytes. */
  static InputStream open(Path file) throws IOException {
    return open(file, false);
  }

  /** Opens a file to read it through, a gzip'd one decompressed ahead of the reader ({@link InflateAhead}). */
  static InputStream openToRead(Path file) throws IOException {
    return open(file, true);
  }

  private static InputStream open(Path file, boolean inflateAhead) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 != 0x1f || b1 != 0x8b) {
        return raw;
      }
      // Reads the gzip header: a file cut inside it fails here, and the file is closed.
      InputStream gzip = new GZIPInputStream(raw, 1 << 16);
      return inflateAhead ? new InflateAhead(gzip) : gzip;
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /** Splits a stream into lines for one parser; the stream is named {@code source} in the report. */
  static void readStream(InputStream in, String source, Consumer<? super Event> sink, IngestReport report)
      throws IOException {
    LogCursor cursor = new LogCursor(in, source, sink, report);
    while (cursor.pump(Integer.MAX_VALUE)) {
      // read until the end
    }
  }

  /** Finds the next newline eight bytes at a time, since every byte of every file passes through here. */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
      if (found != 0) {
        // Only bytes above a true match can be false positives, so the lowest flagged byte is the newline.
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  static int firstNonBlank(byte[] buf, int n) {
    for (int i = 0; i < n; i++) {
      if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n' && buf[i] != (byte) 0xef
          && buf[i] != (byte) 0xbb && buf[i] != (byte) 0xbf) {
        return buf[i];
      }
    }
    return -1;
  }

  /** Streams a file that is one JSON array of EVE (or Zeek JSON) objects, as some tools export alerts. */
  static void readJsonArray(InputStream in, LogParser parser, String source, IngestReport report)
      throws IOException {
    try (JsonParser json = JSON.createParser(in)) {
      json.nextToken();
      for (JsonToken t = json.nextToken(); t != null && t != JsonToken.END_ARRAY; t = json.nextToken()) {
        long line = json.currentTokenLocation().getLineNr();
        if (t == JsonToken.START_OBJECT) {
          parser.acceptObject(json, line);
        } else {
          json.skipChildren();
          report.malformed(Malformation.BAD_JSON, source, line, "array element is not an object");
        }
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      report.malformed(Malformation.BAD_JSON, source, line, "JSON array cut off: " + e.getOriginalMessage());
    }
  }
}
