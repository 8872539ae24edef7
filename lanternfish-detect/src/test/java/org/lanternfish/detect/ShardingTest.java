package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.Event;
import org.junit.jupiter.api.Test;

/** A sharded run finds exactly the breaches of a single-threaded run, and snapshots carry everything learned. */
final class ShardingTest {

  /** Office life, both stories' attacks and random noise across many devices. */
  static List<Event> busyWeek() {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    Random random = new Random(11);
    for (int k = 0; k < 3000; k++) {
      long ts = Traffic.at(3, 0, 0) + k * 20 * Traffic.SECOND;
      String src = "10.0.3." + (1 + random.nextInt(60));
      switch (random.nextInt(5)) {
        case 0 -> t.conn(ts, src, "198.51.100." + random.nextInt(40), 443, "ssl", random.nextInt(40_000_000), 900,
            "SF");
        case 1 -> t.dns(ts, src, Office.DC1, Long.toString(random.nextInt(1 << 20), 36) + ".example"
            + random.nextInt(5) + ".com", random.nextBoolean() ? 16 : 1, List.of());
        case 2 -> t.conn(ts, src, "10.0.3." + random.nextInt(250), random.nextInt(1024), null, 0, 0, "REJ");
        case 3 -> t.http(ts, src, Office.INTRANET, "intranet.corp.local", "agent-" + random.nextInt(8));
        default -> t.kerberos(ts, src, Office.DC2, "user" + random.nextInt(30), random.nextInt(4) > 0);
      }
    }
    long ts = Traffic.at(3, 22, 0);
    String smb = t.ntlm(ts, Office.client(3), Office.client(7), "adm-ops", "PC3");
    t.smbMap(ts, smb, Office.client(3), Office.client(7), "C$");
    t.smbWrite(ts + Traffic.MINUTE, smb, Office.client(3), Office.client(7), "C$", "ProgramData\\Adobe\\ARM\\x.dll");
    t.rpc(ts + 2 * Traffic.MINUTE, Office.client(3), Office.client(7), "IWbemServices", "ExecMethod");
    t.rpc(ts + 3 * Traffic.MINUTE, "10.8.0.77", Office.DC2, "drsuapi", "DRSGetNCChanges");
    return t.events;
  }

  static List<Breach> sorted(List<Breach> breaches) {
    List<Breach> copy = new ArrayList<>(breaches);
    copy.sort(Comparator.comparing(Breach::ts).thenComparing(Breach::id));
    return copy;
  }

  static List<Breach> runSharded(List<Event> events, int threads) {
    List<Breach> out = new ArrayList<>();
    try (EmbeddedDetector runner = new EmbeddedDetector(Office.config(), threads)) {
      events.forEach(e -> out.addAll(runner.onEvent(e)));
      out.addAll(runner.flush());
    }
    return sorted(out);
  }

  @Test
  void twoThreads_findTheBreachesOfOne() {
    List<Event> events = busyWeek();
    List<Breach> single = sorted(Office.detect(events));
    List<Breach> two = runSharded(events, 2);
    assertThat(single).hasSizeGreaterThan(10);
    assertThat(two).containsExactlyElementsOf(single);
    assertThat(runSharded(events, 3)).containsExactlyElementsOf(single);
  }

  @Test
  void snapshot_restoredMidStream_continuesAsIfNeverStopped() {
    List<Event> events = busyWeek();
    int half = events.size() / 2;
    long cut = Traffic.at(2, 12, 0);
    List<Event> first = events.stream().filter(e -> e.ts() < cut).toList();
    List<Event> rest = events.stream().filter(e -> e.ts() >= cut).toList();
    assertThat(first.size()).isLessThan(events.size()).isGreaterThan(half / 4);

    EmbeddedDetector whole = new EmbeddedDetector(Office.config(), 1);
    List<Breach> expected = new ArrayList<>();
    first.forEach(e -> expected.addAll(whole.onEvent(e)));
    expected.addAll(whole.onTime(cut));
    rest.forEach(e -> expected.addAll(whole.onEvent(e)));
    expected.addAll(whole.flush());

    EmbeddedDetector before = new EmbeddedDetector(Office.config(), 1);
    List<Breach> actual = new ArrayList<>();
    first.forEach(e -> actual.addAll(before.onEvent(e)));
    actual.addAll(before.onTime(cut));
    byte[] snapshot = before.snapshot();
    try (EmbeddedDetector after = new EmbeddedDetector(Office.config(), 2)) {
      after.restore(snapshot);
      assertThat(after.devices()).isEqualTo(before.devices());
      rest.forEach(e -> actual.addAll(after.onEvent(e)));
      actual.addAll(after.flush());
    }
    assertThat(sorted(actual)).containsExactlyElementsOf(sorted(expected));
  }

