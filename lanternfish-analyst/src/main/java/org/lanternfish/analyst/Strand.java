package org.lanternfish.analyst;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lanternfish.breach.Breach;

/** Breaches threaded together so far, shown as an incident once they carry enough signal. */
final class Strand {

  /** What joined at one event time, and the priority the strand had once it had. */
  record Moment(TreeSet<String> added, int priority) {}

  final List<Breach> breaches = new ArrayList<>();
  final TreeMap<Long, Moment> history = new TreeMap<>();
  boolean visible;
  String shownId;
  long lastTs = Long.MIN_VALUE;

  List<Breach> breaches() {
    return breaches;
  }

  TreeMap<Long, Moment> history() {
    return history;
  }

  boolean visible() {
    return visible;
  }

  String shownId() {
    return shownId;
  }

  long lastTs() {
    return lastTs;
  }

  void add(Breach breach) {
    breaches.add(breach);
    lastTs = Math.max(lastTs, breach.ts());
    history.computeIfAbsent(breach.ts(), ts -> new Moment(new TreeSet<>(), 0)).added().add(breach.id());
  }

  /** Takes in another strand's breaches and history; moments at one time are joined so tie order cannot show. */
  void absorb(Strand other) {
    breaches.addAll(other.breaches);
    lastTs = Math.max(lastTs, other.lastTs);
    visible |= other.visible;
    other.history.forEach((ts, moment) -> history.merge(ts, moment, (mine, theirs) -> {
      TreeSet<String> added = new TreeSet<>(mine.added());
      added.addAll(theirs.added());
      return new Moment(added, Math.max(mine.priority(), theirs.priority()));
    }));
  }

  void recordPriority(long ts, int priority) {
    history.computeIfPresent(ts, (t, moment) -> new Moment(moment.added(), priority));
  }

  void show(String id) {
    visible = true;
    shownId = id;
  }

  /**
   * Summed scores where repeats of one model on one device count a fifth, so a chatty device cannot look like
   * an attack on its own.
   */
  double signal() {
    Map<String, Integer> best = new HashMap<>();
    double total = 0;
    for (Breach b : breaches) {
      best.merge(b.device() + '\u0000' + model(b), b.score(), Math::max);
      total += 0.2 * b.score();
    }
    for (int score : best.values()) {
      total += 0.8 * score;
    }
    return total;
  }

  /**
   * What counts as one model: its id, and within an integration's model each alert title (its display name quotes
   * the title), so two models a user gave one name still count twice.
   */
  private static String model(Breach b) {
    return b.modelId() + '\u0000' + b.model();
  }

  boolean qualifies(AnalystConfig config) {
    if (breaches.stream().anyMatch(b -> b.score() >= config.soloScore())) {
      return true;
    }
    long models = breaches.stream().map(Strand::model).distinct().count();
    int top = breaches.stream().mapToInt(Breach::score).max().orElse(0);
    return breaches.size() >= config.minBreaches() && models >= config.minModels() && top >= config.minTopScore()
        && signal() >= config.minSignal();
  }
}
