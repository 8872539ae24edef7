package org.lanternfish.simulate.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The ground truth of a simulated run ({@code DIR/truth.json}): which intrusions were injected, when, on which
 * devices, and the uids of the records that belong to each step.
 *
 * @param seed the run's seed
 * @param start first day of the run, ISO date (UTC)
 * @param days number of days simulated
 * @param devices number of devices in the organisation
 * @param format the log format written
 * @param scenarios the injected scenarios in injection order
 */
public record Truth(long seed, String start, int days, int devices, String format, List<ScenarioTruth> scenarios) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Makes the scenario list immutable. */
  public Truth {
    scenarios = List.copyOf(scenarios);
  }

  /** Reads a truth file written by the simulator. */
  public static Truth read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Truth.class);
  }

  /** Writes this truth as indented JSON to {@code file}. */
  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  /** Device-days of the run, the denominator of false-positive rates. */
  public long deviceDays() {
    return (long) devices * days;
  }
}