  @Test
  void snapshot_takenMidEpoch_keepsTheSignalsWaitingForItsEnd() {
    List<Event> events = busyWeek();
    List<Breach> expected = sorted(Office.detect(events));
    // Cuts inside epochs where first uses wait for the epoch's end to be judged against the whole network: just
    // after the admin credential's first NTLM logon on a client (22:00, the epoch ends 22:05), and in busy noise.
    long[] at = {Traffic.at(3, 22, 0) + Traffic.SECOND, Traffic.at(3, 1, 2), Traffic.at(3, 9, 3)};
    int[] cuts = new int[at.length];
    for (int c = 0; c < at.length; c++) {
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).ts() >= at[c]) {
          cuts[c] = i;
          break;
        }
      }
    }
    for (int cut : cuts) {
      assertThat(cut).isPositive();
      EmbeddedDetector before = new EmbeddedDetector(Office.config(), 1);
      List<Breach> actual = new ArrayList<>();
      events.subList(0, cut).forEach(e -> actual.addAll(before.onEvent(e)));
      byte[] snapshot = before.snapshot();
      try (EmbeddedDetector after = new EmbeddedDetector(Office.config(), 2)) {
        after.restore(snapshot);
        events.subList(cut, events.size()).forEach(e -> actual.addAll(after.onEvent(e)));
        actual.addAll(after.flush());
      }
      assertThat(sorted(actual)).as("cut before event " + cut).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void shardedRun_settledBeforeItsSnapshot_losesNoBreachOnRestore() {
    List<Event> events = busyWeek();
    List<Breach> expected = sorted(Office.detect(events));
    // Cuts just after the events that hand breaches out in a single-threaded run (breaches are handed out as the
    // epochs that raised them end): the sharded run still has them in the batch it has not processed yet.
    List<Integer> cuts = new ArrayList<>();
    try (EmbeddedDetector single = new EmbeddedDetector(Office.config(), 1)) {
      for (int i = 0; i < events.size(); i++) {
        if (!single.onEvent(events.get(i)).isEmpty()) {
          cuts.add(i + 1);
        }
      }
    }
    assertThat(cuts).isNotEmpty();
    for (int cut : cuts) {
      List<Breach> actual = new ArrayList<>();
      byte[] snapshot;
      // As a commit does: the breaches settled so far are stored with the snapshot; then the process dies.
      try (EmbeddedDetector before = new EmbeddedDetector(Office.config(), 2)) {
        events.subList(0, cut).forEach(e -> actual.addAll(before.onEvent(e)));
        actual.addAll(before.settle());
        snapshot = before.snapshot();
      }
      try (EmbeddedDetector after = new EmbeddedDetector(Office.config(), 2)) {
        after.restore(snapshot);
        events.subList(cut, events.size()).forEach(e -> actual.addAll(after.onEvent(e)));
        actual.addAll(after.flush());
      }
      assertThat(sorted(actual)).as("cut before event " + cut).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void snapshot_roundTripsToTheSameBytes() {
    EmbeddedDetector detector = new EmbeddedDetector(Office.config(), 1);
    busyWeek().forEach(detector::onEvent);
    detector.flush();
    byte[] snapshot = detector.snapshot();
    EmbeddedDetector restored = new EmbeddedDetector(Office.config(), 1);
    restored.restore(snapshot);
    assertThat(java.util.Arrays.mismatch(restored.snapshot(), snapshot)).as("first differing byte").isEqualTo(-1);
    assertThat(restored.devices()).isEqualTo(detector.devices()).isGreaterThan(80);
  }

  @Test
  void restore_rejectsWhatIsNotASnapshot() {
    EmbeddedDetector detector = new EmbeddedDetector(Office.config(), 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> detector.restore(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Lanternfish detection snapshot");
    byte[] truncated = java.util.Arrays.copyOf(new EmbeddedDetector(Office.config(), 1).snapshot(), 12);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> detector.restore(truncated))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
  }
}
