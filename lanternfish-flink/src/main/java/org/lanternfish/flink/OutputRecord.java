package org.lanternfish.flink;

/** A record for one of the job's output topics. */
public final class OutputRecord {
  public String topic;
  public String key;
  public String value;

  /** For Flink's POJO serializer. */
  public OutputRecord() {}

  OutputRecord(String topic, String key, String value) {
    this.topic = topic;
    this.key = key;
    this.value = value;
  }
}
