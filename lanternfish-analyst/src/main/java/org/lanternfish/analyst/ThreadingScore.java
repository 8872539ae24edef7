package org.lanternfish.analyst;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairwise threading quality against ground truth: of the breach pairs put in one incident, how many belong to one
 * attack (precision), and of the pairs that belong to one attack, how many were put in one incident (recall).
 *
 * @param precision share of same-incident pairs that share a truth label; 1 when no pair was threaded
 * @param recall share of same-label pairs that share an incident; 1 when the truth has no pair
 * @param threadedPairs pairs of breaches put in one incident
 * @param truePairs pairs of breaches with the same truth label
 * @param correctPairs pairs that are both
 */
public record ThreadingScore(double precision, double recall, long threadedPairs, long truePairs,
    long correctPairs) {

  /** Scores incidents against a truth that maps the breach ids of each attack to its label (others are benign). */
  public static ThreadingScore of(List<Incident> incidents, Map<String, String> truthByBreachId) {
    long threaded = 0;
    long correct = 0;
    for (Incident incident : incidents) {
      threaded += pairs(incident.breaches().size());
      Map<String, Integer> byLabel = new HashMap<>();
      incident.breachIds().stream().map(truthByBreachId::get).filter(Objects::nonNull)
          .forEach(label -> byLabel.merge(label, 1, Integer::sum));
      for (int n : byLabel.values()) {
        correct += pairs(n);
      }
    }
    Map<String, Integer> labels = new HashMap<>();
    truthByBreachId.values().forEach(label -> labels.merge(label, 1, Integer::sum));
    long truth = labels.values().stream().mapToLong(ThreadingScore::pairs).sum();
    return new ThreadingScore(threaded == 0 ? 1 : (double) correct / threaded, truth == 0 ? 1 : (double) correct / truth,
        threaded, truth, correct);
  }

  private static long pairs(int n) {
    return (long) n * (n - 1) / 2;
  }
}
