package org.lanternfish.flink;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.lanternfish.detect.RoutedEvent;
import org.lanternfish.event.Event;

/**
 * What the identity stage sends to the keyed detection stage: a record with its devices resolved (the parts of a
 * {@link RoutedEvent} other than the event, which the receiver parses again from the line), or the news that an
 * epoch closed, or that the input ended. Keyed by {@link #key}: a device's fingerprint, or for news, a key that
 * lands on the instance it is for.
 */
public final class Routed {
  /** A record for the device of {@link #key} (and maybe the other one, when the same instance owns it). */
  public static final int RECORD = 0;
  /** Epoch {@link #epoch} closed at the watermark; it ends at {@link #end}. */
  public static final int EPOCH = 1;
  /** The input ended: nothing follows. */
  public static final int END = 2;

  public int kind;
  public long key;
  public String source;
  public byte[] line;
  public String orig;
  public String resp;
  public boolean forOrig;
  public boolean forResp;
  public boolean origVpn;
  public String origAddress;
  public String respAddress;
  public String origName;
  public String respName;
  public long epoch;
  public long end;

  /** For Flink's POJO serializer. */
  public Routed() {}

  /** A record routed to the instance owning the device of {@code key}. */
  static Routed record(long key, InputRecord input, RoutedEvent r) {
    Routed m = new Routed();
    m.kind = RECORD;
    m.key = key;
    m.source = input.source;
    m.line = input.line;
    m.orig = r.orig();
    m.resp = r.resp();
    m.forOrig = r.forOrig();
    m.forResp = r.forResp();
    m.origVpn = r.origVpn();
    m.origAddress = r.origAddress();
    m.respAddress = r.respAddress();
    m.origName = r.origName();
    m.respName = r.respName();
    return m;
  }

  /** News for the instance of {@code key}. */
  static Routed news(int kind, long key, long epoch, long end) {
    Routed m = new Routed();
    m.kind = kind;
    m.key = key;
    m.epoch = epoch;
    m.end = end;
    return m;
  }

  /** The routed event again, around {@code event} parsed from {@link #line}. */
  RoutedEvent toEvent(Event event) {
    return new RoutedEvent(event, orig, resp, forOrig, forResp, origVpn, origAddress, respAddress, origName,
        respName, null, null);
  }

  /** Writes the message, for operator state. */
  void write(DataOutput out) throws IOException {
    out.writeInt(kind);
    out.writeLong(key);
    out.writeLong(epoch);
    out.writeLong(end);
    if (kind != RECORD) {
      return;
    }
    out.writeUTF(source);
    out.writeInt(line.length);
    out.write(line);
    for (String s : new String[] {orig, resp, origAddress, respAddress, origName, respName}) {
      out.writeBoolean(s != null);
      if (s != null) {
        out.writeUTF(s);
      }
    }
    out.writeBoolean(forOrig);
    out.writeBoolean(forResp);
    out.writeBoolean(origVpn);
  }

  /** Reads a message written by {@link #write}. */
  static Routed read(DataInput in) throws IOException {
    Routed m = news(in.readInt(), in.readLong(), in.readLong(), in.readLong());
    if (m.kind != RECORD) {
      return m;
    }
    m.source = in.readUTF();
    m.line = new byte[in.readInt()];
    in.readFully(m.line);
    m.orig = optional(in);
    m.resp = optional(in);
    m.origAddress = optional(in);
    m.respAddress = optional(in);
    m.origName = optional(in);
    m.respName = optional(in);
    m.forOrig = in.readBoolean();
    m.forResp = in.readBoolean();
    m.origVpn = in.readBoolean();
    return m;
  }

  private static String optional(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
