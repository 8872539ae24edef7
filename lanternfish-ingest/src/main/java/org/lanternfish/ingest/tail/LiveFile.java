package org.lanternfish.ingest.tail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogParser;
import org.lanternfish.ingest.LogReader;

/**
 * One open file being followed. The channel stays open across a rename, so the lines Zeek wrote just before
 * rotating are still read from the renamed file. Only complete lines are consumed; a line still being written
 * waits for its newline.
 */
final class LiveFile implements AutoCloseable {
  /** How much of a file's start its positions carry a hash of. */
  static final int HEAD_BYTES = 4096;

  private final String source;
  private final String fileKey;
  private final FileChannel channel;
  private final LogParser parser;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
  private final List<Event> pending = new ArrayList<>();
  /** Where the line of each pending event ends, so a reader may resume right after any event. */
  private final List<TailPosition> ends = new ArrayList<>();
  private long offset;
  private long line;
  private boolean skippingOverlong;
  private long overlongLength;
  /** The hash of the first {@link #hashedBytes} bytes, recomputed while the position is within the head. */
  private long headHash;
  private long hashedBytes = -1;

  private LiveFile(String source, String fileKey, FileChannel channel, IngestReport report) {
    this.source = source;
    this.fileKey = fileKey;
    this.channel = channel;
    this.parser = new LogParser(source, pending::add, report);
  }

  /**
   * Opens {@code path} to be read from {@code offset}, or returns null when no file is there. The file's identity is
   * taken around the open, so it names the file actually opened even if the path is being rotated at that moment.
   * The header lines at the top of the file are parsed first, so a parser resuming mid-file knows the columns; they
   * emit no events.
   */
  static LiveFile open(Path path, String source, long offset, long line, IngestReport report) throws IOException {
    while (true) {
      String before = keyOf(path);
      if (before == null) {
        return null;
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException rotatedAway) {
        continue;
      }
      if (!before.equals(keyOf(path))) {
        channel.close();
        continue;
      }
      LiveFile file = new LiveFile(source, before, channel, report);
      // A file shorter than the offset was truncated or replaced in place: it is read again from the top.
      long start = offset <= channel.size() ? offset : 0;
      if (start > 0) {
        file.readHeader(start);
      }
      file.offset = start;
      file.line = start == offset ? line : 0;
      channel.position(start);
      return file;
    }
  }

  /** The identity of a file: device and inode, which a rename keeps; null when the file is gone. */
  static String keyOf(Path path) throws IOException {
    try {
      Object dev = Files.getAttribute(path, "unix:dev");
      Object ino = Files.getAttribute(path, "unix:ino");
      return dev + ":" + ino;
    } catch (NoSuchFileException gone) {
      return null;
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      // Without inodes (non-Unix file systems) the creation time stands in for identity.
      return "ctime:" + Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).creationTime();
    }
  }

  private void readHeader(long limit) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(limit, 1 << 16));
    channel.read(head, 0);
    byte[] bytes = head.array();
    int start = 0;
    for (int i = 0; i < head.position(); i++) {
      if (bytes[i] == '\n') {
        if (bytes[start] != '#') {
          break;
        }
        parser.acceptLine(bytes, start, i - start, 0);
        start = i + 1;
      }
    }
  }

  /** Reads at most one buffer of newly written lines; returns false when nothing new was there. */
  boolean readAvailable() throws IOException {
    if (channel.read(buffer) <= 0) {
      return false;
    }
    byte[] bytes = buffer.array();
    int end = buffer.position();
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        consumeLine(bytes, start, i - start);
        start = i + 1;
      }
    }
    if (start == 0 && end == bytes.length) {
      // A line longer than the buffer: count it once and skip to its newline.
      skippingOverlong = true;
      overlongLength += end;
      offset += end;
      buffer.clear();
    } else {
      System.arraycopy(bytes, start, bytes, 0, end - start);
      buffer.position(end - start);
    }
    return true;
  }

  private void consumeLine(byte[] bytes, int start, int length) {
    line++;
    offset += length + 1;
    if (skippingOverlong) {
      parser.acceptOverlongLine(line, overlongLength + length);
      skippingOverlong = false;
      overlongLength = 0;
    } else if (length > LogReader.MAX_LINE_BYTES) {
      parser.acceptOverlongLine(line, length);
    } else {
      parser.acceptLine(bytes, start, length, line);
    }
    markEnds();
  }

  private void markEnds() {
    if (ends.size() < pending.size()) {
      TailPosition end = position();
      while (ends.size() < pending.size()) {
        ends.add(end);
      }
    }
  }

  /** Hands on the final unterminated line of a file that will not grow any more (it was rotated away). */
  void finish() {
    int length = buffer.position();
    if (length > 0 && !skippingOverlong) {
      line++;
      offset += length;
      parser.acceptUnterminatedLine(buffer.array(), 0, length, line);
      markEnds();
      buffer.clear();
    }
  }

  /** Events parsed since the last call, and forgets them. */
  List<Event> drainEvents() {
    List<Event> events = List.copyOf(pending);
    pending.clear();
    return events;
  }

  /** Where the line of each event {@link #drainEvents()} is about to return ends, and forgets them. */
  List<TailPosition> drainEnds() {
    List<TailPosition> positions = List.copyOf(ends);
    ends.clear();
    return positions;
  }

  /** The position just past the last consumed line. */
  TailPosition position() {
    long head = Math.min(offset, HEAD_BYTES);
    if (head != hashedBytes) {
      try {
        headHash = headHash(channel, head);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the head of " + source, e);
      }
      hashedBytes = head;
    }
    return new TailPosition(source, fileKey, offset, line, headHash);
  }

  /**
   * Whether {@code file} is the file {@code position} was taken in: the same device and inode, and the same first
   * bytes (a position stored without them, 0, is judged by the inode alone).
   */
  static boolean isFileOf(TailPosition position, Path file, String key) throws IOException {
    if (key == null || !key.equals(position.fileKey())) {
      return false;
    }
    if (position.headHash() == 0) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long head = Math.min(position.offset(), HEAD_BYTES);
      return channel.size() >= head && headHash(channel, head) == position.headHash();
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  /** FNV-1a over the first {@code length} bytes of {@code channel} (at most {@link #HEAD_BYTES}); never 0. */
  static long headHash(FileChannel channel, long length) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) length);
    // Positional reads leave the channel where the tail reads on.
    int read = 0;
    while (head.hasRemaining() && read >= 0) {
      read = channel.read(head, head.position());
    }
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < head.position(); i++) {
      hash = (hash ^ (head.get(i) & 0xff)) * 0x100000001b3L;
    }
    return hash == 0 ? 1 : hash;
  }

  String fileKey() {
    return fileKey;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
