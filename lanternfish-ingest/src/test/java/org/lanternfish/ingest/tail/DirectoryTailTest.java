package org.lanternfish.ingest.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lanternfish.event.Event;
import org.lanternfish.ingest.IngestReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DirectoryTailTest {
  private static final String HEADER = String.join("\n",
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      "#path\tdns",
      "#open\t2024-01-01-00-00-00",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring") + "\n";

  @TempDir Path dir;

  /** A sink that behaves like a store: events and the position are kept together, per live name. */
  private final List<String> stored = new ArrayList<>();
  private final Map<String, TailPosition> positions = new HashMap<>();
  private final IngestReport report = new IngestReport();

  private DirectoryTail newTail() {
    return new DirectoryTail(dir, name -> Optional.ofNullable(positions.get(name)), (events, position) -> {
      for (Event event : events) {
        stored.add(event.uid());
      }
      positions.put(position.source(), position);
    }, report);
  }

  private static String line(int n) {
    return (1704067200 + n) + ".000000\tC" + n + "\t10.0.0.1\t5353\t10.0.0.53\t53\tudp\thost" + n + ".example\n";
  }

  private void append(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static List<String> uids(int from, int to) {
    List<String> uids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      uids.add("C" + i);
    }
    return uids;
  }

  @Test
  void poll_followsGrowthAndWaitsForPartialLines() throws IOException {
    append("dns.log", HEADER + line(0) + line(1));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
      String partial = line(2);
      append("dns.log", partial.substring(0, 10));
      tail.poll();
      assertThat(stored).containsExactlyElementsOf(uids(0, 2));
      append("dns.log", partial.substring(10) + line(3));
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 4));
    assertThat(report.totalMalformed()).isZero();
  }

  @Test
  void poll_readsLinesWrittenJustBeforeRotation() throws IOException {
    append("dns.log", HEADER + line(0));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
      append("dns.log", line(1) + line(2));
      Files.move(dir.resolve("dns.log"), dir.resolve("dns.2024-01-01-01-00-00.log"));
      append("dns.log", HEADER + line(3));
      tail.poll();
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 4));
  }

  @Test
  void poll_betweenTheRenameAndTheNewLiveFile_continuesWhereItWas_notFromTheSinksStoredPosition()
      throws IOException {
    // A sink that has stored no position yet (it commits every few seconds, or holds the latest lines back).
    List<String> handed = new ArrayList<>();
    append("dns.log", HEADER + line(0) + line(1));
    try (DirectoryTail tail = new DirectoryTail(dir, name -> Optional.empty(),
        (events, position) -> events.forEach(e -> handed.add(e.uid())), report)) {
      tail.poll();
      // Rotation as Zeek does it: the live file is renamed, and the new one is created a moment later.
      Files.move(dir.resolve("dns.log"), dir.resolve("dns.2024-01-01-00-00-00.log"));
      tail.poll();
      append("dns.log", HEADER + line(2));
      tail.poll();
    }
    assertThat(handed).containsExactlyElementsOf(uids(0, 3));
  }

  @Test
  void restart_resumesWithoutLossOrDuplicates_evenWhenRotatedWhileDown() throws IOException {
    append("dns.log", HEADER + line(0) + line(1));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    // Down: more lines, a rotation, and lines in the new file.
    append("dns.log", line(2));
    Files.move(dir.resolve("dns.log"), dir.resolve("dns.2024-01-01-01-00-00.log"));
    append("dns.log", HEADER + line(3) + line(4));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    append("dns.log", line(5));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 6));
    assertThat(positions.get("dns.log").line()).as("8 header lines and 3 records").isEqualTo(11);
  }

  @Test
  void firstPoll_readsRotatedFilesBesideTheLiveOneFirst() throws IOException {
    append("dns.2023-12-31-23-00-00.log", HEADER + line(0));
    append("dns.log", HEADER + line(1));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
      tail.poll();
    }
    assertThat(stored).containsExactly("C0", "C1");
  }

  @Test
  void restart_readsEveryFileRotatedWhileDown() throws IOException {
    append("dns.log", HEADER + line(0));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    append("dns.log", line(1));
    Files.move(dir.resolve("dns.log"), dir.resolve("dns.a.log"));
    append("dns.log", HEADER + line(2));
    Files.move(dir.resolve("dns.log"), dir.resolve("dns.b.log"));
    append("dns.log", HEADER + line(3));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 4));
  }

  @Test
  void restart_whileTheLiveFileIsRenamedAwayAndNotYetCreated_readsTheRotatedFileAtOnce() throws IOException {
    append("dns.log", HEADER + line(0));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    // Down: lines written, then rotated; the log's next file comes only with its next line, maybe hours later.
    append("dns.log", line(1) + line(2));
    Files.move(dir.resolve("dns.log"), dir.resolve("dns.00001.log"));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
      assertThat(stored).containsExactlyElementsOf(uids(0, 3));
      tail.poll();
      append("dns.log", HEADER + line(3));
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 4));
  }

  @Test
  void restart_afterTheFileReadLastTimeWasArchived_reportsItOnceAndReadsTheNewFiles() throws IOException {
    append("dns.log", HEADER + line(0));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    append("dns.log", line(1));
    Files.move(dir.resolve("dns.log"), dir.resolve("dns.00001.log"));
    // Archived elsewhere (moved, so its inode is not freed for the next file to reuse).
    Files.move(dir.resolve("dns.00001.log"), Files.createDirectories(dir.resolve("archive")).resolve("dns.log"));
    append("dns.00002.log", HEADER + line(2));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
      tail.poll();
      append("dns.log", HEADER + line(3));
      tail.poll();
    }
    // Line 1 went with the archived file (reported); dns.00002.log was rotated before the restart noticed the loss,
    // so it counts as read with it; what comes after is read.
    assertThat(stored).containsExactly("C0", "C3");
    assertThat(report.rejectedFiles()).hasSize(1).first().asString().contains("is gone");
  }

  @Test
  void restart_afterTheClockWasSteppedBack_readsTheRotatedFilesInTheOrderTheyWereRotated() throws IOException {
    append("dns.log", HEADER + line(0) + line(1));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
      Files.move(dir.resolve("dns.log"), dir.resolve("dns.9.log"));
      append("dns.log", HEADER + line(2));
      tail.poll();
    }
    append("dns.log", line(3));
    Files.move(dir.resolve("dns.log"), dir.resolve("dns.10.log"));
    append("dns.log", HEADER + line(4));
    // The newer rotated file carries the older time, as after a virtual machine's clock was set back.
    Files.setLastModifiedTime(dir.resolve("dns.10.log"), java.nio.file.attribute.FileTime.from(
        Files.getLastModifiedTime(dir.resolve("dns.9.log")).toInstant().minusSeconds(3_600)));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 5));
  }

  @Test
  void restart_onANewFileThatReusedTheInode_readsItWhole() throws IOException {
    append("dns.log", HEADER + line(0) + line(1));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    // The old file was archived and a new one took its inode number (ext4 reuses freed inodes at once): the stored
    // position names the new file's device and inode, with the old file's first bytes.
    TailPosition old = positions.get("dns.log");
    Files.delete(dir.resolve("dns.log"));
    append("dns.log", HEADER.replace("2024-01-01-00-00-00", "2024-01-01-01-00-00") + line(2) + line(3));
    positions.put("dns.log", new TailPosition("dns.log", LiveFile.keyOf(dir.resolve("dns.log")), old.offset(),
        old.line(), old.headHash()));
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    assertThat(stored).containsExactlyElementsOf(uids(0, 4));
    assertThat(report.rejectedFiles()).hasSize(1).first().asString().contains("is gone");
  }

  @Test
  void rotatedNames_sortAsTheyWereRotated() {
    List<String> names = new ArrayList<>(List.of("conn.10.log", "conn.9.log", "conn.00012.log",
        "conn.2024-01-01-13-00-00.log", "conn.2024-01-01-09-00-00.log", "conn.a.log"));
    names.sort(DirectoryTail::compareNaturally);
    assertThat(names).containsExactly("conn.9.log", "conn.10.log", "conn.00012.log",
        "conn.2024-01-01-09-00-00.log", "conn.2024-01-01-13-00-00.log", "conn.a.log");
  }

  @Test
  void concurrentWriterWithRotations_andRestarts_storesEveryLineOnce() throws Exception {
    int total = 3_000;
    Thread writer = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; i < total; i++) {
          if (i % 500 == 0) {
            if (Files.exists(dir.resolve("dns.log"))) {
              Files.move(dir.resolve("dns.log"), dir.resolve("dns." + i + ".log"));
            }
            append("dns.log", HEADER);
          }
          append("dns.log", line(i));
          if (i % 25 == 0) {
            Thread.sleep(5);
          }
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    int restarts = 0;
    while (writer.isAlive()) {
      // A fresh tail each round stands in for a process restarted after a crash.
      try (DirectoryTail tail = newTail()) {
        for (int i = 0; i < 5; i++) {
          tail.poll();
          Thread.sleep(3);
        }
      }
      restarts++;
    }
    try (DirectoryTail tail = newTail()) {
      tail.poll();
    }
    assertThat(restarts).isGreaterThan(3);
    assertThat(stored).containsExactlyElementsOf(uids(0, total));
  }

  /**
   * A restart that resumes just as the live file is rotated (CI once caught a follower there reading the whole
   * rotated file again): the tail looked the live file up, the rename came, and it took the saved position for a file
   * that is gone. Each round stores a position mid-file, then starts a fresh tail while another thread, after a random
   * spin, rotates the live file once (the next one created at once, or only after the tail's poll) or twice.
   */
  @Test
  void restart_racingARotation_neitherRepeatsNorLosesALine() throws Exception {
    java.util.Random random = new java.util.Random(20261208);
    for (int round = 0; round < 400; round++) {
      Path history = Files.createDirectories(dir.resolve("race-" + round));
      Files.writeString(history.resolve("dns.log"), HEADER);
      for (int i = 0; i < 100; i++) {
        Files.writeString(history.resolve("dns.log"), line(i), StandardOpenOption.APPEND);
      }
      Map<String, TailPosition> saved = new HashMap<>();
      List<String> handed = new ArrayList<>();
      // The first run stored the lines up to C59 with the position just past C59.
      try (DirectoryTail first = new DirectoryTail(history, name -> Optional.empty(), (events, position) -> {
        if (handed.size() < 60) {
          events.forEach(e -> handed.add(e.uid()));
          saved.put(position.source(), position);
        }
      }, report)) {
        first.poll();
      }
      assertThat(handed).containsExactlyElementsOf(uids(0, 60));
      int spin = random.nextInt(40_000);
      int rotations = random.nextInt(3);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      Thread rotator = Thread.ofPlatform().start(() -> {
        try {
          go.await();
          for (int i = 0; i < spin; i++) {
            Thread.onSpinWait();
          }
          Files.move(history.resolve("dns.log"), history.resolve("dns.1.log"));
          if (rotations > 0) {
            Files.writeString(history.resolve("dns.log"), HEADER + line(100), StandardOpenOption.CREATE_NEW);
          }
          if (rotations > 1) {
            Files.move(history.resolve("dns.log"), history.resolve("dns.2.log"));
            Files.writeString(history.resolve("dns.log"), HEADER + line(101), StandardOpenOption.CREATE_NEW);
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      try (DirectoryTail restarted = new DirectoryTail(history, name -> Optional.ofNullable(saved.get(name)),
          (events, position) -> events.forEach(e -> handed.add(e.uid())), report)) {
        go.countDown();
        restarted.poll();
        rotator.join();
        if (rotations == 0) {
          Files.writeString(history.resolve("dns.log"), HEADER + line(100), StandardOpenOption.CREATE_NEW);
        }
        restarted.poll();
        restarted.poll();
      }
      assertThat(handed).as("round " + round + ", " + Math.max(rotations, 1) + " rotations after a spin of " + spin
          + (rotations == 0 ? ", the next file created after the poll" : "") + report.rejectedFiles())
          .containsExactlyElementsOf(uids(0, rotations > 1 ? 102 : 101));
    }
  }

  /**
   * Random histories of two logs (appends, rotations with and without a pause before the new file, logs silent for
   * several rotations), read by a sink that holds back the latest lines as the live merge does and commits only a
   * prefix of what it was handed, and restarts that drop whatever was not committed: every line is stored once.
   */
  @Test
  void randomHistories_withHeldBackLinesAndRestarts_storeEveryLineOnce() throws IOException {
    for (long seed = 0; seed < 200; seed++) {
      Path history = Files.createDirectories(dir.resolve("history-" + seed));
      HeldBackSink sink = new HeldBackSink(new java.util.Random(seed ^ 0x5DEECE66DL));
      java.util.Random random = new java.util.Random(seed);
      List<String> logs = List.of("dns.log", "dns_late.log");
      List<String> written = new ArrayList<>();
      int next = 0;
      int rotated = 0;
      DirectoryTail tail = sink.tail(history, report);
      StringBuilder trace = new StringBuilder();
      for (int step = 0; step < 120; step++) {
        String log = logs.get(random.nextInt(logs.size()));
        Path live = history.resolve(log);
        int action = random.nextInt(10);
        if (action < 5) {
          StringBuilder lines = new StringBuilder(Files.exists(live) ? "" : HEADER);
          for (int i = random.nextInt(4); i >= 0; i--) {
            lines.append(line(next));
            written.add("C" + next++);
          }
          trace.append("\nappend ").append(log).append(" to C").append(next - 1);
          Files.writeString(live, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } else if (action == 5 && Files.exists(live)) {
          String stem = log.substring(0, log.length() - 4);
          Files.move(live, history.resolve(String.format("%s.%05d.log", stem, ++rotated)));
          trace.append("\nrotate ").append(log).append(" ").append(rotated);
          if (random.nextBoolean()) {
            trace.append(" +new");
            Files.writeString(live, HEADER, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
          }
        } else if (action < 8) {
          trace.append("\npoll");
          tail.poll();
        } else if (action == 8) {
          sink.commitSome();
          trace.append("\ncommit ").append(sink.committedPositions);
        } else {
          trace.append("\ncrash");
          tail.close();
          sink.crash();
          tail = sink.tail(history, report);
        }
      }
      tail.close();
      sink.crash();
      try (DirectoryTail last = sink.tail(history, report)) {
        last.poll();
        sink.commitAll();
      }
      List<String> stored = new ArrayList<>(sink.committed);
      stored.sort(java.util.Comparator.comparingInt(uid -> Integer.parseInt(uid.substring(1))));
      assertThat(stored).as("seed " + seed + trace + report.rejectedFiles()).containsExactlyElementsOf(written);
    }
  }

  /** Holds what the tail hands on per live name, commits a prefix of it with its position, forgets the rest on a crash. */
  private static final class HeldBackSink {
    private final java.util.Random random;
    private final Map<String, java.util.ArrayDeque<Map.Entry<List<String>, TailPosition>>> held = new HashMap<>();
    private final Map<String, TailPosition> committedPositions = new HashMap<>();
    private final List<String> committed = new ArrayList<>();

    HeldBackSink(java.util.Random random) {
      this.random = random;
    }

    DirectoryTail tail(Path directory, IngestReport report) {
      return new DirectoryTail(directory, name -> Optional.ofNullable(committedPositions.get(name)),
          (events, position) -> held.computeIfAbsent(position.source(), s -> new java.util.ArrayDeque<>())
              .add(Map.entry(events.stream().map(Event::uid).toList(), position)), report);
    }

    void commitSome() {
      for (var queue : held.values()) {
        for (int n = random.nextInt(queue.size() + 1); n > 0; n--) {
          commitHead(queue);
        }
      }
    }

    void commitAll() {
      for (var queue : held.values()) {
        while (!queue.isEmpty()) {
          commitHead(queue);
        }
      }
    }

    private void commitHead(java.util.ArrayDeque<Map.Entry<List<String>, TailPosition>> queue) {
      var line = queue.poll();
      committed.addAll(line.getKey());
      committedPositions.put(line.getValue().source(), line.getValue());
    }

    void crash() {
      held.clear();
    }
  }
}
