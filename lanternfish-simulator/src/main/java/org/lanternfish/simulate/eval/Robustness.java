package org.lanternfish.simulate.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lanternfish.breach.Breach;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.StepTruth;
import org.lanternfish.simulate.truth.Truth;

/**
 * The robustness scorecard over many simulated organisations whose scenario steps drew their tradecraft from
 * variants: recall per technique and per variant, false breaches per 100 device-days, and how many breaches and
 * incidents each story raised.
 *
 * @param runs organisations scored
 * @param deviceDays device-days of traffic over all runs
 * @param orgDays days of traffic over all runs (organisations times days)
 * @param techniques recall per ATT&amp;CK technique, in technique order
 * @param falseBreaches breaches that cite no scenario record, of any score
 * @param falseBreachesAtLeast60 those scoring 60 or more
 * @param breachesPerDay breaches of any kind per organisation-day
 * @param stories breaches and incidents per story (scenario id)
 * @param falseByModel false breaches per model, most scoring 60 or more first: where the noise comes from
 */
public record Robustness(int runs, long deviceDays, long orgDays, List<TechniqueRecall> techniques,
    Rate falseBreaches, Rate falseBreachesAtLeast60, double breachesPerDay, List<Story> stories,
    List<ModelNoise> falseByModel) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Makes the lists immutable. */
  public Robustness {
    techniques = List.copyOf(techniques);
    stories = List.copyOf(stories);
    falseByModel = List.copyOf(falseByModel);
  }

  /**
   * The false breaches of one model.
   *
   * @param model the model's name
   * @param count false breaches of any score
   * @param atLeast60 those scoring 60 or more
   */
  public record ModelNoise(String model, long count, long atLeast60) {}

  /**
   * A count and its rate per 100 device-days.
   *
   * @param count how many
   * @param per100DeviceDays count per 100 device-days
   */
  public record Rate(long count, double per100DeviceDays) {}

  /**
   * How often one technique's steps were detected.
   *
   * @param technique the ATT&amp;CK technique id
   * @param steps the step names that use it
   * @param detected steps detected
   * @param total steps injected
   * @param recall detected over total
   * @param variants the same per variant of the steps' tradecraft
   */
  public record TechniqueRecall(String technique, List<String> steps, int detected, int total, double recall,
      List<VariantRecall> variants) {}

  /**
   * How often steps drawn with one variant were detected.
   *
   * @param variant one choice of tradecraft, such as {@code svcctl} or {@code few-sites}
   * @param detected steps detected
   * @param total steps injected
   */
  public record VariantRecall(String variant, int detected, int total) {}

  /**
   * What one story raised over the runs.
   *
   * @param id the scenario id
   * @param runs runs it was injected in
   * @param breachesMean breaches citing it, mean per run
   * @param breachesMax breaches citing it, the most in one run
   * @param incidentsMean distinct incidents its breaches were threaded into, mean per run
   * @param mainIncidentShareMean share of its breaches in its main incident, mean over runs where it breached
   * @param mainIncidentShareMin the lowest such share
   */
  public record Story(String id, int runs, double breachesMean, int breachesMax, double incidentsMean,
      Double mainIncidentShareMean, Double mainIncidentShareMin) {}

  /**
   * One organisation's result.
   *
   * @param truth the ground truth of the run
   * @param scorecard detection scored against it
   * @param falseByModel its false breaches per model
   * @param site how detection was told about the organisation, such as {@code vpn-pool-configured}; counted as one
   *     more variant of every step
   */
  public record Run(Truth truth, Scorecard scorecard, List<ModelNoise> falseByModel, String site) {}

  /** The breaches of {@code breaches} that cite no record of {@code truth}'s scenarios, per model. */
  public static List<ModelNoise> falseByModel(Truth truth, List<Breach> breaches) {
    Set<String> cited = new HashSet<>();
    truth.scenarios().forEach(s -> s.steps().forEach(step -> cited.addAll(step.uids())));
    Map<String, long[]> counts = new TreeMap<>();
    for (Breach breach : breaches) {
      if (breach.recordUids().stream().noneMatch(cited::contains)) {
        long[] c = counts.computeIfAbsent(breach.model(), m -> new long[2]);
        c[0]++;
        c[1] += breach.score() >= 60 ? 1 : 0;
      }
    }
    List<ModelNoise> noise = new ArrayList<>();
    counts.forEach((model, c) -> noise.add(new ModelNoise(model, c[0], c[1])));
    return noise;
  }

  /** Sums the scorecards of {@code runs}. */
  public static Robustness of(List<Run> runs) {
    Map<String, int[]> byTechnique = new TreeMap<>();
    Map<String, TreeMap<String, int[]>> byVariant = new TreeMap<>();
    Map<String, TreeSet<String>> stepNames = new TreeMap<>();
    Map<String, List<ScenarioScore>> byStory = new TreeMap<>();
    long deviceDays = 0;
    long orgDays = 0;
    long falseAll = 0;
    long false60 = 0;
    long breaches = 0;
    for (Run run : runs) {
      deviceDays += run.truth().deviceDays();
      orgDays += run.truth().days();
      falseAll += run.scorecard().falseBreaches().total();
      false60 += run.scorecard().falseBreaches().bands().stream().filter(b -> b.low() >= 60)
          .mapToLong(FalseBreaches.Band::count).sum();
      breaches += run.scorecard().breaches();
      for (int s = 0; s < run.truth().scenarios().size(); s++) {
        ScenarioTruth scenario = run.truth().scenarios().get(s);
        ScenarioScore score = run.scorecard().scenarios().get(s);
        byStory.computeIfAbsent(scenario.id(), k -> new ArrayList<>()).add(score);
        for (int k = 0; k < scenario.steps().size(); k++) {
          StepTruth step = scenario.steps().get(k);
          int hit = score.steps().get(k).detected() ? 1 : 0;
          count(byTechnique.computeIfAbsent(step.technique(), t -> new int[2]), hit);
          stepNames.computeIfAbsent(step.technique(), t -> new TreeSet<>()).add(step.name());
          String variant = (step.variant() == null ? "default" : step.variant()) + "+" + run.site();
          for (String choice : variant.split("\\+")) {
            count(byVariant.computeIfAbsent(step.technique(), t -> new TreeMap<>())
                .computeIfAbsent(choice, v -> new int[2]), hit);
          }
        }
      }
    }
    List<TechniqueRecall> techniques = new ArrayList<>();
    byTechnique.forEach((technique, c) -> {
      List<VariantRecall> variants = new ArrayList<>();
      byVariant.get(technique).forEach((v, vc) -> variants.add(new VariantRecall(v, vc[0], vc[1])));
      techniques.add(new TechniqueRecall(technique, List.copyOf(stepNames.get(technique)), c[0], c[1],
          (double) c[0] / c[1], variants));
    });
    List<Story> stories = new ArrayList<>();
    byStory.forEach((id, scores) -> stories.add(story(id, scores)));
    Map<String, long[]> noise = new TreeMap<>();
    for (Run run : runs) {
      for (ModelNoise m : run.falseByModel()) {
        long[] c = noise.computeIfAbsent(m.model(), k -> new long[2]);
        c[0] += m.count();
        c[1] += m.atLeast60();
      }
    }
    List<ModelNoise> byModel = new ArrayList<>();
    noise.forEach((model, c) -> byModel.add(new ModelNoise(model, c[0], c[1])));
    byModel.sort(Comparator.comparingLong(ModelNoise::atLeast60).thenComparingLong(ModelNoise::count).reversed());
    return new Robustness(runs.size(), deviceDays, orgDays, techniques, rate(falseAll, deviceDays),
        rate(false60, deviceDays), orgDays == 0 ? 0 : (double) breaches / orgDays, stories, byModel);
  }

  private static void count(int[] counts, int hit) {
    counts[0] += hit;
    counts[1]++;
  }

  private static Story story(String id, List<ScenarioScore> scores) {
    List<Double> shares = scores.stream().map(ScenarioScore::mainIncidentShare).filter(s -> s != null).toList();
    return new Story(id, scores.size(), scores.stream().mapToInt(ScenarioScore::breaches).average().orElse(0),
        scores.stream().mapToInt(ScenarioScore::breaches).max().orElse(0),
        scores.stream().mapToInt(ScenarioScore::incidents).average().orElse(0),
        shares.isEmpty() ? null : shares.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
        shares.isEmpty() ? null : shares.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
  }

  private static Rate rate(long count, long deviceDays) {
    return new Rate(count, deviceDays <= 0 ? 0 : count * 100.0 / deviceDays);
  }

  /** The scorecard as indented JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scorecard is plain records and always serialises", e);
    }
  }

  /** The scorecard as tables for a terminal. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d organisations, %,d device-days%n%n", runs, deviceDays));
    out.append(String.format(Locale.ROOT, "%-11s %7s %9s  %s%n", "TECHNIQUE", "RECALL", "DETECTED", "STEPS"));
    for (TechniqueRecall t : techniques) {
      out.append(String.format(Locale.ROOT, "%-11s %6.0f%% %9s  %s%n", t.technique(), 100 * t.recall(),
          t.detected() + "/" + t.total(), String.join(", ", t.steps())));
      for (VariantRecall v : t.variants()) {
        out.append(String.format(Locale.ROOT, "    %-28s %6.0f%% %9s%n", v.variant(), 100.0 * v.detected() / v.total(),
            v.detected() + "/" + v.total()));
      }
    }
    out.append(String.format(Locale.ROOT, "%nFalse breaches: %d (%.2f per 100 device-days); score >= 60: %d (%.2f per"
            + " 100 device-days)%n", falseBreaches.count(), falseBreaches.per100DeviceDays(),
        falseBreachesAtLeast60.count(), falseBreachesAtLeast60.per100DeviceDays()));
    out.append(String.format(Locale.ROOT, "Breaches per organisation-day: %.1f%n", breachesPerDay));
    out.append(String.format(Locale.ROOT, "%n%-64s %8s %8s%n", "FALSE BREACHES BY MODEL", "ANY", ">= 60"));
    for (ModelNoise m : falseByModel) {
      out.append(String.format(Locale.ROOT, "%-64s %8d %8d%n", m.model(), m.count(), m.atLeast60()));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "%-12s %5s %14s %13s %15s %14s%n", "STORY", "RUNS", "BREACHES MEAN",
        "BREACHES MAX", "INCIDENTS MEAN", "MAIN SHARE"));
    for (Story s : stories) {
      out.append(String.format(Locale.ROOT, "%-12s %5d %14.1f %13d %15.1f %14s%n", s.id(), s.runs(), s.breachesMean(),
          s.breachesMax(), s.incidentsMean(), s.mainIncidentShareMean() == null ? "-"
              : String.format(Locale.ROOT, "%.2f (min %.2f)", s.mainIncidentShareMean(), s.mainIncidentShareMin())));
    }
    return out.toString();
  }
}
