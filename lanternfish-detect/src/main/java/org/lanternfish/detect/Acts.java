package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

/**
 * The open epoch's breaches, held until the epoch ends so that the breaches a device raises in one act fold into one
 * ({@link Fold}): those on one record with one peer (the session to an admin share, then each file written in it),
 * and the write and the execution of one remote execution (a payload written to the peer's admin share, then a
 * service, a scheduled task, WMI or DCOM run there, each on a record of its own). An act is read as one breach, and
 * so is the summary of the device's breaches that act tipped (it cites the act's records). Integration alerts are
 * not held (see {@link DeviceShard}).
 */
final class Acts {

  private final List<Breach> held = new ArrayList<>();

  /** Holds {@code b}, folded with every held breach of the same act. */
  void add(Breach b) {
    Breach act = b;
    int at = held.size();
    for (int i = held.size() - 1; i >= 0; i--) {
      Breach other = held.get(i);
      if (sameAct(other, act)) {
        act = Fold.of(List.of(other, act));
        held.remove(i);
        at = Math.min(at, i);
        // The act grown by this part may take in parts it passed over (an earlier write once the execution joined).
        i = held.size();
      }
    }
    held.add(at, act);
  }

  private static boolean sameAct(Breach act, Breach b) {
    if (Fold.oneRemoteExecution(act, b)) {
      return true;
    }
    if (!act.device().equals(b.device()) || !Objects.equals(act.peerValue(), b.peerValue())) {
      return false;
    }
    for (String uid : b.recordUids()) {
      if (act.recordUids().contains(uid)) {
        return true;
      }
    }
    return false;
  }

  /** Forgets every held breach (a restore replaces them). */
  void clear() {
    held.clear();
  }

  /** Hands every held breach to {@code out}, in the order their acts began. */
  void releaseTo(List<Breach> out) {
    out.addAll(held);
    held.clear();
  }

  /** Writes the held breaches of {@code all}, by device (each device's in the order its acts began). */
  static void write(List<Acts> all, DataOutput out) throws IOException {
    List<Breach> breaches = new ArrayList<>();
    for (Acts acts : all) {
      breaches.addAll(acts.held);
    }
    // A stable sort: a device's acts keep their order, and devices come in id order whatever the sharding.
    breaches.sort(Comparator.comparing(Breach::device));
    out.writeInt(breaches.size());
    for (Breach b : breaches) {
      writeBreach(b, out);
    }
  }

  /** Reads what {@link #write} wrote, handing each breach to the acts of its device's owner. */
  static void read(DataInput in, Owner owner) throws IOException {
    for (int i = in.readInt(); i > 0; i--) {
      Breach b = readBreach(in);
      owner.of(b.device()).add(b);
    }
  }

  /** The acts of the shard that owns a device. */
  interface Owner {
    Acts of(String device);
  }

  private static void writeBreach(Breach b, DataOutput out) throws IOException {
    out.writeUTF(b.id());
    writeNullable(b.modelId(), out);
    out.writeUTF(b.model());
    writeNullable(b.category(), out);
    out.writeLong(b.ts());
    out.writeUTF(b.device());
    out.writeBoolean(b.peer() != null);
    if (b.peer() != null) {
      out.writeUTF(b.peer().kind().name());
      out.writeUTF(b.peer().value());
    }
    out.writeInt(b.score());
    writeStrings(b.techniques(), out);
    writeStrings(b.tactics().stream().map(Tactic::name).toList(), out);
    out.writeUTF(b.explanation());
    out.writeInt(b.evidence().size());
    for (Evidence e : b.evidence()) {
      out.writeUTF(e.kind());
      out.writeUTF(e.text());
      out.writeDouble(e.value());
    }
    writeStrings(b.recordUids(), out);
    Map<String, String> entities = new TreeMap<>(b.entities());
    out.writeInt(entities.size());
    for (var e : entities.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static Breach readBreach(DataInput in) throws IOException {
    String id = in.readUTF();
    String modelId = readNullable(in);
    String model = in.readUTF();
    String category = readNullable(in);
    long ts = in.readLong();
    String device = in.readUTF();
    Peer peer = in.readBoolean() ? new Peer(Peer.Kind.valueOf(in.readUTF()), in.readUTF()) : null;
    int score = in.readInt();
    List<String> techniques = readStrings(in);
    List<Tactic> tactics = readStrings(in).stream().map(Tactic::valueOf).toList();
    String explanation = in.readUTF();
    List<Evidence> evidence = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      evidence.add(new Evidence(in.readUTF(), in.readUTF(), in.readDouble()));
    }
    List<String> uids = readStrings(in);
    Map<String, String> entities = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      entities.put(in.readUTF(), in.readUTF());
    }
    return new Breach(id, modelId, model, category, ts, device, peer, score, techniques, tactics, explanation,
        evidence, uids, entities);
  }

  private static void writeNullable(String value, DataOutput out) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeStrings(List<String> values, DataOutput out) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> readStrings(DataInput in) throws IOException {
    List<String> values = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      values.add(in.readUTF());
    }
    return values;
  }
}
