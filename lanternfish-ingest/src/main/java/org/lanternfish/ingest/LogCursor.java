package org.lanternfish.ingest;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.lanternfish.event.Event;

/**
 * One log file read a few lines at a time on the caller's thread: each {@link #read} splits the next lines for a
 * {@link LogParser}, which hands their events to the sink. Reading the files of a period this way, in turns, merges
 * them by time where each event is made by the thread that consumes it, so its objects are still in that core's
 * cache. A file of Defender alerts or a JSON array is read whole on the first call.
 */
public final class LogCursor implements AutoCloseable {
  private final InputStream in;
  private final String source;
  private final IngestReport report;
  private final Consumer<? super Event> sink;
  private final LogParser parser;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private int scan;
  private long line;
  /** Bytes of an overlong line skipped so far, or -1 when not skipping. */
  private long skipped = -1;
  private boolean first = true;
  private boolean ended;
  private boolean unterminated;
  /** Lines a previous run stored already: their records are not handed on again (headers still are read). */
  private final long storedLines;

  LogCursor(InputStream in, String source, Consumer<? super Event> sink, IngestReport report) {
    this(in, source, sink, report, 0);
  }

  private LogCursor(InputStream in, String source, Consumer<? super Event> sink, IngestReport report,
      long storedLines) {
    this.storedLines = storedLines;
    this.in = in;
    this.source = source;
    this.sink = sink;
    this.report = report;
    this.parser = new LogParser(source, sink, report);
    this.ended = in == null;
  }

  /** Opens a file (plain or gzip); one that cannot be opened is reported as unreadable and reads as empty. */
  public static LogCursor open(Path file, Consumer<? super Event> sink, IngestReport report) {
    return open(file, sink, report, 0);
  }

  /**
   * Opens a file of which a previous run stored the first {@code storedLines} lines, as a log that grew since: only
   * the lines after them become events.
   */
  public static LogCursor open(Path file, Consumer<? super Event> sink, IngestReport report, long storedLines) {
    report.fileRead();
    try {
      return new LogCursor(LogReader.openToRead(file), file.toString(), sink, report, storedLines);
    } catch (IOException e) {
      report.unreadable(file.toString(), "cannot read: " + e);
      return new LogCursor(null, file.toString(), sink, report, storedLines);
    }
  }

  /**
   * Reads at least {@code lines} more lines (fewer at the end of the file); returns false once the file has ended.
   * A file that turns out unreadable (bad gzip data, an I/O error) is reported as rejected after the events read
   * before the damage, and ends.
   */
  public boolean read(int lines) {
    try {
      return pump(lines);
    } catch (ZipException e) {
      report.rejected(source, "bad gzip data: " + e.getMessage());
    } catch (IOException e) {
      report.unreadable(source, "cannot read: " + e);
    }
    ended = true;
    return false;
  }

  /** {@link #read} that lets I/O errors through. */
  boolean pump(int lines) throws IOException {
    long until = line + lines;
    while (!ended && line < until) {
      int nl = LogReader.indexOfNewline(buf, scan, end);
      if (nl >= 0) {
        line++;
        if (skipped >= 0) {
          if (line > storedLines) {
            parser.acceptOverlongLine(line, skipped + nl - start);
          }
          skipped = -1;
        } else if (line > storedLines || nl > start && buf[start] == '#') {
          parser.acceptLine(buf, start, nl - start, line);
        }
        start = nl + 1;
        scan = start;
        continue;
      }
      fill();
    }
    return !ended;
  }

  /** Makes room in the buffer and reads more; at the end of the input, parses what is left and ends. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    scan = end;
    if (end == buf.length) {
      if (buf.length <= LogReader.MAX_LINE_BYTES) {
        buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, LogReader.MAX_LINE_BYTES + 1));
      } else {
        // The line is over the cap: drop what is buffered and skip to the next newline.
        skipped = (skipped < 0 ? 0 : skipped) + end;
        end = 0;
        scan = 0;
      }
    }
    int n;
    try {
      n = in.read(buf, end, buf.length - end);
    } catch (EOFException cut) {
      // The partial line before the cut, if any, is the one casualty; it is not parsed.
      report.malformed(Malformation.TRUNCATED_LINE, source, line + 1, "compressed data ends early: "
          + cut.getMessage());
      ended = true;
      return;
    }
    if (n < 0) {
      if (end > start || skipped >= 0) {
        line++;
        unterminated = true;
        if (line <= storedLines) {
          // A previous run stored it, so it is not handed on again.
          ended = true;
          return;
        } else if (skipped >= 0) {
          parser.acceptOverlongLine(line, skipped + end - start);
        } else {
          parser.acceptUnterminatedLine(buf, start, end - start, line);
        }
      }
      ended = true;
      return;
    }
    InputKind kind = first && end == 0 && n > 0 ? InputKind.of(source, buf, n) : InputKind.LOG;
    if (kind == InputKind.DEFENDER_ALERTS) {
      DefenderAlerts.read(new SequenceInputStream(new ByteArrayInputStream(buf, 0, n), in), source, sink, report);
      ended = true;
      return;
    }
    if (kind == InputKind.SIMULATOR_TRUTH) {
      report.ignored(source, InputKind.TRUTH_REASON);
      ended = true;
      return;
    }
    if (first && end == 0 && n > 0 && LogReader.firstNonBlank(buf, n) == '[') {
      LogReader.readJsonArray(new SequenceInputStream(new ByteArrayInputStream(buf, 0, n), in), parser, source,
          report);
      ended = true;
      return;
    }
    first = false;
    end += n;
  }

  @Override
  public void close() {
    if (ended && in != null) {
      // A last line without a newline may still be being written; a run that resumes the file reads it again.
      report.linesRead(source, unterminated ? line - 1 : line);
    }
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Nothing was written; a failing close loses nothing.
      }
    }
  }
}
