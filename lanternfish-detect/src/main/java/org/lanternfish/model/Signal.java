package org.lanternfish.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lanternfish.breach.Evidence;

/**
 * Something notable one device did, with the attributes models test, the evidence in words and numbers, the
 * entities it touched and the records behind it. The detection core raises signals; models turn them into breaches.
 */
public final class Signal {

  private final String kind;
  private final long ts;
  private final String device;
  private String peer;
  private final SmallMap<Object> attributes = new SmallMap<>(32);
  private final List<Evidence> evidence = new ArrayList<>(4);
  /** Texts of evidence not written yet, by the evidence's position (null when there are none). */
  private List<Supplier<String>> unwritten;
  private final List<String> uids = new ArrayList<>(2);
  private final SmallMap<String> entities = new SmallMap<>(8);

  /** A signal of {@code kind} raised by {@code device} at event time {@code ts}. */
  public Signal(String kind, long ts, String device, String peer) {
    this.kind = kind;
    this.ts = ts;
    this.device = device;
    this.peer = peer;
    attributes.put("device", device);
    if (peer != null) {
      attributes.put("peer", peer);
    }
  }

  /** Sets an attribute models can test and explanations can quote. */
  public Signal with(String name, Object value) {
    if (value != null) {
      attributes.put(name, value);
    }
    return this;
  }

  /** Adds an entity for the AI Analyst (credential, file, domain, destination, user_agent...) and the same attribute. */
  public Signal entity(String kind, String value) {
    if (value != null && !value.isEmpty()) {
      entities.put(kind, value);
      attributes.putIfAbsent(kind, value);
    }
    return this;
  }

  /** Adds one piece of evidence. */
  public Signal evidence(String kind, String text, double value) {
    evidence.add(new Evidence(kind, text, value));
    return this;
  }

  /**
   * Adds evidence whose text is written only when the evidence is read. For signals raised on every record of a
   * kind: most of them breach no model, and nobody reads their evidence.
   */
  public Signal evidence(String kind, Supplier<String> text, double value) {
    if (unwritten == null) {
      unwritten = new ArrayList<>(4);
    }
    while (unwritten.size() < evidence.size()) {
      unwritten.add(null);
    }
    unwritten.add(text);
    evidence.add(new Evidence(kind, null, value));
    return this;
  }

  /** Adds the id of a record behind the signal. */
  public Signal uid(String uid) {
    if (uid != null && !uid.isEmpty() && !uids.contains(uid)) {
      uids.add(uid);
    }
    return this;
  }

  /** Sets the other endpoint. */
  public Signal peer(String peer) {
    this.peer = peer;
    if (peer != null) {
      attributes.put("peer", peer);
    }
    return this;
  }

  /** The kind of signal, which models select with {@code on:}. */
  public String kind() {
    return kind;
  }

  /** Event time in microseconds. */
  public long ts() {
    return ts;
  }

  /** The device that raised it. */
  public String device() {
    return device;
  }

  /** The other endpoint, or null. */
  public String peer() {
    return peer;
  }

  /** True when the attribute is set. */
  public boolean has(String name) {
    return attributes.containsKey(name);
  }

  /** The value of an attribute, or null. */
  public Object get(String name) {
    return attributes.get(name);
  }

  /** All attributes, in the order they were set (a read-only copy). */
  public Map<String, Object> attributes() {
    return attributes.toMap();
  }

  /** The evidence so far. */
  public List<Evidence> evidence() {
    if (unwritten != null) {
      for (int i = 0; i < unwritten.size(); i++) {
        if (unwritten.get(i) != null) {
          Evidence e = evidence.get(i);
          evidence.set(i, new Evidence(e.kind(), unwritten.get(i).get(), e.value()));
        }
      }
      unwritten = null;
    }
    return evidence;
  }

  /** The record ids behind it. */
  public List<String> uids() {
    return uids;
  }

  /** The entities it touched, in the order they were added (a read-only copy). */
  public Map<String, String> entities() {
    return entities.toMap();
  }

  /** The entity of a kind, or null. */
  public String entity(String kind) {
    return entities.get(kind);
  }

  /**
   * Writes the signal in the snapshot format, so a signal waiting for its epoch's end survives a restart. Attribute
   * values keep their type (text, flag, whole or decimal number); anything else is kept as its text.
   */
  public void write(DataOutput out) throws IOException {
    out.writeUTF(kind);
    out.writeLong(ts);
    out.writeUTF(device);
    out.writeBoolean(peer != null);
    if (peer != null) {
      out.writeUTF(peer);
    }
    out.writeInt(attributes.size());
    for (int i = 0; i < attributes.size(); i++) {
      out.writeUTF(attributes.key(i));
      switch (attributes.value(i)) {
        case Boolean b -> {
          out.writeByte('b');
          out.writeBoolean(b);
        }
        case Integer n -> {
          out.writeByte('i');
          out.writeInt(n);
        }
        case Long n -> {
          out.writeByte('l');
          out.writeLong(n);
        }
        case Double n -> {
          out.writeByte('d');
          out.writeDouble(n);
        }
        case Float n -> {
          out.writeByte('d');
          out.writeDouble(n);
        }
        default -> {
          out.writeByte('s');
          out.writeUTF(attributes.value(i).toString());
        }
      }
    }
    out.writeInt(evidence().size());
    for (Evidence e : evidence) {
      out.writeUTF(e.kind());
      out.writeUTF(e.text());
      out.writeDouble(e.value());
    }
    out.writeInt(uids.size());
    for (String uid : uids) {
      out.writeUTF(uid);
    }
    out.writeInt(entities.size());
    for (int i = 0; i < entities.size(); i++) {
      out.writeUTF(entities.key(i));
      out.writeUTF(entities.value(i));
    }
  }

  /** Reads a signal written by {@link #write}. */
  public static Signal read(DataInput in) throws IOException {
    Signal s = new Signal(in.readUTF(), in.readLong(), in.readUTF(), null);
    if (in.readBoolean()) {
      s.peer = in.readUTF();
    }
    s.attributes.clear();
    int attributes = in.readInt();
    for (int i = 0; i < attributes; i++) {
      String name = in.readUTF().intern();
      int type = in.readByte();
      Object value = switch (type) {
        case 'b' -> in.readBoolean();
        case 'i' -> in.readInt();
        case 'l' -> in.readLong();
        case 'd' -> in.readDouble();
        case 's' -> in.readUTF();
        default -> throw new IOException("unknown attribute type '" + (char) type + "' in a signal");
      };
      s.attributes.put(name, value);
    }
    int evidence = in.readInt();
    for (int i = 0; i < evidence; i++) {
      s.evidence.add(new Evidence(in.readUTF(), in.readUTF(), in.readDouble()));
    }
    int uids = in.readInt();
    for (int i = 0; i < uids; i++) {
      s.uids.add(in.readUTF());
    }
    int entities = in.readInt();
    for (int i = 0; i < entities; i++) {
      s.entities.put(in.readUTF(), in.readUTF());
    }
    return s;
  }
}
