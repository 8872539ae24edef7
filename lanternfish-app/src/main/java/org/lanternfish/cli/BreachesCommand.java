package org.lanternfish.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.OutboxEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lanternfish breaches}: the stored model breaches in the order they were committed. */
@Command(
    name = "breaches",
    mixinStandardHelpOptions = true,
    description = {
      "List the stored model breaches in commit order, each with its sequence number; --since SEQ shows only those"
          + " committed after SEQ, so a script can go on where it stopped."
    })
final class BreachesCommand implements Callable<Integer> {
  private static final int PAGE = 1_000;

  @Option(names = "--since", paramLabel = "SEQ", defaultValue = "0",
      description = "Show only breaches committed after this sequence number (default: all).")
  long since;

  @Option(names = "--min-score", paramLabel = "N", defaultValue = "0",
      description = "Hide breaches scoring below N (0 to 100).")
  int minScore;

  @Option(names = "--json", description = "Print the breaches as JSON, each with its sequence number.")
  boolean json;

  @Mixin DataDirOption data;

  @Override
  public Integer call() {
    if (since < 0) {
      throw new CommandFailure(ExitCode.USAGE, "--since must be a sequence number, 0 or more");
    }
    List<OutboxEntry.BreachStored> breaches = new ArrayList<>();
    try (DuckDbEventStore store = data.openForReading()) {
      long after = since;
      while (true) {
        List<OutboxEntry.BreachStored> page = store.breachesAfter(after, minScore, PAGE);
        breaches.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
        after = page.get(page.size() - 1).seq();
      }
    }
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (OutboxEntry.BreachStored stored : breaches) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seq", stored.seq());
        row.put("breach", stored.breach());
        rows.add(row);
      }
      System.out.println(Output.json(rows));
      return ExitCode.OK;
    }
    for (OutboxEntry.BreachStored stored : breaches) {
      Breach breach = stored.breach();
      System.out.printf("%6d  %s  [%3d] %s  %s%s%n        %s%n", stored.seq(), Output.isoTime(breach.ts()),
          breach.score(), breach.model(), breach.device(), breach.peer() == null ? "" : " -> " + breach.peer(),
          breach.explanation());
    }
    System.out.printf("%d breach%s%n", breaches.size(), breaches.size() == 1 ? "" : "es");
    return ExitCode.OK;
  }
}
