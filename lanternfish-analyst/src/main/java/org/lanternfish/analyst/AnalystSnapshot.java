package org.lanternfish.analyst;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.lanternfish.breach.Breach;
import org.lanternfish.breach.Evidence;
import org.lanternfish.breach.Peer;
import org.lanternfish.breach.Tactic;

/**
 * The AI Analyst's state in a versioned binary format of our own: every breach it still holds is written once and
 * referred to by position, so a breach shared by a strand, the index and the pending list stays one object after a
 * restore. A CRC-32 trailer makes a damaged snapshot fail clearly instead of restoring wrong incidents.
 */
final class AnalystSnapshot {

  /** "LFAN": a Lanternfish analyst snapshot. */
  static final int MAGIC = 0x4c46414e;
  /** Raised whenever what is written changes. */
  static final int VERSION = 1;

  private static final byte DEVICE_KEY = 'D';
  private static final byte ADDRESS_KEY = 'A';
  private static final byte MARK_KEY = 'M';

  private AnalystSnapshot() {}

  static byte[] write(Analyst analyst) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      new Writer(out).analyst(analyst);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write analyst snapshot", e);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    long sum = crc.getValue();
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes.write((int) (sum >>> shift));
    }
    return bytes.toByteArray();
  }

  static Analyst read(byte[] snapshot, AnalystConfig config, TradecraftProfiles profiles) {
    if (snapshot.length < 12) {
      throw new IllegalArgumentException("not an analyst snapshot: " + snapshot.length + " bytes");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot, 0, snapshot.length - 4));
    try {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not an analyst snapshot (wrong magic number)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new AnalystSnapshotVersionException(version, VERSION);
      }
      CRC32 crc = new CRC32();
      crc.update(snapshot, 0, snapshot.length - 4);
      long stored = 0;
      for (int i = snapshot.length - 4; i < snapshot.length; i++) {
        stored = stored << 8 | snapshot[i] & 0xff;
      }
      if (stored != crc.getValue()) {
        throw new IllegalArgumentException("analyst snapshot is damaged (checksum mismatch)");
      }
      Analyst analyst = new Analyst(config, profiles);
      new Reader(in).analyst(analyst);
      if (in.available() != 0) {
        throw new IllegalArgumentException("analyst snapshot is damaged (" + in.available() + " bytes left over)");
      }
      return analyst;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException bad) {
        throw bad;
      }
      throw new IllegalArgumentException("analyst snapshot is damaged: " + e, e);
    }
  }

  private static final class Writer {
    private final DataOutputStream out;
    private final Map<Breach, Integer> breaches = new IdentityHashMap<>();
    private final Map<Node, Integer> nodes = new IdentityHashMap<>();

    Writer(DataOutputStream out) {
      this.out = out;
    }

    void analyst(Analyst a) throws IOException {
      List<Node> allNodes = new ArrayList<>();
      a.index.values().forEach(deque -> deque.forEach(n -> collect(n, allNodes)));
      a.pending.forEach(n -> collect(n, allNodes));
      List<Breach> allBreaches = new ArrayList<>();
      allNodes.forEach(n -> collect(n.breach(), allBreaches));
      a.strands.values().forEach(s -> s.breaches.forEach(b -> collect(b, allBreaches)));

      out.writeInt(allBreaches.size());
      for (Breach b : allBreaches) {
        breach(b);
      }
      out.writeInt(allNodes.size());
      for (Node n : allNodes) {
        out.writeInt(n.index());
        out.writeInt(breaches.get(n.breach()));
        string(n.step().name());
        marks(n.marks());
        string(n.internalPeer());
      }
      out.writeInt(a.parent.size());
      for (int p : a.parent) {
        out.writeInt(p);
      }
      out.writeInt(a.strands.size());
      for (Map.Entry<Integer, Strand> e : a.strands.entrySet()) {
        out.writeInt(e.getKey());
        strand(e.getValue());
      }
      out.writeInt(a.index.size());
      for (Map.Entry<Object, ArrayDeque<Node>> e : a.index.entrySet()) {
        switch (e.getKey()) {
          case Analyst.DeviceKey k -> {
            out.writeByte(DEVICE_KEY);
            string(k.device());
          }
          case Analyst.AddressKey k -> {
            out.writeByte(ADDRESS_KEY);
            string(k.address());
          }
          case Mark m -> {
            out.writeByte(MARK_KEY);
            mark(m);
          }
          default -> throw new IllegalStateException("unknown index key " + e.getKey());
        }
        nodeRefs(e.getValue());
      }
      nodeRefs(a.pending);
      out.writeInt(a.seenIds.size());
      for (Map.Entry<String, Long> e : a.seenIds.entrySet()) {
        string(e.getKey());
        out.writeLong(e.getValue());
      }
      out.writeLong(a.rejected);
      out.writeLong(a.currentTs);
      out.writeLong(a.maxTs);
      links(a.links);
    }

    private void collect(Node n, List<Node> all) {
      if (nodes.putIfAbsent(n, all.size()) == null) {
        all.add(n);
      }
    }

    private void collect(Breach b, List<Breach> all) {
      if (breaches.putIfAbsent(b, all.size()) == null) {
        all.add(b);
      }
    }

    private void nodeRefs(java.util.Collection<Node> refs) throws IOException {
      out.writeInt(refs.size());
      for (Node n : refs) {
        out.writeInt(nodes.get(n));
      }
    }

    private void strand(Strand s) throws IOException {
      out.writeInt(s.breaches.size());
      for (Breach b : s.breaches) {
        out.writeInt(breaches.get(b));
      }
      out.writeInt(s.history.size());
      for (Map.Entry<Long, Strand.Moment> e : s.history.entrySet()) {
        out.writeLong(e.getKey());
        strings(List.copyOf(e.getValue().added()));
        out.writeInt(e.getValue().priority());
      }
      out.writeBoolean(s.visible);
      string(s.shownId);
      out.writeLong(s.lastTs);
    }

    private void links(Links links) throws IOException {
      out.writeInt(links.devicesByMark.size());
      for (Map.Entry<Mark, Set<String>> e : links.devicesByMark.entrySet()) {
        mark(e.getKey());
        strings(List.copyOf(e.getValue()));
      }
      strings(List.copyOf(links.knownDevices));
      out.writeInt(links.recentByDevice.size());
      for (Map.Entry<String, ArrayDeque<Long>> e : links.recentByDevice.entrySet()) {
        string(e.getKey());
        out.writeInt(e.getValue().size());
        for (long ts : e.getValue()) {
          out.writeLong(ts);
        }
      }
    }

    private void breach(Breach b) throws IOException {
      string(b.id());
      string(b.modelId());
      string(b.model());
      string(b.category());
      out.writeLong(b.ts());
      string(b.device());
      string(b.peer() == null ? null : b.peer().kind().name());
      string(b.peerValue());
      out.writeInt(b.score());
      strings(b.techniques());
      strings(b.tactics().stream().map(Tactic::name).toList());
      string(b.explanation());
      out.writeInt(b.evidence().size());
      for (Evidence e : b.evidence()) {
        string(e.kind());
        string(e.text());
        out.writeDouble(e.value());
      }
      strings(b.recordUids());
      out.writeInt(b.entities().size());
      for (Map.Entry<String, String> e : b.entities().entrySet()) {
        string(e.getKey());
        string(e.getValue());
      }
    }

    private void marks(List<Mark> marks) throws IOException {
      out.writeInt(marks.size());
      for (Mark m : marks) {
        mark(m);
      }
    }

    private void mark(Mark m) throws IOException {
      string(m.kind().name());
      string(m.value());
    }

    private void strings(List<String> values) throws IOException {
      out.writeInt(values.size());
      for (String v : values) {
        string(v);
      }
    }

    /** Length-prefixed UTF-8, -1 for null: unlike writeUTF, no 64 KiB limit on an explanation. */
    private void string(String s) throws IOException {
      if (s == null) {
        out.writeInt(-1);
        return;
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
  }

  private static final class Reader {
    private final DataInputStream in;
    private final List<Breach> breaches = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    Reader(DataInputStream in) {
      this.in = in;
    }

    void analyst(Analyst a) throws IOException {
      for (int i = 0, n = count(); i < n; i++) {
        breaches.add(breach());
      }
      for (int i = 0, n = count(); i < n; i++) {
        int index = in.readInt();
        Breach breach = breaches.get(in.readInt());
        nodes.add(new Node(index, breach, Step.valueOf(string()), marks(), string()));
      }
      for (int i = 0, n = count(); i < n; i++) {
        a.parent.add(in.readInt());
      }
      for (int i = 0, n = count(); i < n; i++) {
        a.strands.put(in.readInt(), strand());
      }
      for (int i = 0, n = count(); i < n; i++) {
        Object key = switch (in.readByte()) {
          case DEVICE_KEY -> new Analyst.DeviceKey(string());
          case ADDRESS_KEY -> new Analyst.AddressKey(string());
          case MARK_KEY -> mark();
          default -> throw new IllegalArgumentException("analyst snapshot is damaged (unknown index key)");
        };
        a.index.put(key, new ArrayDeque<>(nodeRefs()));
      }
      a.pending.addAll(nodeRefs());
      for (int i = 0, n = count(); i < n; i++) {
        a.seenIds.put(string(), in.readLong());
      }
      a.rejected = in.readLong();
      a.currentTs = in.readLong();
      a.maxTs = in.readLong();
      links(a.links);
    }

    private List<Node> nodeRefs() throws IOException {
      int n = count();
      List<Node> refs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        refs.add(nodes.get(in.readInt()));
      }
      return refs;
    }

    private Strand strand() throws IOException {
      Strand s = new Strand();
      for (int i = 0, n = count(); i < n; i++) {
        s.breaches.add(breaches.get(in.readInt()));
      }
      for (int i = 0, n = count(); i < n; i++) {
        long ts = in.readLong();
        TreeSet<String> added = new TreeSet<>(strings());
        s.history.put(ts, new Strand.Moment(added, in.readInt()));
      }
      s.visible = in.readBoolean();
      s.shownId = string();
      s.lastTs = in.readLong();
      return s;
    }

    private void links(Links links) throws IOException {
      for (int i = 0, n = count(); i < n; i++) {
        links.devicesByMark.put(mark(), new HashSet<>(strings()));
      }
      links.knownDevices.addAll(strings());
      for (int i = 0, n = count(); i < n; i++) {
        String device = string();
        ArrayDeque<Long> recent = new ArrayDeque<>();
        for (int j = 0, m = count(); j < m; j++) {
          recent.add(in.readLong());
        }
        links.recentByDevice.put(device, recent);
      }
    }

    private Breach breach() throws IOException {
      String id = string();
      String modelId = string();
      String model = string();
      String category = string();
      long ts = in.readLong();
      String device = string();
      String peerKind = string();
      String peerValue = string();
      Peer peer = peerKind == null ? null : new Peer(Peer.Kind.valueOf(peerKind), peerValue);
      int score = in.readInt();
      List<String> techniques = strings();
      List<Tactic> tactics = strings().stream().map(Tactic::valueOf).toList();
      String explanation = string();
      List<Evidence> evidence = new ArrayList<>();
      for (int i = 0, n = count(); i < n; i++) {
        evidence.add(new Evidence(string(), string(), in.readDouble()));
      }
      List<String> uids = strings();
      Map<String, String> entities = new LinkedHashMap<>();
      for (int i = 0, n = count(); i < n; i++) {
        entities.put(string(), string());
      }
      return new Breach(id, modelId, model, category, ts, device, peer, score, techniques, tactics, explanation,
          evidence, uids, entities);
    }

    private List<Mark> marks() throws IOException {
      int n = count();
      List<Mark> marks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        marks.add(mark());
      }
      return List.copyOf(marks);
    }

    private Mark mark() throws IOException {
      return new Mark(Mark.Kind.valueOf(string()), string());
    }

    private List<String> strings() throws IOException {
      int n = count();
      List<String> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(string());
      }
      return values;
    }

    private String string() throws IOException {
      int length = in.readInt();
      if (length < 0) {
        return null;
      }
      if (length > in.available()) {
        throw new IllegalArgumentException("analyst snapshot is damaged (a text runs past its end)");
      }
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private int count() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > in.available()) {
        throw new IllegalArgumentException("analyst snapshot is damaged (impossible count " + n + ")");
      }
      return n;
    }
  }
}
