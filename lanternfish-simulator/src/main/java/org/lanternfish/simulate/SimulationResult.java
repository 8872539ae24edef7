package org.lanternfish.simulate;

import java.nio.file.Path;
import org.lanternfish.simulate.truth.Truth;

/**
 * What a simulation wrote.
 *
 * @param records log records written
 * @param files log files written
 * @param alerts Defender alerts written to {@code defender/alerts.json}
 * @param truth the ground truth, also written to {@code truthFile}
 * @param truthFile where the truth was written
 */
public record SimulationResult(long records, long files, int alerts, Truth truth, Path truthFile) {}
