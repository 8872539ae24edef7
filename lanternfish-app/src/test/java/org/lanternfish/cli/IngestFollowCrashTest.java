package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.store.DuckDbEventStore;

/**
 * Kill -9 of a real {@code lanternfish ingest --follow} child process while Zeek-like logs grow and rotate, then a
 * restart: the store must hold exactly what a clean batch run of the final files holds, no line lost or repeated.
 */
final class IngestFollowCrashTest {
  private static final String CONN_HEADER = String.join("\n",
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
      "#open\t2024-01-01-00-00-00",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\t"
          + "resp_bytes\tconn_state",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring") + "\n";
  private static final String DNS_HEADER = String.join("\n",
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tdns",
      "#open\t2024-01-01-00-00-00",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring") + "\n";
  private static final int LINES = 6_000;
  private static final int ROTATE_EVERY = 1_500;

  @TempDir Path temp;

  @Test
  void killDuringFollow_thenRestart_storesExactlyWhatACleanRunStores() throws Exception {
    Path live = Files.createDirectories(temp.resolve("current"));
    Path crashData = temp.resolve("crash-data");
    Path cleanData = temp.resolve("clean-data");

    // The logs grow and rotate on their own thread, before, during and after the crash.
    int head = writeLines(live, 0, 300);
    Process first = follow(live, crashData, -1);
    awaitOutput(crashData, "records stored");
    CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> writeLines(live, head, LINES));
    Thread.sleep(1_000);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(500);

    Process second = follow(live, crashData, 3);
    assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(LINES);
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("restarted follower exits when idle").isTrue();
    assertThat(second.exitValue()).isZero();
    assertThat(Files.readString(outputOf(crashData))).as("the first follower was killed before it stored everything")
        .doesNotContain("following " + live + ": " + String.format("%,d", 2 * LINES) + " records");

    int batch = LanternfishCommand.newCommandLine()
        .execute("ingest", "--data-dir", cleanData.toString(), live.toString());
    assertThat(batch).isZero();

    List<Map<String, Object>> followed = uids(crashData, "conn");
    List<Map<String, Object>> clean = uids(cleanData, "conn");
    assertThat(clean).hasSize(LINES);
    assertThat(followed).containsExactlyElementsOf(clean);
    assertThat(uids(crashData, "dns")).containsExactlyElementsOf(uids(cleanData, "dns")).hasSize(LINES);
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
    writeLines(live, 0, 300);
    Process follower = follow(live, data, -1);
    try {
      awaitOutput(data, "records stored");
      CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> writeLines(live, 300, 1_500));
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
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        LanternfishCommand.class.getName(), "ingest", "--follow", live.toString(), "--data-dir", data.toString()));
    if (exitWhenIdle >= 0) {
      command.add("--exit-when-idle");
      command.add(Double.toString(exitWhenIdle));
    }
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outputOf(data).toFile())).start();
  }

  /** Appends records {@code from..to} to conn.log and dns.log, rotating both every few hundred lines. */
  private static int writeLines(Path live, int from, int to) {
    try {
      return writeLinesOrFail(live, from, to);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("writing the live logs failed", e);
    }
  }

  private static int writeLinesOrFail(Path live, int from, int to) throws IOException, InterruptedException {
    for (int i = from; i < to; i++) {
      if (i % ROTATE_EVERY == 0) {
        rotate(live, "conn.log", CONN_HEADER, i);
        rotate(live, "dns.log", DNS_HEADER, i);
      }
      long ts = 1_704_067_200L + i;
      append(live.resolve("conn.log"), ts + ".250000\tC" + i + "\t10.0.0." + (i % 200 + 1) + "\t" + (40000 + i % 20000)
          + "\t10.0.1.5\t445\ttcp\tsmb\t1.5\t" + i + "\t" + (2 * i) + "\tSF\n");
      append(live.resolve("dns.log"), ts + ".500000\tD" + i + "\t10.0.0." + (i % 200 + 1) + "\t5353\t10.0.0.53\t53"
          + "\tudp\thost" + i + ".example.org\n");
      if (i % 50 == 0) {
        Thread.sleep(100);
      }
    }
    return to;
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
}
