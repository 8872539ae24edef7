package org.lanternfish.ingest.tail;

/**
 * How far a live log has been read: which file (by identity, which survives renames) and the byte offset and line
 * number just past the last complete line handed on. Stored in the same transaction as the events it covers.
 *
 * @param source the live name being followed, such as {@code conn.log}
 * @param fileKey the identity of the file being read (device and inode), unchanged when the file is renamed
 * @param offset bytes consumed, always at a line boundary
 * @param line lines consumed
 * @param headHash {@link LiveFile#headHash hash} of the file's first {@code min(offset, 4 KiB)} bytes: an inode
 *     freed when a rotated file was archived and reused by a new file keeps its number, not its first bytes
 */
public record TailPosition(String source, String fileKey, long offset, long line, long headHash) {}
