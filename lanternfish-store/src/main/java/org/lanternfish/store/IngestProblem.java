package org.lanternfish.store;

/**
 * One input line the ingest could not use, kept so {@code stats} can show where bad input came from.
 *
 * @param file the file it came from
 * @param line its 1-based line number
 * @param problemClass a short stable class such as {@code bad-time} or {@code wrong-field-count}
 * @param reason the sentence an operator reads
 */
public record IngestProblem(String file, long line, String problemClass, String reason) {}
