package org.lanternfish.simulate.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lanternfish.breach.Breach;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;
import org.lanternfish.simulate.truth.Truth;

/**
 * How well detection did on a simulated run: per scenario and step, detected or missed and how fast; the false
 * breaches per 100 device-days by score band; and how well breaches were threaded into incidents.
 *
 * @param scenarios one score per injected scenario, in truth order
 * @param breaches all breaches scored
 * @param breachesPerDay breaches of any kind per day of the run
 * @param deviceDays device-days of traffic the breaches came from
 * @param falseBreaches breaches that cite no scenario record
 * @param threading pairwise incident threading precision and recall
 */
public record Scorecard(
    List<ScenarioScore> scenarios, long breaches, double breachesPerDay, long deviceDays, FalseBreaches falseBreaches,
    Threading threading) {
  private static final int[][] BANDS = {{0, 39}, {40, 59}, {60, 79}, {80, 100}};
  private static final String[] BAND_LABELS = {"<40", "40-59", "60-79", "80+"};
  /**
   * How long after a step's last record a breach that cites it still detects it: one act is one breach, and a remote
   * execution's breach is timed by the execution that followed the payload's write within the detector's 5-minute
   * epoch, after the write's step ended.
   */
  private static final long ACT_REACH = 5 * 60_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Makes the scenario list immutable. */
  public Scorecard {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * Scores {@code breaches} against {@code truth}.
   *
   * @param incidentOfBreach incident id by breach id; a breach missing from it stands alone
   * @param deviceDays device-days of traffic, the denominator of false-breach rates
   */
  public static Scorecard score(
      Truth truth, List<Breach> breaches, Map<String, String> incidentOfBreach, long deviceDays) {
    Map<String, List<int[]>> owners = owners(truth);
    int scenarioCount = truth.scenarios().size();
    int[] primary = new int[breaches.size()];
    List<List<Breach>> byScenario = new ArrayList<>();
    for (int s = 0; s < scenarioCount; s++) {
      byScenario.add(new ArrayList<>());
    }
    List<Breach> noise = new ArrayList<>();
    for (int b = 0; b < breaches.size(); b++) {
      Breach breach = breaches.get(b);
      int[] cited = new int[scenarioCount];
      for (String uid : new HashSet<>(breach.recordUids())) {
        for (int[] owner : owners.getOrDefault(uid, List.of())) {
          cited[owner[0]]++;
        }
      }
      primary[b] = -1;
      for (int s = 0; s < scenarioCount; s++) {
        if (cited[s] > 0) {
          byScenario.get(s).add(breach);
          if (primary[b] < 0 || cited[s] > cited[primary[b]]) {
            primary[b] = s;
          }
        }
      }
      if (primary[b] < 0) {
        noise.add(breach);
      }
    }
    List<ScenarioScore> scores = new ArrayList<>();
    for (int s = 0; s < scenarioCount; s++) {
      scores.add(scoreScenario(truth.scenarios().get(s), byScenario.get(s), incidentOfBreach));
    }
    return new Scorecard(scores, breaches.size(), truth.days() <= 0 ? 0 : (double) breaches.size() / truth.days(),
        deviceDays, falseBreaches(noise, deviceDays),
        threading(breaches, primary, incidentOfBreach));
  }

  private static Map<String, List<int[]>> owners(Truth truth) {
    Map<String, List<int[]>> owners = new HashMap<>();
    for (int s = 0; s < truth.scenarios().size(); s++) {
      List<StepTruth> steps = truth.scenarios().get(s).steps();
      for (int k = 0; k < steps.size(); k++) {
        for (String uid : steps.get(k).uids()) {
          owners.computeIfAbsent(uid, u -> new ArrayList<>()).add(new int[] {s, k});
        }
      }
    }
    return owners;
  }

  private static ScenarioScore scoreScenario(ScenarioTruth scenario, List<Breach> cited, Map<String, String> incidents) {
    List<StepScore> steps = new ArrayList<>();
    long first = Long.MAX_VALUE;
    int detectedSteps = 0;
    for (StepTruth step : scenario.steps()) {
      Set<String> uids = new HashSet<>(step.uids());
      long earliest = Long.MAX_VALUE;
      int citing = 0;
      for (Breach breach : cited) {
        if (breach.recordUids().stream().anyMatch(uids::contains)) {
          citing++;
          if (breach.ts() >= step.start() && breach.ts() <= step.end() + ACT_REACH) {
            earliest = Math.min(earliest, breach.ts());
          }
        }
      }
      boolean detected = earliest != Long.MAX_VALUE;
      if (detected) {
        detectedSteps++;
        first = Math.min(first, earliest);
      }
      steps.add(new StepScore(step.name(), step.technique(), detected,
          detected ? seconds(earliest - step.start()) : null, citing));
    }
    Map<String, Integer> perIncident = new HashMap<>();
    for (Breach breach : cited) {
      perIncident.merge(incidents.getOrDefault(breach.id(), "breach:" + breach.id()), 1, Integer::sum);
    }
    int largest = perIncident.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    boolean detected = first != Long.MAX_VALUE;
    return new ScenarioScore(scenario.id(), scenario.name(), detected,
        detected ? seconds(first - scenario.start()) : null, detectedSteps, cited.size(), perIncident.size(),
        cited.isEmpty() ? null : (double) largest / cited.size(), steps);
  }

  private static FalseBreaches falseBreaches(List<Breach> noise, long deviceDays) {
    List<FalseBreaches.Band> bands = new ArrayList<>();
    for (int i = 0; i < BANDS.length; i++) {
      int low = BANDS[i][0];
      int high = BANDS[i][1];
      long count = noise.stream().filter(b -> b.score() >= low && (b.score() <= high || high == 100)).count();
      bands.add(new FalseBreaches.Band(BAND_LABELS[i], low, high, count, rate(count, deviceDays)));
    }
    return new FalseBreaches(noise.size(), rate(noise.size(), deviceDays), bands);
  }

  private static Threading threading(List<Breach> breaches, int[] primary, Map<String, String> incidentOfBreach) {
    // Per incident: how many breaches cite each scenario (key = scenario index) and how many are noise (key -1).
    Map<String, Map<Integer, Long>> members = new HashMap<>();
    Map<Integer, Long> perScenario = new HashMap<>();
    for (int b = 0; b < breaches.size(); b++) {
      if (primary[b] >= 0) {
        perScenario.merge(primary[b], 1L, Long::sum);
      }
      String incident = incidentOfBreach.get(breaches.get(b).id());
      if (incident != null) {
        members.computeIfAbsent(incident, i -> new HashMap<>()).merge(primary[b], 1L, Long::sum);
      }
    }
    long predicted = 0;
    long correct = 0;
    for (Map<Integer, Long> counts : members.values()) {
      long noise = counts.getOrDefault(-1, 0L);
      long scenarioBreaches = 0;
      for (Map.Entry<Integer, Long> e : counts.entrySet()) {
        if (e.getKey() >= 0) {
          scenarioBreaches += e.getValue();
          correct += pairs(e.getValue());
        }
      }
      predicted += pairs(scenarioBreaches) + scenarioBreaches * noise;
    }
    long truePairs = perScenario.values().stream().mapToLong(Scorecard::pairs).sum();
    return new Threading(predicted, truePairs, correct, predicted == 0 ? null : (double) correct / predicted,
        truePairs == 0 ? null : (double) correct / truePairs);
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }

  private static double rate(long count, long deviceDays) {
    return deviceDays <= 0 ? 0 : count * 100.0 / deviceDays;
  }

  private static double seconds(long micros) {
    return micros / 1e6;
  }

  /** The scorecard as indented JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scorecard is plain records and always serialises", e);
    }
  }

  /** The scorecard as a table for a terminal. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-12s %-34s %-8s %-7s %-10s %8s %9s%n", "SCENARIO", "NAME", "RESULT",
        "STEPS", "DETECT IN", "BREACHES", "INCIDENTS"));
    for (ScenarioScore s : scenarios) {
      out.append(String.format(Locale.ROOT, "%-12s %-34s %-8s %-7s %-10s %8d %9d%n", s.id(), s.name(),
          s.detected() ? "detected" : "missed", s.stepsDetected() + "/" + s.steps().size(),
          duration(s.timeToDetectSeconds()), s.breaches(), s.incidents()));
      for (StepScore step : s.steps()) {
        out.append(String.format(Locale.ROOT, "  %-44s %-10s %-8s %-10s %8d%n", step.name(), step.technique(),
            step.detected() ? "detected" : "missed", duration(step.timeToDetectSeconds()), step.breaches()));
      }
    }
    out.append(String.format(Locale.ROOT, "%nBreaches: %d over %d device-days (%.1f per day)%n", breaches, deviceDays,
        breachesPerDay));
    out.append(String.format(Locale.ROOT, "False breaches: %d (%.2f per 100 device-days)%n", falseBreaches.total(),
        falseBreaches.per100DeviceDays()));
    for (FalseBreaches.Band band : falseBreaches.bands()) {
      out.append(String.format(Locale.ROOT, "  score %-6s %8d  (%.2f per 100 device-days)%n", band.label(),
          band.count(), band.per100DeviceDays()));
    }
    out.append(String.format(Locale.ROOT, "Threading: precision %s (%d of %d threaded pairs), recall %s (%d of %d"
            + " same-scenario pairs)%n", ratio(threading.precision()), threading.correctPairs(),
        threading.predictedPairs(), ratio(threading.recall()), threading.correctPairs(), threading.truePairs()));
    return out.toString();
  }

  private static String ratio(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String duration(Double seconds) {
    if (seconds == null) {
      return "-";
    }
    long s = Math.round(seconds);
    return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
  }
}
