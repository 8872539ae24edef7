package org.lanternfish.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lanternfish.ingest.IngestReport;

/** One in-memory pass of the embedded pipeline over log files: read in time order and summarise. */
public final class Analysis {
  private final IngestReport report = new IngestReport();
  private final TrafficSummary traffic = new TrafficSummary();
  private double seconds;

  private Analysis() {}

  /** Reads the inputs in time order and returns what was found. */
  public static Analysis run(List<Path> inputs) throws IOException {
    Analysis analysis = new Analysis();
    long start = System.nanoTime();
    TimeOrderedReader.read(inputs, analysis.traffic, analysis.report, (file, bytes) -> {});
    analysis.seconds = (System.nanoTime() - start) / 1e9;
    return analysis;
  }

  /** Records, malformed lines and skipped types. */
  public IngestReport report() {
    return report;
  }

  /** Time span and hosts. */
  public TrafficSummary traffic() {
    return traffic;
  }

  /** Wall-clock seconds the pass took. */
  public double seconds() {
    return seconds;
  }
}
