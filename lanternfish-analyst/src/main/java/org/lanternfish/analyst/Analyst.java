package org.lanternfish.analyst;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lanternfish.breach.Breach;

/**
 * The AI Analyst: threads breaches, as they arrive, into incidents across devices and days.
 *
 * <p>Breaches link when they share a device, a credential, an external endpoint or a file, or when one acts on the
 * device that breaches next; incidents are the connected groups of links. Links are pairwise and symmetric, and
 * what the analyst learns about how common a mark is counts only earlier event times, so the same breaches give
 * the same incidents whatever the arrival order of breaches with equal times. Its state can be saved with
 * {@link #snapshot()} and taken up again with {@link #restore}. Not thread-safe: one per stream.
 */
public final class Analyst {

  record DeviceKey(String device) {}

  record AddressKey(String address) {}

  private static final int EVICT_EVERY = 1024;

  final AnalystConfig config;
  private final IncidentComposer composer;
  final Links links;
  final List<Integer> parent = new ArrayList<>();
  final Map<Integer, Strand> strands = new HashMap<>();
  final Map<Object, ArrayDeque<Node>> index = new HashMap<>();
  final List<Node> pending = new ArrayList<>();
  // Breach ids seen within the horizon, oldest first, so a replayed breach is recognised without unbounded memory.
  final LinkedHashMap<String, Long> seenIds = new LinkedHashMap<>();
  long rejected;
  long currentTs = Long.MIN_VALUE;
  long maxTs = Long.MIN_VALUE;

  /** An analyst with the given thresholds and tradecraft profiles. */
  public Analyst(AnalystConfig config, TradecraftProfiles profiles) {
    this.config = config;
    this.composer = new IncidentComposer(profiles);
    this.links = new Links(config);
  }

  /** Threads every breach (sorted by time, then id) and returns the incidents they make, highest priority first. */
  public static List<Incident> thread(Collection<Breach> breaches, AnalystConfig config, TradecraftProfiles profiles) {
    Analyst analyst = new Analyst(config, profiles);
    breaches.stream()
        .sorted(Comparator.comparingLong(Breach::ts).thenComparing(Breach::id))
        .forEach(analyst::onBreach);
    return analyst.incidents();
  }

  /**
   * Threads one breach and returns the incidents it created or revised; empty when it joined nothing worth
   * showing yet. A breach id seen before (within the threading horizon) is ignored, so a replay changes nothing;
   * a breach without an id, model or device is counted in {@link #rejected()} and ignored.
   */
  public List<IncidentUpdate> onBreach(Breach breach) {
    if (breach.id() == null || breach.model() == null || breach.device() == null) {
      rejected++;
      return List.of();
    }
    if (seenIds.putIfAbsent(breach.id(), breach.ts()) != null) {
      return List.of();
    }
    if (breach.ts() > currentTs) {
      pending.forEach(links::learn);
      pending.clear();
      currentTs = breach.ts();
    }
    maxTs = Math.max(maxTs, breach.ts());
    Node node = node(breach);
    parent.add(node.index());
    Set<Integer> roots = new TreeSet<>();
    for (Node candidate : candidates(node)) {
      if (links.strength(candidate, node) >= config.linkThreshold()) {
        roots.add(find(candidate.index()));
      }
    }
    register(node);
    pending.add(node);
    Strand strand = new Strand();
    strand.add(breach);
    int root = node.index();
    List<String> superseded = new ArrayList<>();
    boolean wasVisible = false;
    for (int other : roots) {
      Strand absorbed = strands.remove(other);
      if (absorbed == null) {
        // Evicted: a late breach reached back past the horizon; what it linked to is gone.
        continue;
      }
      wasVisible |= absorbed.visible();
      if (absorbed.shownId() != null) {
        superseded.add(absorbed.shownId());
      }
      absorbed.absorb(strand);
      strand = absorbed;
      if (other < root) {
        parent.set(root, other);
        root = other;
      } else {
        parent.set(other, root);
      }
    }
    strands.put(root, strand);
    if (node.index() % EVICT_EVERY == 0) {
      evict();
    }
    return publish(strand, breach.ts(), wasVisible, superseded);
  }

  /**
   * Everything the analyst holds, in a versioned binary format of our own, so a restart restores exactly the
   * incidents in the making; store it in the same commit as the breaches it has seen.
   */
  public byte[] snapshot() {
    return AnalystSnapshot.write(this);
  }

  /**
   * The analyst a {@link #snapshot()} saved, with these thresholds and profiles; throws
   * {@link AnalystSnapshotVersionException} for a snapshot of another format version and IllegalArgumentException
   * for bytes that are not an intact snapshot.
   */
  public static Analyst restore(byte[] snapshot, AnalystConfig config, TradecraftProfiles profiles) {
    return AnalystSnapshot.read(snapshot, config, profiles);
  }

