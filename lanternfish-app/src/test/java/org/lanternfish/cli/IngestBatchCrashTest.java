package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.event.LogType;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoreStats;

/**
 * Kill -9 of a real batch {@code lanternfish ingest} child process half-way through an archive of hourly logs, then a
 * rerun of the same command: the store holds each record once, and the breaches and incidents a clean run stores.
 * The runs commit every few hours ({@code --commit-every 2000} events), so the kill lands between commits.
 */
final class IngestBatchCrashTest {
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");

  @TempDir Path temp;

  @Test
  void killNineHalfWay_thenRerun_storesEachRecordOnceAndWhatACleanRunStores() throws Exception {
    Path archive = temp.resolve("archive");
    assertThat(LanternfishCommand.newCommandLine().execute("simulate", "--seed", "11", "--days", "2", "--devices",
        "20", "--scenarios", "S3@1", "--out", archive.toString())).isZero();
    Path cleanData = temp.resolve("clean-data");
    long started = System.nanoTime();
    Process clean = ingest(archive, cleanData);
    assertThat(clean.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(clean.exitValue()).as(output(cleanData)).isZero();
    long cleanMillis = (System.nanoTime() - started) / 1_000_000;
    long cleanRows = totalRows(cleanData);

    // A kill too early (nothing committed yet) or too late (all committed) proves nothing: try later or earlier.
    Path crashData = null;
    double fraction = 0.6;
    for (int attempt = 0; attempt < 4 && crashData == null; attempt++) {
      Path data = temp.resolve("crash-data-" + attempt);
      Process crashing = ingest(archive, data);
      Thread.sleep((long) (cleanMillis * fraction));
      boolean killedWhileRunning = crashing.isAlive();
      crashing.destroyForcibly();
      assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long rows = Files.exists(data.resolve(DuckDbEventStore.DATABASE_FILE)) ? totalRows(data) : 0;
      System.out.printf("IngestBatchCrashTest: killed after %.0f%% of a clean run (%d ms): %,d of %,d rows stored%n",
          100 * fraction, (long) (cleanMillis * fraction), rows, cleanRows);
      if (killedWhileRunning && rows > 0 && rows < cleanRows) {
        crashData = data;
      } else {
        fraction = rows == 0 ? Math.min(0.95, fraction + 0.15) : fraction / 2;
      }
    }
    assertThat(crashData).as("a kill landed after some hours were committed and before the last").isNotNull();

    Process rerun = ingest(archive, crashData);
    assertThat(rerun.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(rerun.exitValue()).as(output(crashData)).isZero();
    assertThat(output(crashData)).as("the rerun skips the hours the killed run committed").contains("already stored");

    try (DuckDbEventStore crashed = DuckDbEventStore.openReadOnly(crashData);
        DuckDbEventStore expected = DuckDbEventStore.openReadOnly(cleanData)) {
      for (LogType type : LogType.values()) {
        String table = type.logName();
        assertThat(rows(crashed, table)).as(table).containsExactlyElementsOf(rows(expected, table));
      }
      assertThat(crashed.stats().rows().get(LogType.CONN)).isPositive();
      List<Breach> breaches = byId(expected.breaches(Instant.EPOCH, END_OF_TIME, 0));
      assertThat(breaches).as("the simulated data theft breaches models").isNotEmpty();
      assertThat(byId(crashed.breaches(Instant.EPOCH, END_OF_TIME, 0))).containsExactlyElementsOf(breaches);
      assertThat(crashed.incidents(0)).containsExactlyElementsOf(expected.incidents(0));
    }
  }

  private Process ingest(Path archive, Path data) throws IOException {
    Files.createDirectories(temp.resolve("out"));
    return LanternfishProcess.start(outputFile(data), List.of("ingest", archive.toString(), "--data-dir",
        data.toString(), "--learning-days", "1", "--commit-every", "2000"));
  }

  private Path outputFile(Path data) {
    return temp.resolve("out").resolve(data.getFileName() + ".out");
  }

  private String output(Path data) throws IOException {
    return Files.readString(outputFile(data));
  }

  private static long totalRows(Path data) {
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
      StoreStats stats = store.stats();
      return stats.rows().values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static List<Map<String, Object>> rows(DuckDbEventStore store, String table) {
    return store.query("SELECT * FROM " + table + " ORDER BY ALL", List.of());
  }

  private static List<Breach> byId(List<Breach> breaches) {
    return breaches.stream().sorted(Comparator.comparing(Breach::id)).toList();
  }
}
