package org.lanternfish.simulate.zeek;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.lanternfish.simulate.Format;

/**
 * Writes records into Zeek's archive layout, {@code DIR/YYYY-MM-DD/conn.HH:00:00-HH:00:00.log.gz}, one gzip file per
 * log and hour, byte for byte the same for the same records.
 *
 * <p>Records must arrive in time order. Days and hours are UTC, as a sensor configured with {@code TZ=UTC} names
 * them. Gzip headers carry no file name and a zero mtime, so output depends only on the records.
 */
public final class ZeekArchive implements AutoCloseable {
  private static final long HOUR_US = 3_600_000_000L;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00:00").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private final Path root;
  private final Format format;
  private final Map<ZeekLog, Writer> open = new EnumMap<>(ZeekLog.class);
  private final StringBuilder line = new StringBuilder(512);
  private long hour = Long.MIN_VALUE;
  private long records;
  private long files;

  /** Creates an archive under {@code root} writing {@code format}. */
  public ZeekArchive(Path root, Format format) {
    this.root = root;
    this.format = format;
  }

  /** Appends one record to its log's file for the record's hour, rotating when the hour changes. */
  public void write(LogRecord record) {
    long recordHour = Math.floorDiv(record.ts(), HOUR_US) * HOUR_US;
    if (recordHour != hour) {
      if (recordHour < hour) {
        throw new IllegalStateException("record at " + record.ts() + " is earlier than the open hour " + hour);
      }
      closeHour();
      hour = recordHour;
    }
    try {
      Writer writer = open.get(record.log());
      if (writer == null) {
        writer = openFile(record.log());
        open.put(record.log(), writer);
      }
      line.setLength(0);
      if (format == Format.TSV) {
        ZeekText.appendTsv(line, record);
      } else {
        ZeekText.appendJson(line, record);
      }
      line.append('\n');
      writer.append(line);
      records++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Number of records written so far. */
  public long records() {
    return records;
  }

  /** Number of log files written so far. */
  public long files() {
    return files;
  }

  private Writer openFile(ZeekLog log) throws IOException {
    Instant start = Instant.ofEpochMilli(hour / 1000);
    Path dir = root.resolve(DAY.format(start));
    Files.createDirectories(dir);
    String name = log.path() + "." + HOUR.format(start) + "-" + HOUR.format(start.plusSeconds(3600)) + ".log.gz";
    OutputStream out = new FastGzip(Files.newOutputStream(dir.resolve(name)));
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    files++;
    if (format == Format.TSV) {
      writer.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n");
      writer.write("#path\t" + log.path() + "\n#open\t" + STAMP.format(start) + "\n");
      writer.write("#fields\t" + String.join("\t", log.fields()) + "\n");
      writer.write("#types\t" + String.join("\t", log.types()) + "\n");
    }
    return writer;
  }

  private void closeHour() {
    if (open.isEmpty()) {
      return;
    }
    String close = "#close\t" + STAMP.format(Instant.ofEpochMilli((hour + HOUR_US) / 1000)) + "\n";
    try {
      for (Writer writer : open.values()) {
        if (format == Format.TSV) {
          writer.write(close);
        }
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      open.clear();
    }
  }

  @Override
  public void close() {
    closeHour();
  }

  /** Lists the log files under {@code root} in name order, for tests and tools that walk an archive. */
  public static List<Path> files(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".log.gz")).sorted().toList();
    }
  }

  /** Gzip at the fastest level: simulated logs are large and compress well even so. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
