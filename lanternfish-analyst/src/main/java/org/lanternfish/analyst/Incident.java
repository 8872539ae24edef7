package org.lanternfish.analyst;

import java.util.List;
import org.lanternfish.breach.Breach;

/**
 * Breaches the AI Analyst threaded into one attack story, ready for an analyst to read in a minute.
 *
 * @param id stable id derived from the incident's earliest breach, the same for the same input
 * @param title a short headline naming the phases reached and where it started
 * @param priority 0 to 100, from the breaches' scores, the spread across devices and the phases reached
 * @param firstTs the earliest breach, microseconds since the epoch
 * @param lastTs the latest breach
 * @param phases the kill-chain phases reached, in kill-chain order
 * @param devices the internal devices involved, in order of first appearance
 * @param edges who acted on whom, in order of first appearance
 * @param timeline every breach in time order
 * @param summary the story in plain language, each sentence linked to its breaches and records
 * @param resemblances tradecraft hints, strongest first
 * @param history how the incident grew, one revision per event time at which breaches joined
 * @param breaches the breaches, in time order
 */
public record Incident(
    String id,
    String title,
    int priority,
    long firstTs,
    long lastTs,
    List<Phase> phases,
    List<String> devices,
    List<Edge> edges,
    List<TimelineEntry> timeline,
    List<Sentence> summary,
    List<Resemblance> resemblances,
    List<Revision> history,
    List<Breach> breaches) {

  /** Makes the lists immutable. */
  public Incident {
    phases = List.copyOf(phases);
    devices = List.copyOf(devices);
    edges = List.copyOf(edges);
    timeline = List.copyOf(timeline);
    summary = List.copyOf(summary);
    resemblances = List.copyOf(resemblances);
    history = List.copyOf(history);
    breaches = List.copyOf(breaches);
  }

  /** The ids of the breaches, in time order. */
  public List<String> breachIds() {
    return breaches.stream().map(Breach::id).toList();
  }

  /** The summary as one paragraph. */
  public String summaryText() {
    return String.join(" ", summary.stream().map(Sentence::text).toList());
  }
}
