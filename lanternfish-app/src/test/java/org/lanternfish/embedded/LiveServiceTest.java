package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.simulate.Format;
import org.lanternfish.simulate.SimulationConfig;
import org.lanternfish.simulate.Simulator;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.OutboxEntry;

final class LiveServiceTest {
  @TempDir Path temp;

  @Test
  void start_directorySilentAfterAnAttack_storesItsBreachesWithinTenSeconds() throws Exception {
    Path archive = temp.resolve("archive");
    Simulator.run(new SimulationConfig(7, 2, 15, List.of("S3@1"), archive, Format.TSV,
        SimulationConfig.DEFAULT_START), (done, total, records, note) -> { });
    LiveLogs logs = LiveLogs.of(archive);
    DetectConfig config = ModelFiles.load(temp.resolve("no-models")).config(1, SystemConfiguration.defaults());

    // The attack's last breach, and what a batch read of the logs up to it finds: the follower must store all that.
    Breach last = latest(analyse(write(logs, temp.resolve("whole"), Double.MAX_VALUE), config));
    // Half a millisecond past it, so the line behind it is written however its time rounds.
    double attackEnds = last.ts() / 1e6 + 0.0005;
    List<Breach> expected = analyse(write(logs, temp.resolve("until-attack-ends"), attackEnds), config);
    assertThat(expected).contains(last);

    Path live = Files.createDirectories(temp.resolve("current"));
    try (DuckDbEventStore store = DuckDbEventStore.open(temp.resolve("data"));
        LiveService service = new LiveService(store, live, config, AnalystConfig.defaults(), 1, new IngestReport(),
            event -> { }, status -> { })) {
      service.start();
      // A pace the follower keeps up with on a busy machine, as it must with a real sensor.
      long played = logs.play(live, 4_000, attackEnds);
      long silentSince = System.nanoTime();
      Set<String> wanted = expected.stream().map(Breach::id).collect(Collectors.toSet());
      while (!stored(store).containsAll(wanted) && System.nanoTime() - silentSince < 30_000_000_000L) {
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - silentSince) / 1e9;
      System.out.printf("LiveServiceTest: breaches stored %.1f s after the last line%n", seconds);
      // The figure (goal: under 10 s) is printed for the notes, not asserted: a timed test fails on a loaded host.
      assertThat(stored(store)).as("the follower stored the attack's breaches while the logs were silent")
          .containsAll(wanted);
      LiveStatus status = service.status();
      assertThat(status.running()).isTrue();
      assertThat(status.lastCommit()).isPresent();
      assertThat(status.records()).isEqualTo(played);
      assertThat(status.eventsLearned()).isEqualTo(played);
      assertThat(status.breaches()).isGreaterThanOrEqualTo(wanted.size());
      assertThat(status.lastSeq()).isGreaterThanOrEqualTo(wanted.size());
      service.stop();
      assertThat(service.status().running()).isFalse();
    }
  }

  private Path write(LiveLogs logs, Path directory, double untilSeconds) throws Exception {
    logs.play(Files.createDirectories(directory), Integer.MAX_VALUE, untilSeconds);
    return directory;
  }

  private static List<Breach> analyse(Path logs, DetectConfig config) throws Exception {
    return Analysis.run(List.of(logs), config, AnalystConfig.defaults(), 1, TimeWindow.USUAL, (file, bytes) -> { })
        .detection().breaches();
  }

  private static Breach latest(List<Breach> breaches) {
    return breaches.stream().max(Comparator.comparingLong(Breach::ts)).orElseThrow();
  }

  private static Set<String> stored(DuckDbEventStore store) {
    return store.breachesAfter(0, 0, Integer.MAX_VALUE).stream().map(OutboxEntry.BreachStored::breach)
        .map(Breach::id).collect(Collectors.toSet());
  }
}
