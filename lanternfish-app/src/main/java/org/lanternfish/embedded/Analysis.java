package org.lanternfish.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.TimeWindow;

/** One in-memory pass of the embedded pipeline over log files: read in time order, detect, thread, summarise. */
public final class Analysis {
  private final IngestReport report;
  private final TrafficSummary traffic;
  private final Detection detection;
  private double seconds;

  private Analysis(Detection detection, TrafficSummary traffic, TimeWindow window) {
    this.detection = detection;
    this.traffic = traffic;
    this.report = new IngestReport(window);
  }

  /**
   * Reads the inputs in time order through detection and the AI Analyst, keeping records whose time lies in
   * {@code window}, and returns what was found.
   */
  public static Analysis run(List<Path> inputs, DetectConfig config, AnalystConfig analyst, int threads,
      TimeWindow window, TimeOrderedReader.FileListener files) throws IOException {
    try (Detection detection = new Detection(config, analyst, threads)) {
      Analysis analysis = new Analysis(detection, new TrafficSummary(config.devices()::isInternal), window);
      long start = System.nanoTime();
      TimeOrderedReader.read(inputs, event -> {
        analysis.traffic.accept(event);
        detection.accept(event);
      }, analysis.report, files);
      detection.finish();
      analysis.seconds = (System.nanoTime() - start) / 1e9;
      return analysis;
    }
  }

  /** Records, malformed lines and skipped types. */
  public IngestReport report() {
    return report;
  }

  /** Time span and hosts. */
  public TrafficSummary traffic() {
    return traffic;
  }

  /** Breaches and incidents. */
  public Detection detection() {
    return detection;
  }

  /** Wall-clock seconds the pass took. */
  public double seconds() {
    return seconds;
  }
}
