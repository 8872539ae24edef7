package org.lanternfish.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.Malformation;
import org.lanternfish.store.IngestProblem;

/** Translates the reader's bad-line samples ("file:line: reason") into the store's located problems. */
public final class IngestProblems {
  private IngestProblems() {}

  /** The located samples of every malformation class in {@code report}. */
  public static List<IngestProblem> of(IngestReport report) {
    List<IngestProblem> problems = new ArrayList<>();
    for (Malformation kind : Malformation.values()) {
      for (String sample : report.samples(kind)) {
        problems.add(located(kind, sample));
      }
    }
    for (String rejected : report.rejectedFiles()) {
      int colon = rejected.indexOf(": ");
      problems.add(new IngestProblem(colon < 0 ? rejected : rejected.substring(0, colon), 0, "REJECTED_FILE",
          colon < 0 ? "rejected" : rejected.substring(colon + 2)));
    }
    return problems;
  }

  /** The exact count of bad lines per class, and of rejected files, in {@code report}. */
  public static Map<String, Long> totals(IngestReport report) {
    Map<String, Long> totals = new TreeMap<>();
    for (Malformation kind : Malformation.values()) {
      if (report.malformed(kind) > 0) {
        totals.put(kind.name(), report.malformed(kind));
      }
    }
    if (!report.rejectedFiles().isEmpty()) {
      totals.put("REJECTED_FILE", (long) report.rejectedFiles().size());
    }
    return totals;
  }

  private static IngestProblem located(Malformation kind, String sample) {
    // Samples read "path:line: reason"; the path itself may hold colons (Zeek rotation stamps), the line never does.
    int reasonAt = sample.indexOf(": ");
    String location = reasonAt < 0 ? sample : sample.substring(0, reasonAt);
    int lineAt = location.lastIndexOf(':');
    long line = 0;
    String file = location;
    if (lineAt > 0) {
      try {
        line = Long.parseLong(location.substring(lineAt + 1));
        file = location.substring(0, lineAt);
      } catch (NumberFormatException noLine) {
        line = 0;
      }
    }
    return new IngestProblem(file, line, kind.name(), reasonAt < 0 ? "" : sample.substring(reasonAt + 2));
  }
}
