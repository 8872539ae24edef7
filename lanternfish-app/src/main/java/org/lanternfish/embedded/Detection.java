package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lanternfish.analyst.Analyst;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.analyst.Incident;
import org.lanternfish.analyst.TradecraftProfiles;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.Event;

/**
 * The detection stages of the embedded pipeline: events go through the sharded detection core, and the breaches it
 * emits are threaded by the AI Analyst into incidents when the input ends.
 */
public final class Detection implements Consumer<Event>, AutoCloseable {
  private final EmbeddedDetector runner;
  private final AnalystConfig analyst;
  private final List<Breach> breaches = new ArrayList<>();
  private List<Incident> incidents;

  /** Starts the detection core with {@code threads} shards; the AI Analyst threads with {@code analyst}. */
  public Detection(DetectConfig config, AnalystConfig analyst, int threads) {
    this.runner = new EmbeddedDetector(config, threads);
    this.analyst = analyst;
  }

  @Override
  public void accept(Event event) {
    breaches.addAll(runner.onEvent(event));
  }

  /** Ends the input: releases the breaches still held, threads all breaches into incidents. */
  public void finish() {
    breaches.addAll(runner.flush());
    incidents = Analyst.thread(breaches, analyst, TradecraftProfiles.bundled());
  }

  /** Every breach found, in the order the core released them. */
  public List<Breach> breaches() {
    return breaches;
  }

  /** The incidents, highest priority first; available after {@link #finish()}. */
  public List<Incident> incidents() {
    if (incidents == null) {
      throw new IllegalStateException("incidents exist once the input has finished");
    }
    return incidents;
  }

  /** Devices the core has identified. */
  public int devices() {
    return runner.devices();
  }

  @Override
  public void close() {
    runner.close();
  }
}
