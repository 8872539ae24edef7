package org.lanternfish.analyst;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lanternfish.breach.Breach;

/** Writes an incident from a strand of breaches: title, priority, phases, device graph, timeline, story, hints. */
final class IncidentComposer {

  private static final Comparator<Breach> CHRONOLOGICAL =
      Comparator.comparingLong(Breach::ts).thenComparing(Breach::id);
  // Titles name at most this many phases, preferring those that say how far the attack got.
  private static final List<Phase> TITLE_PREFERENCE = List.of(Phase.EXFILTRATION, Phase.LATERAL_MOVEMENT,
      Phase.CREDENTIAL_ACCESS, Phase.COMMAND_AND_CONTROL, Phase.INITIAL_ACCESS, Phase.COLLECTION,
      Phase.EXECUTION, Phase.PRIVILEGE_ESCALATION, Phase.PERSISTENCE, Phase.DISCOVERY);
  private static final int TITLE_PHASES = 4;

  private final TradecraftProfiles profiles;

  IncidentComposer(TradecraftProfiles profiles) {
    this.profiles = profiles;
  }

  Incident compose(Strand strand) {
    List<Breach> breaches = strand.breaches().stream().sorted(CHRONOLOGICAL).toList();
    Set<String> devices = new LinkedHashSet<>();
    breaches.forEach(b -> devices.add(b.device()));
    List<TimelineEntry> timeline = new ArrayList<>();
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (Breach b : breaches) {
      Step step = Step.of(b);
      List<Phase> reached = List.copyOf(Tactics.of(b, step));
      phases.addAll(reached);
      timeline.add(new TimelineEntry(b.ts(), b.id(), b.device(), b.peerValue(), b.model(), b.score(), step, reached));
    }
    List<Edge> edges = edges(breaches, devices);
    edges.stream().filter(Edge::internal).forEach(e -> devices.add(e.to()));
    List<Resemblance> resemblances = profiles.resemblances(breaches);
    int priority = priority(breaches);
    String id = idOf(breaches.get(0));
    List<Sentence> summary = new Narrative(breaches, devices).sentences(List.copyOf(phases), resemblances);
    return new Incident(id, title(phases, breaches.get(0).device(), devices.size()), priority,
        breaches.get(0).ts(), breaches.get(breaches.size() - 1).ts(), List.copyOf(phases), List.copyOf(devices),
        edges, timeline, summary, resemblances, history(strand.history()), breaches);
  }

  /**
   * Priority from 0 to 100: mostly the strongest breach, then the next strongest, then how many phases, devices
   * and breaches the incident spans.
   */
  int priority(List<Breach> breaches) {
    List<Integer> scores = breaches.stream().map(Breach::score).sorted(Comparator.reverseOrder()).toList();
    double top = scores.get(0);
    double topFive = scores.stream().limit(5).mapToInt(Integer::intValue).average().orElse(0);
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    breaches.forEach(b -> phases.addAll(Tactics.of(b, Step.of(b))));
    long devices = breaches.stream().map(Breach::device).distinct().count();
    double p = 0.55 * top + 0.15 * topFive
        + 15 * Math.min(1, (phases.size() - 1) / 5.0)
        + 10 * Math.min(1, (devices - 1) / 4.0)
        + 5 * Math.min(1, (breaches.size() - 1) / 9.0);
    return (int) Math.max(0, Math.min(100, Math.round(p)));
  }

  /** A stable id from the earliest breach: "INC-" and twelve hex digits of its id's FNV-1a hash. */
  static String idOf(Breach earliest) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : earliest.id().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return "INC-" + String.format("%012x", hash >>> 16);
  }

  private static String title(Set<Phase> phases, String firstDevice, int deviceCount) {
    List<Phase> named = TITLE_PREFERENCE.stream().filter(phases::contains).limit(TITLE_PHASES)
        .sorted().toList();
    String what = named.isEmpty() ? "Unusual activity" : capitalise(Narrative.list(
        named.stream().map(Phase::label).toList()));
    String where = deviceCount > 1 ? " across " + deviceCount + " devices, starting on " + firstDevice
        : " on " + firstDevice;
    return what + where;
  }

  // A peer given as an address that one of the incident's devices had is drawn as that device. A remote execution
  // that folded its payload's write is drawn as both arrows, the write and the execution.
  private static List<Edge> edges(List<Breach> breaches, Set<String> devices) {
    Map<String, String> deviceAt = new HashMap<>();
    breaches.forEach(b -> {
      String address = b.entities().get(Node.DEVICE_IP);
      if (address != null) {
        deviceAt.put(address, b.device());
      }
    });
    Map<String, List<Breach>> byArrow = new LinkedHashMap<>();
    Map<String, Step> kinds = new LinkedHashMap<>();
    Map<String, String> targets = new LinkedHashMap<>();
    for (Breach b : breaches) {
      if (b.peerValue() == null || b.peerValue().isBlank()) {
        continue;
      }
      String to = deviceAt.getOrDefault(b.peerValue().strip(), b.peerValue().strip());
      if (to.equals(b.device())) {
        continue;
      }
      for (Step step : Step.steps(b)) {
        String key = b.device() + '\u0000' + to + '\u0000' + step;
        targets.put(key, to);
        byArrow.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
        kinds.put(key, step);
      }
    }
    List<Edge> edges = new ArrayList<>();
    byArrow.forEach((key, list) -> {
      Breach first = list.get(0);
      String to = targets.get(key);
      edges.add(new Edge(first.device(), to, kinds.get(key), Mark.internal(to, devices), first.ts(),
          list.get(list.size() - 1).ts(), list.stream().map(Breach::id).toList()));
    });
    return edges;
  }

  private static List<Revision> history(TreeMap<Long, Strand.Moment> moments) {
    List<Revision> revisions = new ArrayList<>();
    int count = 0;
    for (Map.Entry<Long, Strand.Moment> e : moments.entrySet()) {
      count += e.getValue().added().size();
      revisions.add(new Revision(revisions.size() + 1, e.getKey(), List.copyOf(e.getValue().added()), count,
          e.getValue().priority()));
    }
    return revisions;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
