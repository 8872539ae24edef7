package org.lanternfish.simulate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.lanternfish.simulate.organisation.Organisation;

/**
 * What to simulate.
 *
 * @param seed decides everything: the same seed writes byte-identical logs
 * @param days number of days, from {@code start} (UTC)
 * @param devices number of devices in the organisation (at least {@link Organisation#MIN_DEVICES})
 * @param scenarios scenario ids such as {@code S1}, {@code S2}, {@code beaconing}; {@code ID@N} injects on day N
 *     (0-based); {@code all} means every scenario
 * @param out directory to write the logs, {@code truth.json} and {@code defender/alerts.json} into
 * @param format TSV (Zeek's default) or JSON
 * @param start first day of the run
 * @param variants true to draw each scenario step's tradecraft from its variants and to add the benign routines
 *     that look like attacks; false writes the simulator's default tradecraft, the same bytes as before variants
 */
public record SimulationConfig(
    long seed, int days, int devices, List<String> scenarios, Path out, Format format, LocalDate start,
    boolean variants) {
  /** The default number of devices: a mid-sized office network. */
  public static final int DEFAULT_DEVICES = 300;

  /** The default first day, a Monday; fixed rather than today so that a seed alone decides the logs. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 11, 2);

  /** A run in the default tradecraft, without benign look-alike routines. */
  public SimulationConfig(long seed, int days, int devices, List<String> scenarios, Path out, Format format,
      LocalDate start) {
    this(seed, days, devices, scenarios, out, format, start, false);
  }

  /** Checks the values and makes the scenario list immutable. */
  public SimulationConfig {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    if (devices < Organisation.MIN_DEVICES) {
      throw new IllegalArgumentException(
          "devices must be at least " + Organisation.MIN_DEVICES + " (one of each role), got " + devices);
    }
    scenarios = List.copyOf(scenarios);
    if (out == null || format == null || start == null) {
      throw new IllegalArgumentException("out, format and start are required");
    }
  }
}
