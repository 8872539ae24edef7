package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.embedded.LiveLogs;
import org.lanternfish.event.LogType;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.OutboxEntry;

/**
 * Kill -9 of a real {@code lanternfish ingest --follow} child process while Zeek-like logs grow and rotate, then a
 * restart: the store must hold exactly what a clean batch run of the final files holds (events, breaches and
 * incidents), nothing lost or repeated.
 */
final class IngestFollowCrashTest {
  /** The header of a Zeek TSV conn.log with the fields these tests write. */
  static final String CONN_HEADER = String.join("\n",
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
      "#open\t2024-01-01-00-00-00",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t"
          + "resp_bytes\tconn_state",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring") + "\n";
  private static final Instant END_OF_TIME = Instant.parse("2200-01-01T00:00:00Z");
  private static final int ROTATE_EVERY = 1_500;

  @TempDir Path temp;

  @Test
  void killNineAtFiveRandomMoments_whileADataTheftIsLogged_storesWhatACleanBatchIngestStores() throws Exception {
    Path archive = temp.resolve("archive");
    assertThat(LanternfishCommand.newCommandLine().execute("simulate", "--seed", "7", "--days", "2", "--devices",
        "15", "--scenarios", "S3@1", "--out", archive.toString())).isZero();
    LiveLogs logs = LiveLogs.of(archive);
    Path live = Files.createDirectories(temp.resolve("current"));
    Path crashData = temp.resolve("crash-data");
    Path cleanData = temp.resolve("clean-data");
    long seed = System.nanoTime();
    System.out.println("IngestFollowCrashTest kill moments seed: " + seed);
    Random random = new Random(seed);

    // About 25 s of writing; the follower is killed five times while it goes on, then a last one catches up.
    CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> logs.play(live, 1_400));
    for (int kill = 0; kill < 5; kill++) {
      Process follower = follow(live, crashData, -1);
      Thread.sleep(1_000 + random.nextInt(3_500));
      follower.destroyForcibly();
      assertThat(follower.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(writer.isDone()).as("the kills landed while the logs were being written").isFalse();
    Process last = follow(live, crashData, 3);
    assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(logs.lines());
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the last follower exits when the logs fall silent").isTrue();
    assertThat(last.exitValue()).isZero();

    assertThat(LanternfishCommand.newCommandLine().execute("ingest", "--learning-days", "1", "--data-dir",
        cleanData.toString(), live.toString())).isZero();
    try (DuckDbEventStore followed = DuckDbEventStore.openReadOnly(crashData);
        DuckDbEventStore clean = DuckDbEventStore.openReadOnly(cleanData)) {
      for (LogType type : LogType.values()) {
        String table = type.logName();
        assertThat(rows(followed, table)).as(table).containsExactlyElementsOf(rows(clean, table));
      }
      assertThat(rows(clean, "conn")).isNotEmpty();
      List<Breach> expected = byId(clean.breaches(Instant.EPOCH, END_OF_TIME, 0));
      assertThat(expected).as("the simulated data theft breaches models").hasSizeGreaterThan(10);
      List<Breach> found = byId(followed.breaches(Instant.EPOCH, END_OF_TIME, 0));
      assertThat(found.stream().map(IngestFollowCrashTest::named))
          .containsExactlyElementsOf(expected.stream().map(IngestFollowCrashTest::named).toList());
      assertThat(found).containsExactlyElementsOf(expected);
      assertThat(followed.incidents(0)).isNotEmpty().containsExactlyElementsOf(clean.incidents(0));
      List<OutboxEntry> outbox = followed.read(0, 1_000_000);
      assertThat(outbox.stream().filter(e -> e instanceof OutboxEntry.BreachStored)).hasSameSizeAs(expected);
      assertThat(outbox).extracting(OutboxEntry::seq).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void killDuringFollow_thenRestart_detectorStateForgetsNothing() throws Exception {
    Path live = Files.createDirectories(temp.resolve("current"));
    Path data = temp.resolve("data");
    int head = writeConn(live, 0, 400);
    Process first = follow(live, data, -1);
    awaitOutput(data, "events learned");
    CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> writeConn(live, head, 3_000));
    Thread.sleep(1_000);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String beforeKill = Files.readString(outputOf(data));

    Process second = follow(live, data, 3);
    assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(3_000);
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).isZero();

    String output = Files.readString(outputOf(data));
    String last = output.lines().filter(l -> l.contains("events learned")).reduce((a, b) -> b).orElseThrow();
    assertThat(beforeKill).contains("events learned");
    // The restarted follower's core holds every event: those learned before the kill came back from the snapshot.
    assertThat(last).endsWith(" 3000 events learned");
    assertThat(uids(data, "conn")).hasSize(3_000);
  }

  @Test
  void searchStatsAndIncidents_runBesideALiveFollower() throws Exception {
    Path live = Files.createDirectories(temp.resolve("current"));
    Path data = temp.resolve("data");
    writeConn(live, 0, 300);
    Process follower = follow(live, data, -1);
    try {
      awaitOutput(data, "records stored");
      CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> writeConn(live, 300, 1_500));
      for (String[] reader : List.of(new String[] {"stats", "--json"}, new String[] {"search", "type:conn"},
          new String[] {"incidents"}, new String[] {"stats"})) {
        List<String> args = new ArrayList<>(List.of(reader));
        args.addAll(List.of("--data-dir", data.toString()));
        assertThat(LanternfishCommand.newCommandLine().execute(args.toArray(String[]::new)))
            .as(String.join(" ", reader) + " beside the follower").isZero();
      }
      assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(1_500);
      assertThat(follower.isAlive()).as("the follower goes on").isTrue();
    } finally {
      follower.destroyForcibly();
      assertThat(follower.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static int writeConn(Path live, int from, int to) {
    try {
      for (int i = from; i < to; i++) {
        if (i % ROTATE_EVERY == 0) {
          rotate(live, "conn.log", CONN_HEADER, i);
        }
        long ts = 1_704_067_200L + i * 30L;
        append(live.resolve("conn.log"), ts + ".250000\tC" + i + "\t10.0.0." + (i % 40 + 1) + "\t" + (40000 + i)
            + "\t10.0." + (i % 3) + ".5\t" + (i % 2 == 0 ? 445 : 88) + "\ttcp\t-\t1.5\t" + i + "\t" + (2 * i)
            + "\tSF\n");
        if (i % 50 == 0) {
          Thread.sleep(100);
        }
      }
      return to;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("writing the live log failed", e);
    }
  }

  /** Waits until the follower says it stored something, so the kill lands while it is working. */
  private static void awaitOutput(Path data, String text) throws IOException, InterruptedException {
    Path out = outputOf(data);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(out) && Files.readString(out).contains(text))) {
      assertThat(System.nanoTime()).as("follower reported progress within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static Path outputOf(Path data) {
    return data.resolveSibling(data.getFileName() + ".out");
  }

  private static Process follow(Path live, Path data, double exitWhenIdle) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("ingest", "--follow", live.toString(), "--data-dir",
        data.toString(), "--learning-days", "1"));
    if (exitWhenIdle >= 0) {
      arguments.add("--exit-when-idle");
      arguments.add(Double.toString(exitWhenIdle));
    }
    return LanternfishProcess.start(outputOf(data), arguments);
  }

  private static void rotate(Path live, String name, String header, int index) throws IOException {
    Path current = live.resolve(name);
    if (Files.exists(current)) {
      Files.move(current, live.resolve(name.replace(".log", "." + index + ".log")));
    }
    append(current, header);
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<Map<String, Object>> uids(Path data, String table) {
    try (DuckDbEventStore store = DuckDbEventStore.openReadOnly(data)) {
      return store.query("SELECT uid, epoch_us(ts) AS ts FROM " + table + " ORDER BY uid", List.of());
    }
  }

  private static List<Map<String, Object>> rows(DuckDbEventStore store, String table) {
    return store.query("SELECT * FROM " + table + " ORDER BY ALL", List.of());
  }

  private static String named(Breach breach) {
    return breach.id() + " " + Instant.EPOCH.plusNanos(breach.ts() * 1_000) + " " + breach.model();
  }

  private static List<Breach> byId(List<Breach> breaches) {
    return breaches.stream().sorted(Comparator.comparing(Breach::id)).toList();
  }
}
