package org.lanternfish.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names a file by what it holds rather than where it lies: its size and a SHA-256 of its first and last 64 KiB. The
 * same log copied, renamed or reached through a symbolic link has the same key, so a batch ingest can tell a file it
 * already stored without reading it whole; a log that grew has another key.
 */
public final class ContentKey {
  private static final int EDGE_BYTES = 1 << 16;

  private ContentKey() {}

  /** The key of a file's current content. */
  public static String of(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(EDGE_BYTES);
      digest.update(edge(channel, buffer, 0));
      if (size > EDGE_BYTES) {
        digest.update(edge(channel, buffer, Math.max(EDGE_BYTES, size - EDGE_BYTES)));
      }
      return size + ":" + HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("every Java runtime has SHA-256", missing);
    }
  }

  /**
   * A hash of a file's first {@code length} bytes (at most 64 KiB): equal for a file and the same file after lines
   * were appended to it.
   */
  public static String head(Path file, long length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(length, EDGE_BYTES)));
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(edge(channel, buffer, 0));
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("every Java runtime has SHA-256", missing);
    }
  }

  private static ByteBuffer edge(FileChannel channel, ByteBuffer buffer, long from) throws IOException {
    buffer.clear();
    long at = from;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        break;
      }
      at += n;
    }
    return buffer.flip();
  }
}
