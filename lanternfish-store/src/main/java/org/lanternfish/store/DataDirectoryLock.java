package org.lanternfish.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The single-writer lock on a data directory: an OS file lock on {@code lanternfish.lock}, which holds the owner's
 * PID so the next process can say who is in the way.
 *
 * <p>An OS lock rather than the mere presence of a PID file: the kernel drops it when the owner dies, even by
 * {@code kill -9}, so a crash never leaves a stale lock behind. DuckDB's own file lock stays as a second guard.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "lanternfish.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock on {@code directory}, creating it if needed, or throws naming the process that holds it. */
  static DataDirectoryLock acquire(Path directory) {
    try {
      Files.createDirectories(directory);
      FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME),
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new StoreLockedException(directory, holder(directory), "stop it first (search, stats and incidents work beside it)");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new StoreException("cannot lock data directory " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The PID written by the process that holds {@code directory}, or -1 when there is none or it is unreadable. */
  static long holder(Path directory) {
    try {
      String text = Files.readString(directory.resolve(FILE_NAME), StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? -1 : Long.parseLong(text);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