  /** Breaches ignored because they lacked an id, a model or a device. */
  public long rejected() {
    return rejected;
  }

  /** The incidents shown so far, highest priority first. */
  public List<Incident> incidents() {
    return strands.values().stream()
        .filter(Strand::visible)
        .map(composer::compose)
        .sorted(Comparator.comparingInt(Incident::priority).reversed()
            .thenComparingLong(Incident::firstTs).thenComparing(Incident::id))
        .toList();
  }

  private List<IncidentUpdate> publish(Strand strand, long ts, boolean wasVisible, List<String> superseded) {
    strand.recordPriority(ts, composer.priority(strand.breaches()));
    if (!strand.visible() && !strand.qualifies(config)) {
      return List.of();
    }
    Incident incident = composer.compose(strand);
    List<String> gone = new ArrayList<>(superseded);
    gone.remove(incident.id());
    strand.show(incident.id());
    IncidentUpdate.Kind kind = wasVisible ? IncidentUpdate.Kind.UPDATED : IncidentUpdate.Kind.CREATED;
    return List.of(new IncidentUpdate(kind, incident, gone.stream().distinct().sorted().toList()));
  }

  private Node node(Breach breach) {
    String peer = breach.peerValue() == null ? null : breach.peerValue().strip();
    String internalPeer = peer != null && !peer.isEmpty()
        && (Mark.devicePeer(breach) || Mark.internal(peer, links.knownDevices())) ? peer : null;
    return new Node(parent.size(), breach, Step.of(breach), Mark.of(breach, links.knownDevices()), internalPeer);
  }

  // Each kind of link looks back only as far as it can reach, from the newest breach backwards, so a hub with
  // thousands of breaches towards it costs only its recent ones.
  private Set<Node> candidates(Node node) {
    long ts = node.breach().ts();
    Set<Node> found = new LinkedHashSet<>();
    collect(new DeviceKey(node.breach().device()), ts - 2 * config.deviceWindowMicros(), found);
    collect(new Mark(Mark.Kind.INTERNAL_PEER, node.breach().device()), ts - links.chainReach(node.breach().device()),
        found);
    String address = node.breach().entities().get(Node.DEVICE_IP);
    if (address != null) {
      collect(new Mark(Mark.Kind.INTERNAL_PEER, address), ts - links.chainReach(node.breach().device()), found);
    }
    if (node.internalPeer() != null) {
      collect(new DeviceKey(node.internalPeer()), ts - 2 * config.chainWindowMicros(), found);
      collect(new AddressKey(node.internalPeer()), ts - 2 * config.chainWindowMicros(), found);
    }
    for (Mark mark : node.marks()) {
      if (links.worthSearching(mark)) {
        collect(mark, ts - 2 * config.markWindowMicros(), found);
      }
    }
    return found;
  }

  private void collect(Object key, long since, Set<Node> found) {
    ArrayDeque<Node> nodes = index.get(key);
    if (nodes == null) {
      return;
    }
    long horizon = maxTs - config.horizonMicros();
    while (!nodes.isEmpty() && nodes.peekFirst().breach().ts() < horizon) {
      nodes.pollFirst();
    }
    for (Iterator<Node> it = nodes.descendingIterator(); it.hasNext(); ) {
      Node n = it.next();
      if (n.breach().ts() < since) {
        break;
      }
      if (n.breach().ts() >= horizon) {
        found.add(n);
      }
    }
  }

  private void register(Node node) {
    index.computeIfAbsent(new DeviceKey(node.breach().device()), k -> new ArrayDeque<>()).add(node);
    String address = node.breach().entities().get(Node.DEVICE_IP);
    if (address != null) {
      index.computeIfAbsent(new AddressKey(address), k -> new ArrayDeque<>()).add(node);
    }
    for (Mark mark : node.marks()) {
      index.computeIfAbsent(mark, k -> new ArrayDeque<>()).add(node);
    }
  }

  private int find(int i) {
    int root = i;
    while (parent.get(root) != root) {
      root = parent.get(root);
    }
    while (parent.get(i) != root) {
      int next = parent.get(i);
      parent.set(i, root);
      i = next;
    }
    return root;
  }

  // Strands nobody was shown and that nothing can link to any more only cost memory.
  private void evict() {
    long horizon = maxTs - config.horizonMicros();
    seenIds.values().removeIf(ts -> ts < horizon);
    for (Iterator<Strand> it = strands.values().iterator(); it.hasNext(); ) {
      Strand strand = it.next();
      if (!strand.visible() && strand.lastTs() < horizon) {
        it.remove();
      }
    }
    index.values().removeIf(nodes -> {
      nodes.removeIf(n -> n.breach().ts() < horizon);
      return nodes.isEmpty();
    });
  }
}
