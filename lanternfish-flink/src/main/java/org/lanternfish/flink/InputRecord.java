package org.lanternfish.flink;

/** One record read from an input topic: the topic it came from (which may name its log) and its bytes. */
public final class InputRecord {
  /** The topic, used as the source name a parser infers a log name from. */
  public String source;
  /** The record: one JSON line. */
  public byte[] line;

  /** For Flink's POJO serializer. */
  public InputRecord() {}

  /** A record of {@code source}. */
  public InputRecord(String source, byte[] line) {
    this.source = source;
    this.line = line;
  }
}
