package org.lanternfish.ingest.pcap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.lanternfish.event.FlowId;

/** Zeek-like connection uids ({@code C} and 17 base62 characters) derived from a flow's 5-tuple and start. */
final class FlowUid {

  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int LENGTH = 17;

  private FlowUid() {}

  /**
   * The uid of the flow; the same capture always yields the same uids, so re-imports link to the
   * same records.
   */
  static String of(String proto, FlowId id, long startMicros) {
    String tuple = proto + '|' + id.origHost() + '|' + id.origPort() + '|' + id.respHost() + '|'
        + id.respPort() + '|' + startMicros;
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(tuple.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
    StringBuilder uid = new StringBuilder(LENGTH + 1).append('C');
    for (int i = 0; i < LENGTH; i++) {
      uid.append(BASE62[(digest[i] & 0xff) % BASE62.length]);
    }
    return uid.toString();
  }
}
