package org.lanternfish.store;

/**
 * How far a live tailer has read one source, stored in the same transaction as the events it read.
 *
 * @param source the tailer's name for the stream, such as {@code zeek/current/conn.log}
 * @param fileKey identity of the file being read, such as {@code device:inode}, so a rotated file is noticed
 * @param headHash hash of the file's first bytes (as many as were read, at most 4 KiB), which tells a new file that
 *     reused the old one's inode (stored in the column {@code first_line_hash})
 * @param byteOffset offset of the first byte not yet read
 * @param lineNumber number of lines read so far
 */
public record IngestCheckpoint(String source, String fileKey, long headHash, long byteOffset, long lineNumber) {
  /** Rejects a checkpoint without a source, which could never be found again. */
  public IngestCheckpoint {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("an ingest checkpoint needs a source name");
    }
  }
}
