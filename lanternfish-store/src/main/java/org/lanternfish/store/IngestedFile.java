package org.lanternfish.store;

/**
 * A file a batch ingest stored whole, as the ledger remembers it, so the next ingest can skip it or tell that it
 * grew.
 *
 * @param contentKey what the file held (its size and a hash of its ends)
 * @param path where it was read from
 * @param bytes its size when it was read
 * @param headKey a hash of its first bytes (up to 64 KiB), which a file that only grew since still has
 * @param lines the lines read up to its end, after which a file that grew is read on; 0 for a file read whole as
 *     one document (Defender alerts, a JSON array)
 */
public record IngestedFile(String contentKey, String path, long bytes, String headKey, long lines) {}
